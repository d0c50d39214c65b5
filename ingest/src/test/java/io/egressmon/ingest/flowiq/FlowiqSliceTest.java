package io.egressmon.ingest.flowiq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Planning FlowIQ slices")
class FlowiqSliceTest {
    private static final Duration LIVE = Duration.ofMinutes(15);
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration SETTLE = Duration.ofMinutes(2);

    private static Instant t(String s) {
        return Instant.parse(s);
    }

    private static Optional<FlowiqSlice> next(String cursor, String now) {
        return FlowiqSlice.next(t(cursor), t(now), LIVE, DAY, SETTLE);
    }

    private static FlowiqSlice slice(String start, String end) {
        return new FlowiqSlice(t(start), t(end));
    }

    @Test
    @DisplayName("a slice [a, b) is sent as gte = a and lte = b − 1 ms, so adjacent slices share no record")
    void halfOpen() {
        FlowiqSlice s = slice("2026-01-11T10:00:00Z", "2026-01-11T10:15:00Z");
        assertEquals(t("2026-01-11T10:00:00Z"), s.gte());
        assertEquals(t("2026-01-11T10:14:59.999Z"), s.lte());
        assertThrows(IllegalArgumentException.class, () -> slice("2026-01-11T10:00:00Z", "2026-01-11T10:00:00Z"));
    }

    @Test
    @DisplayName("the first start is now − backfill floored to the hour, like the counters'")
    void firstStart() {
        assertEquals(t("2025-12-12T10:00:00Z"), FlowiqSlice.firstStart(t("2026-01-11T10:47:13Z"), Duration.ofDays(30)));
    }

    @Test
    @DisplayName("far behind: backfill slices of up to a day, cut at UTC midnight")
    void backfill() {
        assertEquals(Optional.of(slice("2025-12-12T10:00:00Z", "2025-12-13T00:00:00Z")),
                next("2025-12-12T10:00:00Z", "2026-01-11T10:47:13Z"));
        assertEquals(Optional.of(slice("2025-12-13T00:00:00Z", "2025-12-14T00:00:00Z")),
                next("2025-12-13T00:00:00Z", "2026-01-11T10:47:13Z"));
    }

    @Test
    @DisplayName("less than a day behind: the rest of the day in one slice of whole live slices, on the grid of the first start")
    void restInOneSlice() {
        String now = "2026-01-11T10:47:13Z";
        assertEquals(Optional.of(slice("2026-01-10T10:00:00Z", "2026-01-11T00:00:00Z")), next("2026-01-10T10:00:00Z", now),
                "a day and 45 minutes behind: up to midnight first");
        assertEquals(Optional.of(slice("2026-01-11T10:00:00Z", "2026-01-11T10:45:00Z")), next("2026-01-11T10:00:00Z", now),
                "then the three live slices that have settled, in one");
        assertEquals(Optional.of(slice("2026-01-11T01:00:00Z", "2026-01-11T10:45:00Z")), next("2026-01-11T01:00:00Z", now));
        assertEquals(Optional.of(slice("2026-01-11T01:05:00Z", "2026-01-11T10:35:00Z")), next("2026-01-11T01:05:00Z", now),
                "the grid is the cursor's, not the clock's");
    }

    @Test
    @DisplayName("caught up: one live slice, once it ended at least the settle time ago")
    void live() {
        assertEquals(Optional.empty(), next("2026-01-11T10:30:00Z", "2026-01-11T10:46:59Z"), "ended 1 min 59 s ago");
        assertEquals(Optional.of(slice("2026-01-11T10:30:00Z", "2026-01-11T10:45:00Z")),
                next("2026-01-11T10:30:00Z", "2026-01-11T10:47:00Z"), "ended 2 min ago");
        assertEquals(Optional.empty(), next("2026-01-11T10:45:00Z", "2026-01-11T10:47:00Z"), "still running");
    }

    @Test
    @DisplayName("no slice crosses UTC midnight; from the hourly region on, none crosses an hour")
    void cuts() {
        Instant now = t("2026-01-11T10:47:13Z");
        Instant hourlyFrom = FlowiqSlice.hourlyFrom(now, Duration.ofDays(2));
        assertEquals(t("2026-01-09T00:00:00Z"), hourlyFrom, "two days back, floored to midnight");
        assertEquals(Optional.of(slice("2025-12-12T10:00:00Z", "2025-12-13T00:00:00Z")),
                FlowiqSlice.next(t("2025-12-12T10:00:00Z"), now, LIVE, DAY, SETTLE, hourlyFrom), "the first day ends at midnight");
        assertEquals(Optional.of(slice("2026-01-08T00:00:00Z", "2026-01-09T00:00:00Z")),
                FlowiqSlice.next(t("2026-01-08T00:00:00Z"), now, LIVE, DAY, SETTLE, hourlyFrom));
        FlowiqSlice hourly = FlowiqSlice.next(t("2026-01-09T00:00:00Z"), now, LIVE, DAY, SETTLE, hourlyFrom).orElseThrow();
        assertEquals(slice("2026-01-09T00:00:00Z", "2026-01-09T01:00:00Z"), hourly);
        assertEquals(false, hourly.coarse());
        assertEquals(true, slice("2026-01-08T00:00:00Z", "2026-01-09T00:00:00Z").coarse());
        // Walking from the first start to now: every slice stays inside one day, and inside one hour from hourlyFrom on.
        Instant cursor = t("2025-12-12T10:00:00Z");
        int coarse = 0;
        for (Optional<FlowiqSlice> s = FlowiqSlice.next(cursor, now, LIVE, DAY, SETTLE, hourlyFrom); s.isPresent();
             s = FlowiqSlice.next(s.get().end(), now, LIVE, DAY, SETTLE, hourlyFrom)) {
            Instant last = s.get().end().minusMillis(1);
            assertEquals(s.get().start().truncatedTo(java.time.temporal.ChronoUnit.DAYS), last.truncatedTo(java.time.temporal.ChronoUnit.DAYS));
            if (!s.get().start().isBefore(hourlyFrom)) {
                assertEquals(s.get().start().truncatedTo(java.time.temporal.ChronoUnit.HOURS),
                        last.truncatedTo(java.time.temporal.ChronoUnit.HOURS), s.get().toString());
            } else if (s.get().coarse()) {
                coarse++;
            }
            cursor = s.get().end();
        }
        assertEquals(t("2026-01-11T10:45:00Z"), cursor, "caught up to the last settled live slice");
        assertEquals(28, coarse, "Dec 12 (from 10:00) to Jan 8: 28 day slices");
    }

    @Test
    @DisplayName("a cursor in the future (a clock set back) polls nothing")
    void cursorAhead() {
        assertEquals(Optional.empty(), next("2026-01-11T12:00:00Z", "2026-01-11T10:47:00Z"));
    }

    @Test
    @DisplayName("a maximum shorter than a live slice is refused")
    void badSizes() {
        assertThrows(IllegalArgumentException.class,
                () -> FlowiqSlice.next(t("2026-01-11T10:00:00Z"), t("2026-01-12T10:00:00Z"), DAY, LIVE, SETTLE));
    }
}
