package io.egressmon.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a bandwidth report asks {@code GET /api/v1/bandwidth} for: exactly one period, optionally one
 * gateway and a grouping. Checked here with the same bounds as the server so that the CLI can refuse
 * a bad request without a round trip; the server stays the judge.
 *
 * @param period  the period
 * @param gateway a single gateway's name, or null for all spokes
 * @param groupBy the grouping, or null
 */
public record BandwidthQuery(Period period, String gateway, GroupBy groupBy) {
    /** The longest {@code days=} the API accepts. */
    public static final int MAX_DAYS = 3650;

    public BandwidthQuery {
        Objects.requireNonNull(period, "period");
        if (gateway != null && gateway.isBlank()) {
            throw new IllegalArgumentException("gateway must not be blank");
        }
    }

    /** A report period. */
    public sealed interface Period permits LastDays, CalendarMonth, Between {
    }

    /** The last {@code days} days, ending now: {@code --days N}. */
    public record LastDays(int days) implements Period {
        public LastDays {
            if (days < 1 || days > MAX_DAYS) {
                throw new IllegalArgumentException("days must be between 1 and " + MAX_DAYS + ", got " + days);
            }
        }
    }

    /** A calendar month in UTC: {@code --month M --year Y}. */
    public record CalendarMonth(int year, int month) implements Period {
        public CalendarMonth {
            if (month < 1 || month > 12) {
                throw new IllegalArgumentException("month must be between 1 and 12, got " + month);
            }
            if (year < 1970 || year > 9999) {
                throw new IllegalArgumentException("year must be between 1970 and 9999, got " + year);
            }
        }
    }

    /** {@code [from, to)}: {@code --from ISO --to ISO}. */
    public record Between(Instant from, Instant to) implements Period {
        public Between {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
            }
        }
    }

    /** The query string without the leading {@code ?}, e.g. {@code days=7&gateway=spoke-1&group_by=cloud}. */
    public String toQueryString() {
        List<String> params = new ArrayList<>();
        // Java 17: no pattern matching in switch yet.
        if (period instanceof LastDays d) {
            params.add("days=" + d.days());
        } else if (period instanceof CalendarMonth m) {
            params.add("month=" + m.month());
            params.add("year=" + m.year());
        } else if (period instanceof Between b) {
            params.add("from=" + encode(b.from().toString()));
            params.add("to=" + encode(b.to().toString()));
        }
        if (gateway != null) {
            params.add("gateway=" + encode(gateway));
        }
        if (groupBy != null) {
            params.add("group_by=" + groupBy.key());
        }
        return String.join("&", params);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
