package io.egressmon.api;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A gateway's name and the seven inventory attributes every report carries, in the order of the
 * original scripts' CSV columns and JSON keys. Attributes may be null when the inventory lacks the
 * gateway (an empty CSV field, JSON {@code null}, as the scripts wrote Python's {@code None}).
 */
public record GatewayAttributes(String gateway, String accountName, String vpcName, String vpcId, String vpcRegion,
                                String vendorName, String transitGwName, String groupName) {
    /** The CSV column names / JSON keys, in order. */
    public static final List<String> NAMES = List.of("gateway", "account_name", "vpc_name", "vpc_id", "vpc_region",
            "vendor_name", "transit_gw_name", "group_name");

    public GatewayAttributes {
        Objects.requireNonNull(gateway, "gateway");
    }

    /** A gateway the inventory does not know: every attribute null. */
    public static GatewayAttributes unknown(String gateway) {
        return new GatewayAttributes(gateway, null, null, null, null, null, null, null);
    }

    /** The values in {@link #NAMES} order. */
    public List<Object> values() {
        return Arrays.asList(gateway, accountName, vpcName, vpcId, vpcRegion, vendorName, transitGwName, groupName);
    }
}
