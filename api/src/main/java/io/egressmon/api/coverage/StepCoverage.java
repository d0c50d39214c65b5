package io.egressmon.api.coverage;

import java.time.Instant;
import java.util.Objects;

/**
 * One gateway's step (an hour, or 5 minutes): the egress bytes its flows carried (× their sampling
 * rate) and the egress its interface counters counted.
 *
 * @param start    the step's start
 * @param coverage flow ÷ counter egress; null when the counters counted no egress
 */
public record StepCoverage(Instant start, long flowEgressBytes, long counterEgressBytes, Double coverage) {
    public StepCoverage {
        Objects.requireNonNull(start, "start");
    }

    /** The step's figures, the ratio worked out. */
    public static StepCoverage of(Instant start, long flowEgressBytes, long counterEgressBytes) {
        return new StepCoverage(start, flowEgressBytes, counterEgressBytes, ratio(flowEgressBytes, counterEgressBytes));
    }

    /** {@code flow / counter}, or null when {@code counter} is 0. */
    public static Double ratio(long flow, long counter) {
        return counter == 0 ? null : (double) flow / counter;
    }
}
