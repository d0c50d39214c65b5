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
     * goes in slices of {@code max}, then one live slice at a time, and every boundary stays on the
     * grid of live slices started at the first start.
     *
     * <p>Two more cuts keep every stored window exact (a FlowIQ table cannot be split in proportion
     * to time, so a slice must never straddle a window it is counted in): a slice never crosses UTC
     * midnight, so daily windows are exact; and from {@code hourlyFrom} on a slice never crosses an
     * hour, so hourly windows are exact there — the backfill before it goes in coarse day slices,
     * which the hourly store can only hold whole (answers snap their edges to days there). A cut
     * applies when at least one whole live slice fits before it.
     */
    public static Optional<FlowiqSlice> next(Instant cursor, Instant now, Duration live, Duration max, Duration settle,
                                             Instant hourlyFrom) {
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
        Instant end = cursor.plus(live.multipliedBy(slices));
        Instant cut = cursor.isBefore(hourlyFrom) ? earlier(after(cursor, DAY), hourlyFrom) : after(cursor, HOUR);
        if (end.isAfter(cut)) {
            long fit = Duration.between(cursor, cut).toMillis() / live.toMillis();
            if (fit >= 1) {
                end = cursor.plus(live.multipliedBy(fit));
            }
        }
        return Optional.of(new FlowiqSlice(cursor, end));
    }

    /** The slice after {@code cursor} with no hourly region (every slice may be as long as {@code max}). */
    public static Optional<FlowiqSlice> next(Instant cursor, Instant now, Duration live, Duration max, Duration settle) {
        return next(cursor, now, live, max, settle, Instant.MAX);
    }

    /**
     * Where slices stop being coarse: {@code hourly} before {@code now}, floored to UTC midnight, so
     * the coarse part ends on a day boundary; never, when {@code hourly} is zero (the backfill then
     * goes by day up to the present, and only live slices are short).
     */
    public static Instant hourlyFrom(Instant now, Duration hourly) {
        if (hourly.isZero()) {
            return Instant.MAX;
        }
        long day = DAY.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.minus(hourly).toEpochMilli(), day) * day);
    }

    /** True when this slice is longer than an hour: the hourly store holds it whole in its first hour. */
    public boolean coarse() {
        return length().compareTo(HOUR) > 0;
    }

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);

    private static Instant after(Instant t, Duration unit) {
        long u = unit.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), u) * u + u);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Where the very first poll starts: {@code now − backfill}, floored to the hour, like the counters. */
    public static Instant firstStart(Instant now, Duration backfill) {
        return Slice.firstStart(now, backfill);
    }
}
