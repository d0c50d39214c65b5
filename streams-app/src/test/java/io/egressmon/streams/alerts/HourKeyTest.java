package io.egressmon.streams.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The alerts' hour keys: the same text the stores always held, and in time order within a scope. */
@DisplayName("Alert hour keys")
class HourKeyTest {

    @Test
    @DisplayName("are scope|epoch ms zero-padded to 13 digits, as String.format wrote them")
    void sameAsFormatted() {
        for (long ms : new long[] {0, 7, 3_600_000, 999_999_999_999L, 1_000_000_000_000L, 1_796_169_600_000L, 99_999_999_999_999L, -3_600_000}) {
            assertEquals("gateway:spoke-a|" + String.format("%013d", ms), AlertsProcessor.hourKey("gateway:spoke-a", Instant.ofEpochMilli(ms)),
                    "ms " + ms);
        }
    }

    @Test
    @DisplayName("sort by time within a scope")
    void sortByTime() {
        String earlier = AlertsProcessor.hourKey("account:acct-1", Instant.parse("2001-09-09T01:00:00Z"));
        String later = AlertsProcessor.hourKey("account:acct-1", Instant.parse("2026-12-02T06:00:00Z"));
        assertTrue(earlier.compareTo(later) < 0, earlier + " before " + later);
    }
}
