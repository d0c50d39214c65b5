package io.egressmon.report;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A spoke gateway's name and the seven inventory attributes every report carries, in the order of
 * the original scripts' CSV columns and JSON keys. Attributes may be null when the inventory lacks
 * them (an empty CSV field, JSON {@code null}).
 */
public interface GatewayAttributes {
    /** The CSV column names / JSON keys, in order. */
    List<String> NAMES = List.of("gateway", "account_name", "vpc_name", "vpc_id", "vpc_region", "vendor_name",
            "transit_gw_name", "group_name");

    String gateway();

    String accountName();

    String vpcName();

    String vpcId();

    String vpcRegion();

    String vendorName();

    String transitGwName();

    String groupName();

    /** The values in {@link #NAMES} order. */
    default List<Object> attributeValues() {
        return Arrays.asList(gateway(), accountName(), vpcName(), vpcId(), vpcRegion(), vendorName(),
                transitGwName(), groupName());
    }

    /** An ordered map of {@link #NAMES} to their values, for the JSON documents. */
    default Map<String, Object> attributeMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        List<Object> values = attributeValues();
        for (int i = 0; i < NAMES.size(); i++) {
            map.put(NAMES.get(i), values.get(i));
        }
        return map;
    }
}
