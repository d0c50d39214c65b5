package io.egressmon.streams.query;

import io.egressmon.api.NotFound;
import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.api.coverage.CoverageAnswer;
import io.egressmon.api.coverage.GatewayCoverage;
import io.egressmon.api.coverage.HourCoverage;
import io.egressmon.streams.flows.FlowSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Puts a coverage answer together from the hourly flow and counter windows of every partition. An hour
 * is compared when the gateway exported flows in it and in the hour before (an export's first hour
 * is partial), on the counters' raw totals summed over the compared hours and derived once, as the
 * bandwidth answers do (a clamp does not distribute over a sum).
 */
final class CoverageAnswers {
    static final Duration HOUR = Duration.ofHours(1);

    private CoverageAnswers() {
    }

    /**
     * @param flows    per gateway, egress bytes per hour start, from the hour before {@code from} on
     * @param counters per gateway, raw counter totals per hour start in {@code [from, to)}
     * @param only     one gateway, or null for every gateway with flows
     * @throws NotFound when {@code only} has neither flows nor counters in the period
     */
    static CoverageAnswer assemble(Instant from, Instant to, int days, FlowSettings band,
                                   Map<String, SortedMap<Instant, Long>> flows,
                                   Map<String, SortedMap<Instant, RawTotals>> counters, String only) {
        if (only != null && !flows.containsKey(only) && !counters.containsKey(only)) {
            throw NotFound.unknownGateway(only, "flows or counters", from, to);
        }
        List<GatewayCoverage> gateways = new ArrayList<>();
        for (Map.Entry<String, SortedMap<Instant, Long>> g : new TreeMap<>(flows).entrySet()) {
            if (only != null && !only.equals(g.getKey())) {
                continue;
            }
            SortedMap<Instant, RawTotals> counted = counters.getOrDefault(g.getKey(), new TreeMap<>());
            List<HourCoverage> hours = new ArrayList<>();
            RawTotals sum = RawTotals.ZERO;
            for (Map.Entry<Instant, Long> hour : g.getValue().subMap(from, to).entrySet()) {
                if (!g.getValue().containsKey(hour.getKey().minus(HOUR))) {
                    continue; // the first hour of an export
                }
                RawTotals raw = counted.getOrDefault(hour.getKey(), RawTotals.ZERO);
                sum = sum.plus(raw);
                hours.add(HourCoverage.of(hour.getKey(), hour.getValue(), raw.egressRx() + raw.egressTx()));
            }
            gateways.add(GatewayCoverage.of(g.getKey(), hours, sum.egressRx() + sum.egressTx(), band.coverageLow(),
                    band.coverageHigh()));
        }
        return new CoverageAnswer(CoverageAnswer.REPORT, from, to, days, CoverageAnswer.RESOLUTION, band.coverageLow(),
                band.coverageHigh(), gateways);
    }
}
