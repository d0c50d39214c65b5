package io.egressmon.ingest.counters;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/** One poll of every gateway over {@code [start, end]}, and how the poll loop picks the next one. */
public record Slice(Instant start, Instant end) {

    public Slice {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a slice must end after it starts: " + start + " .. " + end);
        }
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    /**
     * The slice after {@code cursor}: {@code [cursor, min(cursor + step, now floored to the minute)]},
     * or none when the cursor has reached the last whole minute.
     */
    public static Optional<Slice> next(Instant cursor, Instant now, Duration step) {
        Instant limit = now.truncatedTo(ChronoUnit.MINUTES);
        if (!limit.isAfter(cursor)) {
            return Optional.empty();
        }
        Instant end = cursor.plus(step);
        return Optional.of(new Slice(cursor, end.isAfter(limit) ? limit : end));
    }

    /** Where the very first poll starts: {@code now − backfill}, floored to the hour. */
    public static Instant firstStart(Instant now, Duration backfill) {
        return now.minus(backfill).truncatedTo(ChronoUnit.HOURS);
    }

    /** True when another slice is already due after this one at {@code now}. */
    public boolean behind(Instant now) {
        return end.isBefore(now.truncatedTo(ChronoUnit.MINUTES));
    }
}
