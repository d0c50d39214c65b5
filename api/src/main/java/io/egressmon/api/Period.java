package io.egressmon.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A period as asked, resolved to instants.
 *
 * @param start first instant (inclusive)
 * @param end   end (exclusive); for a month that has not ended yet this is in the future
 * @param days  the length the reports print: N for {@code days}, the days of the month, else the
 *              duration rounded up to whole days
 */
public record Period(Instant start, Instant end, int days) {

    public Period {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("period start " + start + " is not before its end " + end);
        }
    }

    /**
     * The checks every report answer makes of itself: it is the report it claims to be, and says the
     * period it covers.
     *
     * @throws IllegalArgumentException otherwise (an answer to another question)
     */
    public static void requireReport(String expected, String report, Instant periodStart, Instant periodEnd) {
        if (!expected.equals(report)) {
            throw new IllegalArgumentException("report is '" + report + "', not " + expected);
        }
        Objects.requireNonNull(periodStart, "period_start");
        Objects.requireNonNull(periodEnd, "period_end");
    }

    /** {@code t} moved down onto the grid of {@code unit} (UTC, from the epoch). */
    public static Instant floor(Instant t, Duration unit) {
        long u = unit.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), u) * u);
    }

    /** {@code t} moved up onto the grid of {@code unit}; a sub-millisecond remainder counts. */
    public static Instant ceil(Instant t, Duration unit) {
        long u = unit.toMillis();
        long ms = t.toEpochMilli() + (t.getNano() % 1_000_000 == 0 ? 0 : 1);
        return Instant.ofEpochMilli(-Math.floorDiv(-ms, u) * u);
    }
}
