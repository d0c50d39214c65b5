package io.egressmon.streams.alerts.webhook;

import java.time.Duration;
import java.util.Objects;

/**
 * When a webhook is tried again: 1 s after the first try, then doubling, at most 60 s apart, for
 * {@code retryFor} from the first try; a receiver's {@code Retry-After} (seconds) is honoured up to
 * 10 minutes when it asks for longer. Deterministic: one deliverer per instance and a few URLs
 * need no jitter.
 */
public record RetrySchedule(Duration first, Duration max, Duration retryFor) {
    public static final Duration FIRST = Duration.ofSeconds(1);
    public static final Duration MAX = Duration.ofSeconds(60);
    public static final Duration RETRY_AFTER_CAP = Duration.ofMinutes(10);

    public RetrySchedule {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(retryFor, "retryFor");
    }

    public static RetrySchedule of(Duration retryFor) {
        return new RetrySchedule(FIRST, MAX, retryFor);
    }

    /** The wait after failed try number {@code attempt} (from 1): 1 s, 2 s, 4 s … 32 s, 60 s, 60 s … */
    public Duration delayAfter(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, got " + attempt);
        }
        int doublings = Math.min(attempt - 1, 30);
        long millis = first.toMillis() << doublings;
        return millis >= max.toMillis() || millis <= 0 ? max : Duration.ofMillis(millis);
    }

    /** {@link #delayAfter} or the receiver's {@code Retry-After} when longer (capped); null when none given. */
    public Duration delayAfter(int attempt, Duration retryAfter) {
        Duration scheduled = delayAfter(attempt);
        if (retryAfter == null || retryAfter.compareTo(scheduled) <= 0) {
            return scheduled;
        }
        return retryAfter.compareTo(RETRY_AFTER_CAP) > 0 ? RETRY_AFTER_CAP : retryAfter;
    }

    /** True when a try {@code delay} after {@code elapsed} since the first would start after {@code retryFor}. */
    public boolean givesUp(Duration elapsed, Duration delay) {
        return elapsed.plus(delay).compareTo(retryFor) > 0;
    }
}
