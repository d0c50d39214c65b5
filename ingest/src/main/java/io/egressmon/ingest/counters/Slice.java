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

    /** Slices never cross this grid: every hour-aligned period is a whole number of slices. */
    public static final Duration HOUR = Duration.ofHours(1);
    /** Where it can, a slice ends on this grid, so 5-minute windows of live data are exact too. */
    public static final Duration FINE = Duration.ofMinutes(5);

    /**
     * The slice after {@code cursor}: {@code [cursor, min(cursor + step, the next whole hour, now
     * floored to the minute)]}, its end then moved down onto the 5-minute grid when that leaves it
     * non-empty; none when the cursor has reached the last whole minute.
     *
     * <p>A counter reading says how many bytes passed between two instants, not when. A slice that
     * crossed an hour boundary would leave its bytes to be split between the two hours in proportion
     * to time, which is a guess; a slice inside one hour makes every hour-aligned period exact, and
     * one inside a 5-minute bucket (live polling, once a minute) makes 5-minute periods exact as well.
     */
    public static Optional<Slice> next(Instant cursor, Instant now, Duration step) {
        Instant limit = now.truncatedTo(ChronoUnit.MINUTES);
        if (!limit.isAfter(cursor)) {
            return Optional.empty();
        }
        Instant end = min(min(cursor.plus(step), ceilStrictly(cursor, HOUR)), limit);
        Instant onGrid = floor(end, FINE);
        return Optional.of(new Slice(cursor, onGrid.isAfter(cursor) ? onGrid : end));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant floor(Instant t, Duration unit) {
        long u = unit.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), u) * u);
    }

    /** The first instant on {@code unit}'s grid after {@code t}. */
    private static Instant ceilStrictly(Instant t, Duration unit) {
        return floor(t, unit).plus(unit);
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
