package io.egressmon.api.bandwidth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.OptBoolean;
import io.egressmon.api.Covered;
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
 * @param groupBy         null when not grouped (then {@code groups} is null too)
 * @param covered         resolution, completeness, the asked bounds when the covered ones differ
 * @param approximate     some spoke's numbers rest on a split in proportion to time at a period
 *                        edge (an edge inside a coarser stored slice); {@code error_bound_bytes}
 *                        then says by how much at most
 * @param errorBoundBytes the spokes' error bounds summed (null when exact)
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
        @JsonProperty(isRequired = OptBoolean.FALSE) List<GroupBandwidth> groups,
        @JsonUnwrapped Covered covered,
        boolean approximate,
        @JsonProperty(isRequired = OptBoolean.FALSE) Long errorBoundBytes) {

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
        Objects.requireNonNull(covered, "covered");
        if (approximate != (errorBoundBytes != null)) {
            throw new IllegalArgumentException("error_bound_bytes is given exactly when the answer is approximate");
        }
    }

    /**
     * The answer over {@code spokes} (sorted by name), grouped by {@code groupBy} unless it is null;
     * approximate when some spoke has an error bound.
     */
    public static BandwidthAnswer of(Instant periodStart, Instant periodEnd, int periodDays, List<SpokeBandwidth> spokes,
                                     GroupBy groupBy, Covered covered) {
        Aggregate all = new Aggregate(spokes.size(), GroupBandwidth.sum(spokes));
        long bound = spokes.stream().mapToLong(SpokeBandwidth::errorBoundBytes).sum();
        return new BandwidthAnswer(REPORT, METHOD, periodStart, periodEnd, periodDays, spokes, all, groupBy,
                groupBy == null ? null : group(spokes, groupBy), covered, bound > 0, bound > 0 ? bound : null);
    }

    /**
     * This answer without the spokes that have no metrics (aggregate and groups summed again), as
     * the original script reports: such a gateway is left out, not shown as zeros.
     */
    public BandwidthAnswer withMetricsOnly() {
        List<SpokeBandwidth> kept = gateways.stream().filter(SpokeBandwidth::metrics).toList();
        return kept.size() == gateways.size() ? this
                : of(periodStart, periodEnd, periodDays, kept, groupBy, covered);
    }

    /**
     * The stderr lines of a report of this answer: the original script's {@code [WARN] No metrics
     * for NAME} per spoke without metrics, then incompleteness, a moved period and approximation.
     */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        withoutMetrics().forEach(name -> out.add("[WARN] No metrics for " + name));
        out.addAll(covered.warnings(periodStart, periodEnd));
        if (approximate) {
            out.add("[WARN] Approximate: a period edge falls inside a reading interval, split in proportion to time;"
                    + " totals may be off by up to " + errorBoundBytes + " bytes in all");
        }
        return out;
    }

    /** The spokes without metrics, by name. */
    public List<String> withoutMetrics() {
        return gateways.stream().filter(g -> !g.metrics()).map(SpokeBandwidth::gateway).toList();
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
