package io.egressmon.streams.query;

import io.egressmon.api.BadParameter;
import io.egressmon.api.NotFound;
import io.egressmon.api.Period;
import io.egressmon.api.bandwidth.Step;
import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.api.coverage.CoverageAnswer;
import io.egressmon.api.coverage.GatewayCoverage;
import io.egressmon.api.coverage.StepCoverage;
import io.egressmon.streams.flows.FlowSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Puts a coverage answer together from the flow and counter windows of every partition, step by step
 * (an hour, or 5 minutes). A step is compared when the gateway exported flows in it and in the step
 * before (an export's first step is partial), on the counters' raw totals summed over the compared
 * steps and derived once, as the bandwidth answers do (a clamp does not distribute over a sum).
 */
final class CoverageAnswers {
    /**
     * A step is compared once it ended this long ago: the counter poll (every minute by default) and
     * the exporters' active timeout (a minute for the simulator, Open vSwitch's cache timeouts) must
     * have brought its bytes in.
     */
    static final Duration SETTLE = Duration.ofMinutes(3);

    private CoverageAnswers() {
    }

    /** The steps compared: {@code [from, to)} on the step's grid. */
    record Range(Instant from, Instant to, Step step) {
        boolean empty() {
            return !from.isBefore(to);
        }
    }

    /**
     * {@code period} on {@code step}'s grid, its start moved down and its end up, but no later than the
     * last step that ended {@link #SETTLE} before {@code now}.
     *
     * @throws BadParameter naming {@code step} when 5-minute steps reach back beyond the 5-minute stores
     */
    static Range range(Period period, Step step, Instant now) {
        Duration size = step.size();
        Instant from = Period.floor(period.start(), size);
        Instant settled = Period.floor(now.minus(SETTLE), size);
        Instant ceil = Period.ceil(period.end(), size);
        Instant to = ceil.isAfter(settled) ? settled : ceil;
        if (step == Step.FIVE_MINUTES && from.isBefore(PeriodPlan.fineSince(now))) {
            throw new BadParameter(Step.PARAMETER, "5-minute coverage reaches back to " + PeriodPlan.fineSince(now)
                    + "; the period starts " + from + ": use step=1h");
        }
        return new Range(from, to.isAfter(from) ? to : from, step);
    }

    /**
     * @param flows    per gateway, egress bytes per step start, from the step before the range on
     * @param counters per gateway, raw counter totals per step start in the range
     * @param only     one gateway, or null for every gateway with flows
     * @throws NotFound when {@code only} has neither flows nor counters in the period
     */
    static CoverageAnswer assemble(Range range, int days, FlowSettings band, Map<String, SortedMap<Instant, Long>> flows,
                                   Map<String, SortedMap<Instant, RawTotals>> counters, String only) {
        Instant from = range.from();
        Instant to = range.to();
        if (only != null && !flows.containsKey(only) && !counters.containsKey(only)) {
            throw NotFound.unknownGateway(only, "flows or counters", from, to);
        }
        List<GatewayCoverage> gateways = new ArrayList<>();
        for (Map.Entry<String, SortedMap<Instant, Long>> g : new TreeMap<>(flows).entrySet()) {
            if (only != null && !only.equals(g.getKey())) {
                continue;
            }
            SortedMap<Instant, RawTotals> counted = counters.getOrDefault(g.getKey(), new TreeMap<>());
            List<StepCoverage> hours = new ArrayList<>();
            RawTotals sum = RawTotals.ZERO;
            for (Map.Entry<Instant, Long> hour : g.getValue().subMap(from, to).entrySet()) {
                if (!g.getValue().containsKey(hour.getKey().minus(range.step().size()))) {
                    continue; // the first hour of an export
                }
                RawTotals raw = counted.getOrDefault(hour.getKey(), RawTotals.ZERO);
                sum = sum.plus(raw);
                hours.add(StepCoverage.of(hour.getKey(), hour.getValue(), raw.egressRx() + raw.egressTx()));
            }
            gateways.add(GatewayCoverage.of(g.getKey(), hours, sum.egressRx() + sum.egressTx(), band.coverageLow(),
                    band.coverageHigh()));
        }
        return new CoverageAnswer(CoverageAnswer.REPORT, from, to, days, range.step().size().toString(),
                band.coverageLow(), band.coverageHigh(), gateways);
    }
}
