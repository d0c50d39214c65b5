package io.egressmon.streams.query;

import static io.egressmon.streams.query.WindowTable.eth0Rx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.egressmon.api.bandwidth.RawTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Series points")
class SeriesAnswerTest {
    private static final Instant NOW = Instant.parse("2026-02-10T10:37:12Z");
    private static final Instant FINE_SINCE = PeriodPlan.fineSince(NOW);

    @Test
    @DisplayName("sit on the step's UTC grid, widening the period to whole steps")
    void grid() {
        Period p = Period.between(Instant.parse("2026-02-01T10:20:00Z"), Instant.parse("2026-02-03T05:00:00Z"), NOW);
        PeriodPlan.Span range = SeriesAnswer.range(p, Step.DAY, FINE_SINCE);
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
        List<SeriesAnswer.Point> points = SeriesAnswer.points(hours,
                new PeriodPlan.Span(Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-02-04T00:00:00Z")), Step.DAY);
        assertEquals(List.of(15L, 0L, 1L), points.stream().map(pt -> pt.totals().eth0Rx()).toList());
        assertEquals(0, points.get(2).totals().egressRx());
        assertEquals(Instant.parse("2026-02-02T00:00:00Z"), points.get(1).start());
    }

    @Test
    @DisplayName("5-minute points older than the 5-minute retention are refused, naming step")
    void fineTooOld() {
        Period week = Period.lastDays(7, NOW);
        assertEquals("step", assertThrows(BadParameter.class, () -> SeriesAnswer.range(week, Step.FIVE_MINUTES, FINE_SINCE)).parameter());
        Period day = Period.lastDays(1, NOW);
        assertEquals(288, Duration.between(SeriesAnswer.range(day, Step.FIVE_MINUTES, FINE_SINCE).from(),
                SeriesAnswer.range(day, Step.FIVE_MINUTES, FINE_SINCE).to()).toMinutes() / 5);
    }

    @Test
    @DisplayName("too many points are refused, naming step; an unknown step is refused naming step")
    void limits() {
        Period decade = Period.lastDays(3650, NOW);
        assertEquals("step", assertThrows(BadParameter.class, () -> SeriesAnswer.range(decade, Step.HOUR, FINE_SINCE)).parameter());
        assertEquals("step", assertThrows(BadParameter.class, () -> Step.parse("2h")).parameter());
        assertEquals(Step.DAY, Step.parse("1d"));
    }
}
