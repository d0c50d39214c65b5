package io.egressmon.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The {@code --group-by} keys of the seed's bandwidth report and the gateway attribute each one groups on. */
public enum GroupBy {
    ACCOUNT("account", "account_name", SpokeBandwidth::accountName),
    VPC("vpc", "vpc_name", SpokeBandwidth::vpcName),
    VPC_ID("vpc_id", "vpc_id", SpokeBandwidth::vpcId),
    REGION("region", "vpc_region", SpokeBandwidth::vpcRegion),
    CLOUD("cloud", "vendor_name", SpokeBandwidth::vendorName),
    TRANSIT("transit", "transit_gw_name", SpokeBandwidth::transitGwName),
    GROUP("group", "group_name", SpokeBandwidth::groupName);

    /**
     * The group a spoke joins when it lacks the attribute. The server's {@code group_by} must use the
     * same name, or the CLI's local grouping and the API's would disagree.
     */
    public static final String MISSING_VALUE = "unknown";

    private final String key;
    private final String attribute;
    private final Function<SpokeBandwidth, String> value;

    GroupBy(String key, String attribute, Function<SpokeBandwidth, String> value) {
        this.key = key;
        this.attribute = attribute;
        this.value = value;
    }

    /** The key as typed on the command line and in {@code group_by=}, e.g. {@code vpc_id}. */
    public String key() {
        return key;
    }

    /** The gateway attribute grouped on, as named in the CSV and JSON, e.g. {@code vendor_name}. */
    public String attribute() {
        return attribute;
    }

    /** The name of the group {@code spoke} belongs to. */
    public String groupOf(SpokeBandwidth spoke) {
        String v = value.apply(spoke);
        return v == null || v.isEmpty() ? MISSING_VALUE : v;
    }

    /** All keys in declaration order, for help texts and error messages. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(GroupBy::key).toList();
    }

    /**
     * The constant for {@code key} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the valid keys when {@code key} is not one of them
     */
    public static GroupBy fromKey(String key) {
        String wanted = key == null ? "" : key.trim().toLowerCase(Locale.ROOT);
        for (GroupBy g : values()) {
            if (g.key.equals(wanted)) {
                return g;
            }
        }
        throw new IllegalArgumentException(
                "unknown group-by key '" + key + "'; expected one of " + String.join(", ", keys()));
    }
}
