package io.egressmon.streams.query;

import static io.egressmon.streams.query.WindowTable.eth0Rx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.egressmon.api.BadParameter;
import io.egressmon.api.Period;
import io.egressmon.api.PeriodRequest;
import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.api.bandwidth.SeriesPoint;
import io.egressmon.api.bandwidth.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Series points")
class SeriesPlanTest {
    private static final Instant NOW = Instant.parse("2026-02-10T10:37:12Z");
    private static final Instant FINE_SINCE = PeriodPlan.fineSince(NOW);

    private static Period lastDays(int days) {
        return new PeriodRequest.LastDays(days).resolve(NOW);
    }

    private static BadParameter refused(Period period, Step step) {
        return assertThrows(BadParameter.class, () -> SeriesPlan.range(period, step, FINE_SINCE));
    }

    @Test
    @DisplayName("sit on the step's UTC grid, widening the period to whole steps")
    void grid() {
        Period p = new PeriodRequest.Between(Instant.parse("2026-02-01T10:20:00Z"), Instant.parse("2026-02-03T05:00:00Z"))
                .resolve(NOW);
        PeriodPlan.Span range = SeriesPlan.range(p, Step.DAY, FINE_SINCE);
        assertEquals(Instant.parse("2026-02-01T00:00:00Z"), range.from());
        assertEquals(Instant.parse("2026-02-04T00:00:00Z"), range.to());
    }

    @Test
    @DisplayName("add up the windows inside each step, zero where there are none; egress clamps per point")
    void points() {
        NavigableMap<Instant, RawTotals> hours = new TreeMap<>();
        hours.put(Instant.parse("2026-02-01T00:00:00Z"), eth0Rx(10));
        hours.put(Instant.parse("2026-02-01T23:00:00Z"), eth0Rx(5));
        hours.put(Instant.parse("2026-02-03T01:00:00Z"), new RawTotals(1, 1, 9, 9, 0));
        List<SeriesPoint> points = SeriesPlan.points(hours,
                new PeriodPlan.Span(Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-02-04T00:00:00Z")), Step.DAY);
        assertEquals(List.of(15L, 0L, 1L), points.stream().map(pt -> pt.traffic().eth0RxBytes()).toList());
        assertEquals(0, points.get(2).traffic().egressRxBytes());
        assertEquals(Instant.parse("2026-02-02T00:00:00Z"), points.get(1).start());
    }

    @Test
    @DisplayName("5-minute points older than the 5-minute retention are refused, naming step")
    void fineTooOld() {
        assertEquals("step", refused(lastDays(7), Step.FIVE_MINUTES).parameter());
    }

    @Test
    @DisplayName("5-minute points within the 5-minute retention are given, 288 a day")
    void fineRecent() {
        PeriodPlan.Span range = SeriesPlan.range(lastDays(1), Step.FIVE_MINUTES, FINE_SINCE);
        assertEquals(288, Duration.between(range.from(), range.to()).toMinutes() / 5);
    }

    @Test
    @DisplayName("too many points are refused, naming step")
    void tooManyPoints() {
        assertEquals("step", refused(lastDays(3650), Step.HOUR).parameter());
    }

    @Test
    @DisplayName("5-minute points add up 5-minute windows, hourly and daily points hourly ones")
    void grains() {
        assertEquals(List.of(Grain.FINE, Grain.HOURLY, Grain.HOURLY),
                List.of(Grain.of(Step.FIVE_MINUTES), Grain.of(Step.HOUR), Grain.of(Step.DAY)));
    }
}
