package io.egressmon.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The {@code group_by} keys of the original scripts and the gateway attribute each one groups on. */
public enum GroupBy {
    ACCOUNT("account", GatewayAttributes::accountName),
    VPC("vpc", GatewayAttributes::vpcName),
    VPC_ID("vpc_id", GatewayAttributes::vpcId),
    REGION("region", GatewayAttributes::vpcRegion),
    CLOUD("cloud", GatewayAttributes::vendorName),
    TRANSIT("transit", GatewayAttributes::transitGwName),
    GROUP("group", GatewayAttributes::groupName);

    /**
     * The order of group names: Python's {@code sorted()} on str, by code point (Java's
     * {@code compareTo} compares UTF-16 units, which differs outside the BMP).
     */
    public static final Comparator<String> NAME_ORDER = (a, b) -> Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());

    /** The group a gateway joins when it lacks the attribute. */
    public static final String MISSING_VALUE = "unknown";
    public static final String PARAMETER = "group_by";

    private final String key;
    private final Function<GatewayAttributes, String> attribute;

    GroupBy(String key, Function<GatewayAttributes, String> attribute) {
        this.key = key;
        this.attribute = attribute;
    }

    /** The key as typed in {@code group_by=} and {@code --group-by}, e.g. {@code vpc_id}. */
    @JsonValue
    public String key() {
        return key;
    }

    /** The name of the group {@code gateway} belongs to. */
    public String groupOf(GatewayAttributes gateway) {
        String v = attribute.apply(gateway);
        return v == null || v.isEmpty() ? MISSING_VALUE : v;
    }

    /** All keys in declaration order, for help texts and error messages. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(GroupBy::key).toList();
    }

    /**
     * The constant for {@code key} (case-insensitive).
     *
     * @throws BadParameter naming {@code group_by} and the valid keys
     */
    @JsonCreator
    public static GroupBy fromKey(String key) {
        String wanted = key == null ? "" : key.trim().toLowerCase(Locale.ROOT);
        for (GroupBy g : values()) {
            if (g.key.equals(wanted)) {
                return g;
            }
        }
        throw new BadParameter(PARAMETER, "unknown group-by key '" + key + "'; expected one of " + String.join(", ", keys()));
    }

    /** {@code group_by} of {@code params}, or null when absent. */
    public static GroupBy parse(QueryParameters params) {
        return params.has(PARAMETER) ? fromKey(params.raw(PARAMETER)) : null;
    }
}
