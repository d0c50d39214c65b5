package io.egressmon.report.talkers;

import io.egressmon.report.GatewayAttributes;
import io.egressmon.report.GroupBy;
import java.util.List;
import java.util.Objects;

/**
 * One spoke's top talkers in a {@code --per-spoke} report, with the seven inventory attributes the
 * reports carry. Attributes may be null when the inventory lacks them: the CSV then shows an empty
 * field and the JSON {@code null}, as for the bandwidth report.
 *
 * @param gateway      the spoke gateway's name
 * @param destinations its external addresses, biggest first
 * @param sources      its internal addresses, biggest first
 */
public record SpokeTalkers(
        String gateway,
        String accountName,
        String vpcName,
        String vpcId,
        String vpcRegion,
        String vendorName,
        String transitGwName,
        String groupName,
        List<RankedTalker> destinations,
        List<RankedTalker> sources) implements GatewayAttributes {

    public SpokeTalkers {
        Objects.requireNonNull(gateway, "gateway");
        destinations = List.copyOf(destinations);
        sources = List.copyOf(sources);
    }

    /**
     * The attribute {@code key} groups on, as the inventory has it (possibly null or empty). The mapping
     * of keys to attributes is {@link GroupBy}'s; this only reads the field it names.
     */
    public String attribute(GroupBy key) {
        return switch (key) {
            case ACCOUNT -> accountName;
            case VPC -> vpcName;
            case VPC_ID -> vpcId;
            case REGION -> vpcRegion;
            case CLOUD -> vendorName;
            case TRANSIT -> transitGwName;
            case GROUP -> groupName;
        };
    }

    /** The group this spoke joins under {@code key}: its attribute, or {@link GroupBy#MISSING_VALUE} when it has none. */
    public String groupOf(GroupBy key) {
        String v = attribute(key);
        return v == null || v.isEmpty() ? GroupBy.MISSING_VALUE : v;
    }
}
