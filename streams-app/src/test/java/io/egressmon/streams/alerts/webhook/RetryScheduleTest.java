package io.egressmon.streams.alerts.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private final RetrySchedule schedule = RetrySchedule.of(Duration.ofHours(24));

    @Test
    @DisplayName("tries are 1 s apart, then doubling, then 60 s apart")
    void doublingToAMinute() {
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L),
                IntStream.rangeClosed(1, 9).mapToObj(a -> schedule.delayAfter(a).toSeconds()).toList());
        assertEquals(Duration.ofSeconds(60), schedule.delayAfter(10_000), "no overflow after many tries");
    }

    @Test
    @DisplayName("a receiver's Retry-After is honoured when longer, up to 10 minutes; a shorter one does not hurry the schedule")
    void retryAfter() {
        assertEquals(Duration.ofSeconds(30), schedule.delayAfter(1, Duration.ofSeconds(30)));
        assertEquals(Duration.ofSeconds(4), schedule.delayAfter(3, Duration.ofSeconds(1)));
        assertEquals(Duration.ofMinutes(10), schedule.delayAfter(1, Duration.ofHours(3)));
        assertEquals(Duration.ofSeconds(2), schedule.delayAfter(2, null));
    }

    @Test
    @DisplayName("an alert is given up when the next try would start after EGRESSMON_ALERT_WEBHOOK_RETRY_FOR")
    void givesUp() {
        RetrySchedule minute = RetrySchedule.of(Duration.ofMinutes(1));
        assertFalse(minute.givesUp(Duration.ofSeconds(59), Duration.ofSeconds(1)));
        assertTrue(minute.givesUp(Duration.ofSeconds(59), Duration.ofSeconds(2)));
    }
}
