package io.egressmon.ingest.flowiq;

import io.egressmon.ingest.counters.Slice;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One FlowIQ poll of every spoke over {@code [start, end)}, and how the poll loop picks the next one.
 * FlowIQ's date range is inclusive at both ends, so a slice is sent as {@code gte = start},
 * {@code lte = end − 1 ms}: adjacent slices never count the same flow record twice.
 */
public record FlowiqSlice(Instant start, Instant end) {

    public FlowiqSlice {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a slice must end after it starts: " + start + " .. " + end);
        }
    }

    /** {@code date_range[gte]}: the first instant inside. */
    public Instant gte() {
        return start;
    }

    /** {@code date_range[lte]}: the last millisecond inside. */
    public Instant lte() {
        return end.minusMillis(1);
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    /**
     * The slice after {@code cursor}: as many whole live slices as have fully ended by
     * {@code now − settle}, at most {@code max} long; none when not even one has. So a backfill
     * goes in slices of {@code max}, the rest of it in one slice, then one live slice at a time, and
     * every boundary stays on the grid of live slices started at the first start.
     */
    public static Optional<FlowiqSlice> next(Instant cursor, Instant now, Duration live, Duration max, Duration settle) {
        if (live.isNegative() || live.isZero() || max.compareTo(live) < 0) {
            throw new IllegalArgumentException("need 0 < live <= max, got live " + live + ", max " + max);
        }
        Instant limit = now.minus(settle);
        if (!limit.isAfter(cursor)) {
            return Optional.empty();
        }
        long due = Duration.between(cursor, limit).toMillis() / live.toMillis();
        if (due < 1) {
            return Optional.empty();
        }
        long slices = Math.min(due, max.toMillis() / live.toMillis());
        return Optional.of(new FlowiqSlice(cursor, cursor.plus(live.multipliedBy(slices))));
    }

    /** Where the very first poll starts: {@code now − backfill}, floored to the hour, like the counters. */
    public static Instant firstStart(Instant now, Duration backfill) {
        return Slice.firstStart(now, backfill);
    }
}
