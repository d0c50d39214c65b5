package io.egressmon.api;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A gateway of the inventory, as {@code GET /api/v1/gateways} lists it. A gateway with data but
 * not in the inventory is {@link #unknown}: null attributes.
 *
 * @param gwType     lower-cased, e.g. {@code spoke}, {@code transit}
 * @param observedAt when the ingest last saw it in CoPilot's inventory; null when unknown
 */
public record InventoryGateway(String gateway, String gwType, String accountName, String vpcName, String vpcId,
                               String vpcRegion, String vendorName, String transitGwName, String groupName,
                               List<String> tunnelInterfaces, Instant observedAt) {

    public InventoryGateway {
        Objects.requireNonNull(gateway, "gateway");
        tunnelInterfaces = tunnelInterfaces == null ? List.of() : List.copyOf(tunnelInterfaces);
    }

    /** A gateway the inventory does not know. */
    public static InventoryGateway unknown(String gateway) {
        return new InventoryGateway(gateway, null, null, null, null, null, null, null, null, List.of(), null);
    }

    /** True when the inventory lists this gateway as a spoke (the original scripts report {@code $gw_type == "spoke"}). */
    public boolean isSpoke() {
        return gwType != null && gwType.toLowerCase(Locale.ROOT).equals("spoke");
    }

    /** The name and seven attributes the reports carry. */
    public GatewayAttributes attributes() {
        return new GatewayAttributes(gateway, accountName, vpcName, vpcId, vpcRegion, vendorName, transitGwName, groupName);
    }
}
