package io.egressmon.streams.query;

import io.egressmon.api.GroupBy;
import io.egressmon.api.InventoryGateway;
import io.egressmon.api.NotFound;
import io.egressmon.api.bandwidth.BandwidthAnswer;
import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.api.bandwidth.SpokeBandwidth;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/** Joins a period's raw totals with the inventory into the answer of {@code GET /api/v1/bandwidth}. */
final class BandwidthAnswers {
    private BandwidthAnswers() {
    }

    /**
     * Without {@code gateway}: every spoke of the inventory (zeros when it has no data) plus every
     * gateway with data (null attributes when the inventory lacks it). With {@code gateway}: that one,
     * known from either side. Sorted by name.
     *
     * @throws NotFound when {@code gateway} is neither in the inventory nor has data in the period
     */
    static BandwidthAnswer assemble(PeriodPlan plan, int periodDays, Map<String, RawTotals> totals,
                                    Map<String, InventoryGateway> inventory, String gateway, GroupBy groupBy) {
        Map<String, SpokeBandwidth> rows = new TreeMap<>();
        if (gateway != null) {
            InventoryGateway info = inventory.get(gateway);
            RawTotals t = totals.get(gateway);
            if (info == null && t == null) {
                throw NotFound.unknownGateway(gateway, "counters", plan.start(), plan.end());
            }
            rows.put(gateway, row(info == null ? InventoryGateway.unknown(gateway) : info, t == null ? RawTotals.ZERO : t));
        } else {
            inventory.values().stream().filter(InventoryGateway::isSpoke)
                    .forEach(info -> rows.put(info.gateway(), row(info, RawTotals.ZERO)));
            totals.forEach((name, t) -> rows.put(name, row(inventory.getOrDefault(name, InventoryGateway.unknown(name)), t)));
        }
        return BandwidthAnswer.of(plan.start(), plan.end(), periodDays, new ArrayList<>(rows.values()), groupBy);
    }

    private static SpokeBandwidth row(InventoryGateway info, RawTotals totals) {
        return new SpokeBandwidth(info.attributes(), info.tunnelInterfaces(), totals.traffic());
    }
}
