package io.egressmon.api.coverage;

import java.time.Instant;
import java.util.Objects;

/**
 * One gateway's hour: the egress bytes its flows carried (× their sampling rate) and the egress its
 * interface counters counted.
 *
 * @param coverage flow ÷ counter egress; null when the counters counted no egress
 */
public record HourCoverage(Instant hour, long flowEgressBytes, long counterEgressBytes, Double coverage) {
    public HourCoverage {
        Objects.requireNonNull(hour, "hour");
    }

    /** The hour's figures, the ratio worked out. */
    public static HourCoverage of(Instant hour, long flowEgressBytes, long counterEgressBytes) {
        return new HourCoverage(hour, flowEgressBytes, counterEgressBytes, ratio(flowEgressBytes, counterEgressBytes));
    }

    /** {@code flow / counter}, or null when {@code counter} is 0. */
    public static Double ratio(long flow, long counter) {
        return counter == 0 ? null : (double) flow / counter;
    }
}
