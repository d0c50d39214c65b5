package io.egressmon.streams.query;

import static io.egressmon.streams.query.WindowTable.eth0Rx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.Period;
import io.egressmon.api.PeriodRequest;
import io.egressmon.api.bandwidth.RawTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Summing a period from window totals")
class PeriodPlanTest {
    private static final Instant NOW = Instant.parse("2026-02-10T10:37:12Z");
    private static final Instant FINE_SINCE = PeriodPlan.fineSince(NOW);

    private static PeriodPlan plan(String from, String to) {
        return PeriodPlan.of(Instant.parse(from), Instant.parse(to), FINE_SINCE);
    }

    /** The plan of {@code days=n} asked at {@link #NOW}. */
    private static PeriodPlan lastDays(int n) {
        Period period = new PeriodRequest.LastDays(n).resolve(NOW);
        return PeriodPlan.of(period.start(), period.end(), FINE_SINCE);
    }

    private static PeriodPlan.Span span(String from, String to) {
        return new PeriodPlan.Span(Instant.parse(from), Instant.parse(to));
    }

    @Test
    @DisplayName("recent period: whole hours from 1-hour windows, the partial hours at both edges from 5-minute windows")
    void recentEdgesFromFineWindows() {
        PeriodPlan p = lastDays(1);

        assertEquals(List.of(span("2026-02-09T11:00:00Z", "2026-02-10T10:00:00Z")), p.hourly());
        assertEquals(List.of(span("2026-02-09T10:40:00Z", "2026-02-09T11:00:00Z"),
                span("2026-02-10T10:00:00Z", "2026-02-10T10:40:00Z")), p.fine());
        assertTrue(p.exact());

        // Deliberately inconsistent tables (an hour is 1000, a 5-minute window 1) show which windows were read.
        WindowTable table = new WindowTable()
                .fill(Grain.HOURLY, "2026-02-09T00:00:00Z", "2026-02-11T00:00:00Z", "spoke-a", eth0Rx(1000))
                .fill(Grain.FINE, "2026-02-09T00:00:00Z", "2026-02-11T00:00:00Z", "spoke-a", eth0Rx(1));
        assertEquals(23 * 1000 + 4 + 8, p.read(table).get("spoke-a").totals().eth0Rx());
    }

    @Test
    @DisplayName("an edge on a window boundary is exact unless a reading interval straddles it; then the bound is that increase")
    void errorBoundAtEdges() {
        PeriodPlan p = plan("2026-02-10T06:00:00Z", "2026-02-10T09:15:00Z"); // hours, then 5-minute windows
        assertEquals(Duration.ofMinutes(5), p.resolution());
        WindowTable table = new WindowTable()
                .fill(Grain.HOURLY, "2026-02-10T06:00:00Z", "2026-02-10T09:00:00Z", "spoke-a", eth0Rx(1000))
                .fill(Grain.HOURLY, "2026-02-10T06:00:00Z", "2026-02-10T09:00:00Z", "spoke-b", eth0Rx(1000))
                .fill(Grain.FINE, "2026-02-10T09:00:00Z", "2026-02-10T09:15:00Z", "spoke-a", eth0Rx(10))
                .open(Grain.HOURLY, "2026-02-10T06:00:00Z", WindowReader.Edge.START, "spoke-a", 300)
                .open(Grain.FINE, "2026-02-10T09:10:00Z", WindowReader.Edge.END, "spoke-a", 44)
                .open(Grain.FINE, "2026-02-10T09:10:00Z", WindowReader.Edge.START, "spoke-b", 999) // not an edge of the period
                .progress("spoke-a", "2026-02-10T10:00:00Z");
        Map<String, io.egressmon.api.bandwidth.GatewayPeriod> read = p.read(table);
        assertEquals(344L, read.get("spoke-a").errorBoundBytes(), "300 straddle the start, 44 the end");
        assertEquals(0L, read.get("spoke-b").errorBoundBytes());
        assertEquals(Instant.parse("2026-02-10T10:00:00Z"), read.get("spoke-a").dataUntil());
        assertEquals(3030L, read.get("spoke-a").totals().eth0Rx());
    }

    @Test
    @DisplayName("a prorated hour bounds the error by all of that hour's bytes")
    void proratedHourBound() {
        PeriodPlan p = plan("2026-02-01T10:15:00Z", "2026-02-01T12:00:00Z");
        WindowTable table = new WindowTable()
                .fill(Grain.HOURLY, "2026-02-01T10:00:00Z", "2026-02-01T12:00:00Z", "spoke-a", new RawTotals(400, 200, 100, 100, 0));
        assertEquals(800L, p.read(table).get("spoke-a").errorBoundBytes());
    }

    @Test
    @DisplayName("a gateway processed but without a window in the period is there, without windows")
    void progressWithoutWindows() {
        PeriodPlan p = plan("2026-02-10T06:00:00Z", "2026-02-10T09:00:00Z");
        var read = p.read(new WindowTable().progress("spoke-q", "2026-02-10T09:30:00Z"));
        assertFalse(read.get("spoke-q").windows());
        assertEquals(RawTotals.ZERO, read.get("spoke-q").totals());
    }

    @Test
    @DisplayName("the live windows count: the current 5-minute window and the current hour are read like closed ones")
    void liveWindowsCount() {
        PeriodPlan p = plan("2026-02-10T09:00:00Z", "2026-02-10T10:40:00Z");
        WindowTable table = new WindowTable()
                .put(Grain.HOURLY, "2026-02-10T09:00:00Z", "spoke-a", eth0Rx(500))
                .put(Grain.FINE, "2026-02-10T10:35:00Z", "spoke-a", eth0Rx(7)); // the live 5 minutes
        assertEquals(507, p.read(table).get("spoke-a").totals().eth0Rx());
    }

    @Test
    @DisplayName("an edge older than the 5-minute retention takes its hourly window in proportion to the overlap")
    void oldEdgesProrated() {
        PeriodPlan p = plan("2026-02-01T10:15:00Z", "2026-02-01T12:45:00Z");

        assertEquals(List.of(span("2026-02-01T11:00:00Z", "2026-02-01T12:00:00Z")), p.hourly());
        assertEquals(List.of(), p.fine());
        assertEquals(List.of(
                new PeriodPlan.PartialHour(Instant.parse("2026-02-01T10:00:00Z"), Duration.ofMinutes(45)),
                new PeriodPlan.PartialHour(Instant.parse("2026-02-01T12:00:00Z"), Duration.ofMinutes(45))), p.partial());
        assertFalse(p.exact());
        assertEquals(Instant.parse("2026-02-01T10:15:00Z"), p.start(), "old bounds stay as asked");

        WindowTable table = new WindowTable()
                .put(Grain.HOURLY, "2026-02-01T10:00:00Z", "spoke-a", eth0Rx(4000))
                .put(Grain.HOURLY, "2026-02-01T11:00:00Z", "spoke-a", eth0Rx(1000))
                .put(Grain.HOURLY, "2026-02-01T12:00:00Z", "spoke-a", eth0Rx(400));
        assertEquals(1000 + 3000 + 300, p.read(table).get("spoke-a").totals().eth0Rx());
    }

    @Test
    @DisplayName("a long period mixes both: a prorated old start, whole hours, and 5-minute windows at the recent end")
    void thirtyDays() {
        PeriodPlan p = lastDays(30);
        assertEquals(List.of(new PeriodPlan.PartialHour(Instant.parse("2026-01-11T10:00:00Z"), Duration.ofMinutes(20))),
                p.partial());
        assertEquals(List.of(span("2026-01-11T11:00:00Z", "2026-02-10T10:00:00Z")), p.hourly());
        assertEquals(List.of(span("2026-02-10T10:00:00Z", "2026-02-10T10:40:00Z")), p.fine());
    }

    @Test
    @DisplayName("a recent unaligned edge moves onto the 5-minute grid (start down, end up) and the plan reports the moved bounds")
    void recentEdgesSnap() {
        PeriodPlan p = plan("2026-02-10T08:02:00Z", "2026-02-10T09:58:00Z");
        assertEquals(Instant.parse("2026-02-10T08:00:00Z"), p.start());
        assertEquals(Instant.parse("2026-02-10T10:00:00Z"), p.end());
        assertEquals(List.of(span("2026-02-10T08:00:00Z", "2026-02-10T10:00:00Z")), p.hourly());
        assertTrue(p.fine().isEmpty() && p.partial().isEmpty());
    }

    @Test
    @DisplayName("a period inside one hour reads only 5-minute windows when recent, one prorated hour when old")
    void insideOneHour() {
        assertEquals(List.of(span("2026-02-10T09:10:00Z", "2026-02-10T09:40:00Z")),
                plan("2026-02-10T09:10:00Z", "2026-02-10T09:40:00Z").fine());
        PeriodPlan old = plan("2026-02-01T09:10:00Z", "2026-02-01T09:40:00Z");
        assertEquals(List.of(new PeriodPlan.PartialHour(Instant.parse("2026-02-01T09:00:00Z"), Duration.ofMinutes(30))),
                old.partial());
        assertTrue(old.hourly().isEmpty());
    }

    @Test
    @DisplayName("prorating rounds each field down and keeps resets whole")
    void scaling() {
        RawTotals scaled = PeriodPlan.scale(new RawTotals(10, 11, Long.MAX_VALUE / 2, 3, 1), Duration.ofMinutes(20), Duration.ofHours(1));
        assertEquals(new RawTotals(3, 3, Long.MAX_VALUE / 6, 1, 1), scaled);
    }

    @Test
    @DisplayName("the plan is a pure function of its effective bounds: another instance rebuilding it reads the same windows")
    void idempotent() {
        for (PeriodPlan p : List.of(plan("2026-02-10T08:02:00Z", "2026-02-10T09:58:00Z"),
                plan("2026-02-01T10:15:00Z", "2026-02-01T12:45:00Z"),
                lastDays(30))) {
            assertEquals(p, PeriodPlan.of(p.start(), p.end(), p.fineSince()));
        }
    }

    @Test
    @DisplayName("egress is derived once from the period's raw sums, not summed from per-window clamps")
    void clampOncePerPeriod() {
        // Hour 1: eth0 only. Hour 2: tunnel bytes exceed eth0 (their eth0 bytes were sampled into hour 1).
        WindowTable table = new WindowTable()
                .put(Grain.HOURLY, "2026-02-10T06:00:00Z", "spoke-a", new RawTotals(100, 100, 0, 0, 0))
                .put(Grain.HOURLY, "2026-02-10T07:00:00Z", "spoke-a", new RawTotals(0, 0, 30, 30, 0));
        RawTotals period = plan("2026-02-10T06:00:00Z", "2026-02-10T08:00:00Z").read(table).get("spoke-a").totals();
        assertEquals(40, period.egressRx(), "100 − (30 + 30), not max(0,100) + max(0,−60) = 100");
        assertEquals(30, period.internalRx());
    }
}
