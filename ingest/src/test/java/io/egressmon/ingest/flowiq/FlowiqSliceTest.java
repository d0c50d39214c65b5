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
    @DisplayName("far behind: whole backfill slices of a day")
    void backfill() {
        assertEquals(Optional.of(slice("2025-12-12T10:00:00Z", "2025-12-13T10:00:00Z")),
                next("2025-12-12T10:00:00Z", "2026-01-11T10:47:13Z"));
    }

    @Test
    @DisplayName("less than a day behind: the rest in one slice of whole live slices, on the grid of the first start")
    void restInOneSlice() {
        String now = "2026-01-11T10:47:13Z";
        assertEquals(Optional.of(slice("2026-01-10T10:00:00Z", "2026-01-11T10:00:00Z")), next("2026-01-10T10:00:00Z", now),
                "a day and 45 minutes behind: the day first");
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
