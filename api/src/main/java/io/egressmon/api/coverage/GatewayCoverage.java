package io.egressmon.api.coverage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One gateway's coverage over the hours it can be judged on: hours it exported flows in, after an hour
 * it also exported flows in (the first hour of an export is partial), before the running hour.
 *
 * @param comparedHours     how many hours are compared; 0 when none can be yet
 * @param coverage          flow ÷ counter egress over those hours; null when none, or no counted egress
 * @param samplingSuspect   coverage outside the answer's band: flows and counters disagree (a wrong or
 *                          missing sampling rate, an exporter that drops, an interface not exported)
 * @param hours             hour by hour, the compared ones
 */
public record GatewayCoverage(String gateway, int comparedHours, long flowEgressBytes, long counterEgressBytes,
                              Double coverage, boolean samplingSuspect, List<HourCoverage> hours) {
    public GatewayCoverage {
        Objects.requireNonNull(gateway, "gateway");
        hours = List.copyOf(hours);
    }

    /**
     * The summary of {@code hours}, judged against {@code [low, high]}.
     *
     * @param counters the counted egress over those hours, derived from their summed raw totals (not the
     *                 sum of the hours' clamped figures)
     */
    public static GatewayCoverage of(String gateway, List<HourCoverage> hours, long counters, double low, double high) {
        long flows = hours.stream().mapToLong(HourCoverage::flowEgressBytes).sum();
        Double ratio = HourCoverage.ratio(flows, counters);
        boolean suspect = !hours.isEmpty() && (ratio == null ? flows > 0 : ratio < low || ratio > high);
        return new GatewayCoverage(gateway, hours.size(), flows, counters, ratio, suspect, hours);
    }

    /** The first compared hour, or null. */
    public Instant comparedFrom() {
        return hours.isEmpty() ? null : hours.get(0).hour();
    }
}
