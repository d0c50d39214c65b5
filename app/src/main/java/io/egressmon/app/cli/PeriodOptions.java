package io.egressmon.app.cli;

import io.egressmon.api.PeriodRequest;
import io.egressmon.api.QueryParameters;
import java.time.DateTimeException;
import java.time.Instant;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The period flags every report takes (a picocli mixin): {@code --days N} (default 30, ending now),
 * {@code --month M --year Y} (a calendar month, UTC) or {@code --from ISO --to ISO}; at most one of them.
 */
final class PeriodOptions {
    
    @Option(names = "--days", paramLabel = "N", description = "The last N days, ending now (default: 30).")
    Integer days;

    @Option(names = "--month", paramLabel = "M", description = "A calendar month (1-12, UTC); needs --year.")
    Integer month;

    @Option(names = "--year", paramLabel = "Y", description = "The year of --month.")
    Integer year;

    @Option(names = "--from", paramLabel = "ISO",
            description = "Period start: 2026-01-11T10:00:00Z, an offset time, or a date (UTC midnight); needs --to.")
    String from;

    @Option(names = "--to", paramLabel = "ISO", description = "Period end (exclusive), same forms as --from.")
    String to;

    /** The period the flags describe, or a usage error of {@code spec}'s command saying which flags do not fit together. */
    PeriodRequest period(CommandSpec spec) {
        boolean byMonth = month != null || year != null;
        boolean byRange = from != null || to != null;
        int periods = (days != null ? 1 : 0) + (byMonth ? 1 : 0) + (byRange ? 1 : 0);
        if (periods > 1) {
            throw Usage.error(spec, "give one period: --days, --month with --year, or --from with --to");
        }
        if (byMonth && (month == null || year == null)) {
            throw Usage.error(spec, month == null ? "--year needs --month" : "--month needs --year");
        }
        if (byRange && (from == null || to == null)) {
            throw Usage.error(spec, from == null ? "--to needs --from" : "--from needs --to");
        }
        return Usage.check(spec, () -> {
            if (byMonth) {
                return new PeriodRequest.CalendarMonth(year, month);
            }
            if (byRange) {
                return new PeriodRequest.Between(instant("--from", from), instant("--to", to));
            }
            return new PeriodRequest.LastDays(days != null ? days : PeriodRequest.DEFAULT_DAYS);
        });
    }

    /** ISO instant, offset date-time, local date-time (UTC) or date (UTC midnight): the API's forms. */
    private static Instant instant(String flag, String value) {
        try {
            return QueryParameters.parseTime(value.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    flag + " must be an ISO time such as 2026-01-11T10:00:00Z or a date, got '" + value + "'");
        }
    }
}
