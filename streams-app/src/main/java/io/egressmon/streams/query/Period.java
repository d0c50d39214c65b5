package io.egressmon.streams.query;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The period a report covers, as asked: {@code days=N} (ending now), {@code month=M&year=Y} (a
 * calendar month, UTC) or {@code from=ISO&to=ISO}.
 *
 * @param start first instant of the period (inclusive)
 * @param end   end of the period (exclusive); for a month that has not ended yet this is in the future
 * @param days  the length the report prints: N for {@code days}, the days of the month, else the
 *              duration rounded up to whole days
 */
public record Period(Instant start, Instant end, int days) {
    public static final List<String> PARAMETERS = List.of("days", "month", "year", "from", "to");
    /** The seed's default when no period is given. */
    public static final int DEFAULT_DAYS = 30;
    public static final int MAX_DAYS = 3650;
    /** A {@code to} this far past our clock is accepted: the caller's clock may run a little ahead. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final String FORMS = "give days=N, month=M&year=Y or from=ISO&to=ISO";

    public Period {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("period start " + start + " is not before its end " + end);
        }
    }

    /**
     * The period {@code params} ask for, at {@code now}. No period parameter at all means the seed's
     * default, {@value #DEFAULT_DAYS} days.
     *
     * @param params query parameters by name (one value each); other names are ignored here
     * @throws BadParameter naming the parameter to fix
     */
    public static Period parse(Map<String, String> params, Instant now) {
        boolean days = params.containsKey("days");
        boolean month = params.containsKey("month") || params.containsKey("year");
        boolean range = params.containsKey("from") || params.containsKey("to");
        List<String> given = new ArrayList<>();
        if (days) {
            given.add("days");
        }
        if (month) {
            given.add(params.containsKey("month") ? "month" : "year");
        }
        if (range) {
            given.add(params.containsKey("from") ? "from" : "to");
        }
        if (given.size() > 1) {
            throw new BadParameter(given.get(1), "give one period only (got " + String.join(" and ", given) + "): " + FORMS);
        }
        if (days) {
            return lastDays(parseInt(params, "days", 1, MAX_DAYS), now);
        }
        if (month) {
            if (!params.containsKey("month")) {
                throw new BadParameter("month", "year=" + params.get("year") + " needs month=M (1-12) too");
            }
            if (!params.containsKey("year")) {
                throw new BadParameter("year", "month=" + params.get("month") + " needs year=YYYY too");
            }
            int m = parseInt(params, "month", 1, 12);
            int y = parseInt(params, "year", 1970, 9999);
            return month(YearMonth.of(y, m), now);
        }
        if (range) {
            if (!params.containsKey("from")) {
                throw new BadParameter("from", "to=" + params.get("to") + " needs from=ISO too");
            }
            if (!params.containsKey("to")) {
                throw new BadParameter("to", "from=" + params.get("from") + " needs to=ISO too");
            }
            return between(parseInstant(params, "from"), parseInstant(params, "to"), now);
        }
        return lastDays(DEFAULT_DAYS, now);
    }

    /**
     * The last {@code n} days. The end is the end of the current 5-minute window, so the live window
     * counts whole (it holds data only up to now anyway) and both ends sit on the window grid.
     */
    public static Period lastDays(int n, Instant now) {
        if (n < 1 || n > MAX_DAYS) {
            throw new BadParameter("days", "days must be between 1 and " + MAX_DAYS + ", got " + n);
        }
        Instant end = ceil(now, FIVE_MINUTES);
        return new Period(end.minus(Duration.ofDays(n)), end, n);
    }

    /** A calendar month in UTC; refused when it has not begun at {@code now}. */
    public static Period month(YearMonth month, Instant now) {
        Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        if (start.isAfter(now)) {
            throw new BadParameter("month", "month " + month + " has not begun yet");
        }
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return new Period(start, end, month.lengthOfMonth());
    }

    /** {@code [from, to)}; {@code to} may not lie in the future (beyond a small clock skew). */
    public static Period between(Instant from, Instant to, Instant now) {
        if (!from.isBefore(to)) {
            throw new BadParameter("to", "to (" + to + ") must be after from (" + from + ")");
        }
        if (to.isAfter(now.plus(CLOCK_SKEW))) {
            throw new BadParameter("to", "to (" + to + ") is in the future (now is " + now + ")");
        }
        Duration length = Duration.between(from, to);
        if (length.compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw new BadParameter("from", "the period from " + from + " to " + to + " is longer than " + MAX_DAYS + " days");
        }
        long wholeDays = length.toDays();
        int days = (int) (length.equals(Duration.ofDays(wholeDays)) ? wholeDays : wholeDays + 1);
        return new Period(from, to, days);
    }

    /**
     * Accepts {@code 2026-01-11T10:00:00Z}, an offset ({@code …+01:00}), a local date-time (read as
     * UTC, as the seed does) or a bare date (its midnight, UTC).
     */
    static Instant parseInstant(Map<String, String> params, String name) {
        String text = params.get(name);
        if (text == null || text.isBlank()) {
            throw new BadParameter(name, name + " is empty; expected an ISO-8601 instant such as 2026-01-11T10:00:00Z");
        }
        // An unencoded '+' of an offset (…T10:00:00+01:00) arrives decoded as a space.
        String t = text.trim().replace(' ', '+');
        try {
            return Instant.parse(t);
        } catch (DateTimeException ignored) {
            // try the other accepted forms
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeException ignored) {
            // try the other accepted forms
        }
        try {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException ignored) {
            // try the other accepted forms
        }
        try {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new BadParameter(name, name + "='" + text + "' is not an ISO-8601 instant; expected e.g. "
                    + "2026-01-11T10:00:00Z, 2026-01-11T10:00:00+01:00 or 2026-01-11");
        }
    }

    static int parseInt(Map<String, String> params, String name, int min, int max) {
        String text = params.get(name);
        int value;
        try {
            value = Integer.parseInt(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            throw new BadParameter(name, name + "='" + text + "' is not a whole number; expected " + min + "-" + max);
        }
        if (value < min || value > max) {
            throw new BadParameter(name, name + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    static Instant floor(Instant t, Duration unit) {
        long u = unit.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), u) * u);
    }

    static Instant ceil(Instant t, Duration unit) {
        long u = unit.toMillis();
        long ms = t.toEpochMilli() + (t.getNano() % 1_000_000 == 0 ? 0 : 1);
        return Instant.ofEpochMilli(-Math.floorDiv(-ms, u) * u);
    }
}
