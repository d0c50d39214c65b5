package io.egressmon.ingest.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Choosing the next slice")
class SliceTest {
    private static final Duration STEP = Duration.ofHours(1);

    @Test
    @DisplayName("the first start begins the backfill ago, floored to the hour")
    void firstStart() {
        assertEquals(Instant.parse("2026-02-08T10:00:00Z"),
                Slice.firstStart(Instant.parse("2026-03-10T10:47:12Z"), Duration.ofDays(30)));
    }

    @Test
    @DisplayName("while more than a coarse slice behind, slices are coarse")
    void coarseWhileBehind() {
        Instant cursor = Instant.parse("2026-03-01T00:00:00Z");
        Slice s = Slice.next(cursor, Instant.parse("2026-03-02T00:00:30Z"), STEP).orElseThrow();
        assertEquals(new Slice(cursor, cursor.plus(STEP)), s);
        assertTrue(s.behind(Instant.parse("2026-03-02T00:00:30Z")));
    }

    @Test
    @DisplayName("near the present, a slice ends at now floored to the minute when that stays inside its 5 minutes")
    void upToNow() {
        Instant cursor = Instant.parse("2026-03-01T03:10:00Z");
        Instant now = Instant.parse("2026-03-01T03:12:45Z");
        Slice s = Slice.next(cursor, now, STEP).orElseThrow();
        assertEquals(Instant.parse("2026-03-01T03:12:00Z"), s.end());
        assertFalse(s.behind(now));
    }

    @Test
    @DisplayName("a slice that would cross a 5-minute boundary ends on it, and the rest is due at once")
    void endsOnTheFineGrid() {
        Instant cursor = Instant.parse("2026-03-01T03:09:00Z");
        Instant now = Instant.parse("2026-03-01T03:12:45Z");
        Slice s = Slice.next(cursor, now, STEP).orElseThrow();
        assertEquals(new Slice(cursor, Instant.parse("2026-03-01T03:10:00Z")), s);
        assertTrue(s.behind(now));
        assertEquals(new Slice(s.end(), Instant.parse("2026-03-01T03:12:00Z")), Slice.next(s.end(), now, STEP).orElseThrow());
    }

    @Test
    @DisplayName("no slice crosses an hour boundary, whatever the step and the cursor")
    void neverCrossesAnHour() {
        Instant now = Instant.parse("2026-03-02T00:00:30Z");
        Instant cursor = Instant.parse("2026-03-01T00:37:00Z"); // a grid left by an older version
        Instant hour = Instant.parse("2026-03-01T01:00:00Z");
        assertEquals(new Slice(cursor, hour), Slice.next(cursor, now, Duration.ofHours(6)).orElseThrow());
        for (int i = 0; i < 30; i++) {
            Slice s = Slice.next(cursor, now, Duration.ofMinutes(47)).orElseThrow();
            Instant lastMs = s.end().minusMillis(1);
            assertEquals(s.start().truncatedTo(java.time.temporal.ChronoUnit.HOURS),
                    lastMs.truncatedTo(java.time.temporal.ChronoUnit.HOURS), s + " stays in one hour");
            cursor = s.end();
        }
    }

    @Test
    @DisplayName("one minute inside a 5-minute bucket is polled as it is (a minute is the finest CoPilot grain)")
    void minuteInsideABucket() {
        Instant cursor = Instant.parse("2026-03-01T03:11:00Z");
        assertEquals(new Slice(cursor, Instant.parse("2026-03-01T03:12:00Z")),
                Slice.next(cursor, Instant.parse("2026-03-01T03:12:10Z"), STEP).orElseThrow());
    }

    @Test
    @DisplayName("nothing is due until a new whole minute has passed")
    void nothingDue() {
        Instant cursor = Instant.parse("2026-03-01T03:12:00Z");
        assertTrue(Slice.next(cursor, Instant.parse("2026-03-01T03:12:59Z"), STEP).isEmpty());
        assertTrue(Slice.next(cursor, Instant.parse("2026-03-01T03:13:00Z"), STEP).isPresent());
    }

    @Test
    @DisplayName("a slice must end after it starts")
    void emptySlice() {
        Instant t = Instant.parse("2026-03-01T03:12:00Z");
        assertThrows(IllegalArgumentException.class, () -> new Slice(t, t));
    }
}
