package io.egressmon.api;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The period a report asks for: {@code days=N} (the last N days), {@code month=M&year=Y} (a calendar
 * month, UTC) or {@code from=ISO&to=ISO}; none means the original scripts' default of 30 days.
 * The rules that need no clock are checked when the request is made (by the CLI before it sends it,
 * by the server when it reads it); {@link #resolve} checks the rest against the server's clock.
 */
public sealed interface PeriodRequest permits PeriodRequest.LastDays, PeriodRequest.CalendarMonth, PeriodRequest.Between {
    /** The query parameters of a period. */
    List<String> PARAMETERS = List.of("days", "month", "year", "from", "to");
    /** The original scripts' default. */
    int DEFAULT_DAYS = 30;
    int MAX_DAYS = 3650;
    /** A {@code to} this far past the server's clock is accepted: the caller's clock may run a little ahead. */
    Duration CLOCK_SKEW = Duration.ofMinutes(1);
    String FORMS = "give days=N, month=M&year=Y or from=ISO&to=ISO";

    /** The last {@code days} days, ending now. */
    record LastDays(int days) implements PeriodRequest {
        public LastDays {
            if (days < 1 || days > MAX_DAYS) {
                throw new BadParameter("days", "days must be between 1 and " + MAX_DAYS + ", got " + days);
            }
        }

        @Override
        public void addTo(QueryString query) {
            query.put("days", days);
        }

        /** The end is the end of the current 5-minute window, so the live window counts whole and both ends sit on the window grid. */
        @Override
        public Period resolve(Instant now) {
            Instant end = Period.ceil(now, Duration.ofMinutes(5));
            return new Period(end.minus(Duration.ofDays(days)), end, days);
        }
    }

    /** A calendar month in UTC. */
    record CalendarMonth(int year, int month) implements PeriodRequest {
        public CalendarMonth {
            if (month < 1 || month > 12) {
                throw new BadParameter("month", "month must be between 1 and 12, got " + month);
            }
            if (year < 1970 || year > 9999) {
                throw new BadParameter("year", "year must be between 1970 and 9999, got " + year);
            }
        }

        @Override
        public void addTo(QueryString query) {
            query.put("month", month).put("year", year);
        }

        /** @throws BadParameter naming {@code month} when it has not begun at {@code now} */
        @Override
        public Period resolve(Instant now) {
            YearMonth m = YearMonth.of(year, month);
            Instant start = m.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            if (start.isAfter(now)) {
                throw new BadParameter("month", "month " + m + " has not begun yet");
            }
            return new Period(start, m.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC), m.lengthOfMonth());
        }
    }

    /** {@code [from, to)}. */
    record Between(Instant from, Instant to) implements PeriodRequest {
        public Between {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!from.isBefore(to)) {
                throw new BadParameter("to", "to (" + to + ") must be after from (" + from + ")");
            }
            if (Duration.between(from, to).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
                throw new BadParameter("from", "the period from " + from + " to " + to + " is longer than " + MAX_DAYS + " days");
            }
        }

        @Override
        public void addTo(QueryString query) {
            query.put("from", from).put("to", to);
        }

        /** @throws BadParameter naming {@code to} when it lies in the future (beyond a small clock skew) */
        @Override
        public Period resolve(Instant now) {
            if (to.isAfter(now.plus(CLOCK_SKEW))) {
                throw new BadParameter("to", "to (" + to + ") is in the future (now is " + now + ")");
            }
            Duration length = Duration.between(from, to);
            long wholeDays = length.toDays();
            int days = (int) (length.equals(Duration.ofDays(wholeDays)) ? wholeDays : wholeDays + 1);
            return new Period(from, to, days);
        }
    }

    /** The names an endpoint that takes a period accepts: the period's and {@code more}. */
    static Set<String> parametersWith(String... more) {
        Set<String> names = new HashSet<>(PARAMETERS);
        names.addAll(Set.of(more));
        return Set.copyOf(names);
    }

    /** Adds this period's parameters to {@code query}. */
    void addTo(QueryString query);

    /** The instants this period covers at {@code now}. @throws BadParameter naming what to fix */
    Period resolve(Instant now);

    /**
     * The period {@code params} ask for; none at all means {@value #DEFAULT_DAYS} days.
     *
     * @throws BadParameter naming the parameter to fix
     */
    static PeriodRequest parse(QueryParameters params) {
        boolean days = params.has("days");
        boolean month = params.has("month") || params.has("year");
        boolean range = params.has("from") || params.has("to");
        List<String> given = new ArrayList<>();
        if (days) {
            given.add("days");
        }
        if (month) {
            given.add(params.has("month") ? "month" : "year");
        }
        if (range) {
            given.add(params.has("from") ? "from" : "to");
        }
        if (given.size() > 1) {
            throw new BadParameter(given.get(1), "give one period only (got " + String.join(" and ", given) + "): " + FORMS);
        }
        if (days) {
            return new LastDays(params.integer("days", 1, MAX_DAYS));
        }
        if (month) {
            if (!params.has("month")) {
                throw new BadParameter("month", "year=" + params.raw("year") + " needs month=M (1-12) too");
            }
            if (!params.has("year")) {
                throw new BadParameter("year", "month=" + params.raw("month") + " needs year=YYYY too");
            }
            int m = params.integer("month", 1, 12);
            return new CalendarMonth(params.integer("year", 1970, 9999), m);
        }
        if (range) {
            if (!params.has("from")) {
                throw new BadParameter("from", "to=" + params.raw("to") + " needs from=ISO too");
            }
            if (!params.has("to")) {
                throw new BadParameter("to", "from=" + params.raw("from") + " needs to=ISO too");
            }
            return new Between(params.time("from"), params.time("to"));
        }
        return new LastDays(DEFAULT_DAYS);
    }
}
