package io.egressmon.streams.query;

import io.egressmon.api.BadParameter;
import io.egressmon.api.Period;
import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.api.bandwidth.SeriesPoint;
import io.egressmon.api.bandwidth.Step;
import io.egressmon.streams.counters.BandwidthTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

/**
 * Which windows make a series: points sit on the step's grid (UTC), so the period is the asked one
 * widened to whole steps, every point is made of whole windows and none is prorated. Egress is
 * clamped per point.
 */
final class SeriesPlan {
    /** Above this a series is refused: a bigger step says the same in fewer bytes. */
    static final int MAX_POINTS = 10_000;

    private SeriesPlan() {
    }

    /**
     * The bounds of a series over {@code period}: widened to the step grid.
     *
     * @throws BadParameter naming {@code step} for 5-minute points older than the 5-minute store keeps,
     *                      or for more than {@link #MAX_POINTS} points
     */
    static PeriodPlan.Span range(Period period, Step step, Instant fineSince) {
        Instant start = Period.floor(period.start(), step.size());
        Instant end = Period.ceil(period.end(), step.size());
        if (Grain.of(step) == Grain.FINE && start.isBefore(fineSince)) {
            throw new BadParameter(Step.PARAMETER, "5-minute points are kept for the last "
                    + BandwidthTopology.FINE_RETENTION.toDays()
                    + " days only (from " + fineSince + "); this period starts at " + start + ": use step=1h or 1d");
        }
        long points = Duration.between(start, end).toMillis() / step.size().toMillis();
        if (points > MAX_POINTS) {
            throw new BadParameter(Step.PARAMETER, "step=" + step.key() + " gives " + points + " points (at most "
                    + MAX_POINTS + "): use a larger step or a shorter period");
        }
        return new PeriodPlan.Span(start, end);
    }

    /**
     * Points over {@code range}, one per step, dense (a point without windows is zero).
     *
     * @param windows the gateway's windows of the step's grain by window start
     */
    static List<SeriesPoint> points(NavigableMap<Instant, RawTotals> windows, PeriodPlan.Span range, Step step) {
        List<SeriesPoint> points = new ArrayList<>();
        for (Instant t = range.from(); t.isBefore(range.to()); t = t.plus(step.size())) {
            Instant next = t.plus(step.size());
            RawTotals sum = RawTotals.ZERO;
            for (RawTotals w : windows.subMap(t, true, next, false).values()) {
                sum = sum.plus(w);
            }
            points.add(new SeriesPoint(t, next, sum.traffic()));
        }
        return points;
    }
}
