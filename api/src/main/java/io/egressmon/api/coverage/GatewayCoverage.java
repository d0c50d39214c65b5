package io.egressmon.api.coverage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One gateway's coverage over the steps it can be judged on: steps it exported flows in, after a step
 * it also exported flows in (an export's first step is partial), before the running step.
 *
 * @param comparedSteps     how many steps are compared; 0 when none can be yet
 * @param coverage          flow ÷ counter egress over those steps; null when none, or no counted egress
 * @param samplingSuspect   coverage outside the answer's band: flows and counters disagree (a wrong or
 *                          missing sampling rate, an exporter that drops, an interface not exported)
 * @param steps             step by step, the compared ones
 */
public record GatewayCoverage(String gateway, int comparedSteps, long flowEgressBytes, long counterEgressBytes,
                              Double coverage, boolean samplingSuspect, List<StepCoverage> steps) {
    public GatewayCoverage {
        Objects.requireNonNull(gateway, "gateway");
        steps = List.copyOf(steps);
    }

    /**
     * The summary of {@code steps}, judged against {@code [low, high]}.
     *
     * @param counters the counted egress over those steps, derived from their summed raw totals (not the
     *                 sum of the steps' clamped figures)
     */
    public static GatewayCoverage of(String gateway, List<StepCoverage> steps, long counters, double low, double high) {
        long flows = steps.stream().mapToLong(StepCoverage::flowEgressBytes).sum();
        Double ratio = StepCoverage.ratio(flows, counters);
        boolean suspect = !steps.isEmpty() && (ratio == null ? flows > 0 : ratio < low || ratio > high);
        return new GatewayCoverage(gateway, steps.size(), flows, counters, ratio, suspect, steps);
    }

    /** The first compared step's start, or null. */
    public Instant comparedFrom() {
        return steps.isEmpty() ? null : steps.get(0).start();
    }
}
