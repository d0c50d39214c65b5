package io.egressmon.api.bandwidth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import io.egressmon.api.GroupBy;
import io.egressmon.api.Period;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code GET /api/v1/bandwidth}: the period really covered, one row per spoke sorted by name, all
 * spokes summed, and the groups when asked. Groups and the aggregate sum the spokes' own clamped
 * values (see {@link Bandwidth}).
 *
 * @param groupBy null when not grouped (then {@code groups} is null too)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BandwidthAnswer(
        String report,
        String method,
        Instant periodStart,
        Instant periodEnd,
        int periodDays,
        List<SpokeBandwidth> gateways,
        Aggregate aggregate,
        @JsonProperty(isRequired = OptBoolean.FALSE) GroupBy groupBy,
        @JsonProperty(isRequired = OptBoolean.FALSE) List<GroupBandwidth> groups) {

    public static final String REPORT = "spoke_gateway_bandwidth";
    public static final String METHOD = "interface_counters";

    public BandwidthAnswer {
        Period.requireReport(REPORT, report, periodStart, periodEnd);
        gateways = List.copyOf(gateways);
        Objects.requireNonNull(aggregate, "aggregate");
        groups = groups == null ? null : List.copyOf(groups);
        if ((groupBy == null) != (groups == null)) {
            throw new IllegalArgumentException("group_by and groups come together");
        }
    }

    /** The answer over {@code spokes} (sorted by name), grouped by {@code groupBy} unless it is null. */
    public static BandwidthAnswer of(Instant periodStart, Instant periodEnd, int periodDays, List<SpokeBandwidth> spokes,
                                     GroupBy groupBy) {
        Aggregate all = new Aggregate(spokes.size(), GroupBandwidth.sum(spokes));
        return new BandwidthAnswer(REPORT, METHOD, periodStart, periodEnd, periodDays, spokes, all, groupBy,
                groupBy == null ? null : group(spokes, groupBy));
    }

    /** One group per distinct value of the attribute, sorted by name, members in answer order. */
    private static List<GroupBandwidth> group(List<SpokeBandwidth> spokes, GroupBy groupBy) {
        Map<String, List<SpokeBandwidth>> members = new TreeMap<>(GroupBy.NAME_ORDER);
        for (SpokeBandwidth spoke : spokes) {
            members.computeIfAbsent(groupBy.groupOf(spoke.attributes()), k -> new ArrayList<>()).add(spoke);
        }
        return members.entrySet().stream().map(e -> GroupBandwidth.of(e.getKey(), e.getValue())).toList();
    }

    public boolean grouped() {
        return groupBy != null;
    }
}
