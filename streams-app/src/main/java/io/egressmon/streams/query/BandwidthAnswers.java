package io.egressmon.streams.query;

import io.egressmon.api.Covered;
import io.egressmon.api.GroupBy;
import io.egressmon.api.InventoryGateway;
import io.egressmon.api.NotFound;
import io.egressmon.api.Period;
import io.egressmon.api.bandwidth.BandwidthAnswer;
import io.egressmon.api.bandwidth.GatewayPeriod;
import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.api.bandwidth.SpokeBandwidth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/** Joins a period's raw totals with the inventory into the answer of {@code GET /api/v1/bandwidth}. */
final class BandwidthAnswers {
    private static final GatewayPeriod NOTHING = new GatewayPeriod(RawTotals.ZERO, 0, null, false);

    private BandwidthAnswers() {
    }

    /**
     * Without {@code gateway}: every spoke of the inventory plus every gateway with data (null
     * attributes when the inventory lacks it). With {@code gateway}: that one, known from either
     * side. Sorted by name. A spoke without readings in the period is a row of zeros marked
     * {@code has_metrics: false}; the answer is complete when every spoke with metrics has been read
     * up to the period's end (or the live edge), and says so.
     *
     * @param asked the period as asked, before the plan moved its edges onto the windows' grid
     * @param now   the moment of answering (a period reaching the present is judged against it)
     * @throws NotFound when {@code gateway} is neither in the inventory nor has data in the period
     */
    static BandwidthAnswer assemble(PeriodPlan plan, Period asked, Map<String, GatewayPeriod> periods,
                                    Map<String, InventoryGateway> inventory, String gateway, GroupBy groupBy, Instant now) {
        Instant needed = Covered.needed(plan.end(), now, Covered.COUNTERS_LIVE_EDGE);
        Map<String, SpokeBandwidth> rows = new TreeMap<>();
        if (gateway != null) {
            InventoryGateway info = inventory.get(gateway);
            GatewayPeriod p = periods.get(gateway);
            if (info == null && (p == null || !p.windows())) {
                throw NotFound.unknownGateway(gateway, "counters", plan.start(), plan.end());
            }
            rows.put(gateway, row(info == null ? InventoryGateway.unknown(gateway) : info, p == null ? NOTHING : p, plan, needed));
        } else {
            inventory.values().stream().filter(InventoryGateway::isSpoke).forEach(info -> rows.put(info.gateway(),
                    row(info, periods.getOrDefault(info.gateway(), NOTHING), plan, needed)));
            periods.forEach((name, p) -> {
                if (p.windows()) {
                    rows.put(name, row(inventory.getOrDefault(name, InventoryGateway.unknown(name)), p, plan, needed));
                }
            });
        }
        // Complete when every spoke in the answer was processed up to what the period needs.
        Instant dataUntil = null;
        boolean everyoneRead = true;
        for (SpokeBandwidth row : rows.values()) {
            Instant until = row.dataUntil();
            if (until == null) {
                everyoneRead = false;
            } else if (dataUntil == null || until.isBefore(dataUntil)) {
                dataUntil = until;
            }
        }
        Covered covered = Covered.of(asked.start(), asked.end(), plan.start(), plan.end(), plan.resolution(), dataUntil,
                now, Covered.COUNTERS_LIVE_EDGE);
        if (!everyoneRead && covered.complete()) {
            covered = covered.incomplete();
        }
        return BandwidthAnswer.of(plan.start(), plan.end(), asked.days(), new ArrayList<>(rows.values()), groupBy, covered);
    }

    /**
     * The row of a spoke. Without a window in the period it is known to have no metrics only once it
     * was processed as far as the period needs (its PROGRESS marks say it was polled): until then it
     * may simply not have been read yet, and its row stays in.
     */
    private static SpokeBandwidth row(InventoryGateway info, GatewayPeriod p, PeriodPlan plan, Instant needed) {
        boolean read = p.dataUntil() != null && !p.dataUntil().isBefore(needed);
        Instant until = p.dataUntil() == null || p.dataUntil().isBefore(plan.end()) ? p.dataUntil() : plan.end();
        return new SpokeBandwidth(info.attributes(), info.tunnelInterfaces(), p.totals().traffic(), p.windows() || !read,
                until, p.errorBoundBytes());
    }
}
