package io.egressmon.streams.query;

import io.egressmon.report.BandwidthReport;
import io.egressmon.report.GroupBandwidth;
import io.egressmon.report.GroupBy;
import io.egressmon.report.SpokeBandwidth;
import io.egressmon.streams.counters.RawTotals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The answer to {@code GET /api/v1/bandwidth}: the effective period, one row per spoke sorted by
 * name, and the grouping asked for (or null).
 */
public record BandwidthAnswer(Instant periodStart, Instant periodEnd, int periodDays, List<SpokeRow> spokes,
                              GroupBy groupBy) {

    public BandwidthAnswer {
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        spokes = List.copyOf(spokes);
    }

    /**
     * Joins raw totals with the inventory. Without {@code gateway}: every spoke of the inventory
     * (zeros when it has no data) plus every gateway with data (empty attributes when the inventory
     * lacks it). With {@code gateway}: that one, known from either side.
     *
     * @throws NotFound when {@code gateway} is neither in the inventory nor has data in the period
     */
    public static BandwidthAnswer assemble(PeriodPlan plan, int periodDays, Map<String, RawTotals> totals,
                                           Map<String, GatewayInfo> inventory, String gateway, GroupBy groupBy) {
        Map<String, SpokeRow> rows = new TreeMap<>();
        if (gateway != null) {
            GatewayInfo info = inventory.get(gateway);
            RawTotals t = totals.get(gateway);
            if (info == null && t == null) {
                throw new NotFound("gateway", "unknown gateway '" + gateway
                        + "': not in the inventory and no counters between " + plan.start() + " and " + plan.end());
            }
            rows.put(gateway, new SpokeRow(info == null ? GatewayInfo.unknown(gateway) : info, t == null ? RawTotals.ZERO : t));
        } else {
            inventory.values().stream().filter(GatewayInfo::isSpoke)
                    .forEach(info -> rows.put(info.gateway(), new SpokeRow(info, RawTotals.ZERO)));
            totals.forEach((name, t) -> rows.put(name,
                    new SpokeRow(inventory.getOrDefault(name, GatewayInfo.unknown(name)), t)));
        }
        return new BandwidthAnswer(plan.start(), plan.end(), periodDays, new ArrayList<>(rows.values()), groupBy);
    }

    /** The report module's view of this answer (groups included when grouped), e.g. for the CSV. */
    public BandwidthReport toReport() {
        List<SpokeBandwidth> gateways = spokes.stream().map(SpokeRow::toSpokeBandwidth).toList();
        BandwidthReport report = new BandwidthReport(periodStart, periodEnd, periodDays, gateways);
        return groupBy == null ? report : report.groupBy(groupBy);
    }

    /**
     * All spokes: sums of each spoke's own clamped values. Re-deriving egress from summed eth0 would
     * let one spoke's tunnel bytes cancel another spoke's egress.
     */
    public GroupBandwidth aggregate() {
        return toReport().aggregate();
    }

    /** The groups, sorted by name; empty when not grouped. */
    public List<GroupBandwidth> groups() {
        return toReport().groups();
    }
}
