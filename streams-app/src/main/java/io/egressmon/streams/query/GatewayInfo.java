package io.egressmon.streams.query;

import io.egressmon.report.GatewayAttributes;
import io.egressmon.avro.Gateway;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A gateway's inventory attributes, mapped once from the Avro {@link Gateway}. A gateway that has
 * counters but is not in the inventory gets {@link #unknown(String)}: null attributes, which the JSON
 * shows as {@code null} and the CSV as empty fields.
 */
public record GatewayInfo(
        String gateway,
        String gwType,
        String accountName,
        String vpcName,
        String vpcId,
        String vpcRegion,
        String vendorName,
        String transitGwName,
        String groupName,
        List<String> tunnelInterfaces,
        Instant observedAt) implements GatewayAttributes {

    public GatewayInfo {
        Objects.requireNonNull(gateway, "gateway");
        tunnelInterfaces = tunnelInterfaces == null ? List.of() : List.copyOf(tunnelInterfaces);
    }

    public static GatewayInfo of(Gateway g) {
        return new GatewayInfo(g.getGwName(), g.getGwType(), g.getAccountName(), g.getVpcName(), g.getVpcId(),
                g.getVpcRegion(), g.getVendorName(), g.getTransitGwName(), g.getGroupName(),
                g.getTunnelInterfaces(), g.getObservedAt());
    }

    /** A gateway the inventory does not know. */
    public static GatewayInfo unknown(String gateway) {
        return new GatewayInfo(gateway, null, null, null, null, null, null, null, null, List.of(), null);
    }

    /** True when the inventory lists this gateway as a spoke (the seed reports {@code $gw_type == "spoke"}). */
    public boolean isSpoke() {
        return gwType != null && gwType.toLowerCase(Locale.ROOT).equals("spoke");
    }
}
