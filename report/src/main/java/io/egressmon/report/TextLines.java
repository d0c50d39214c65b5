package io.egressmon.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The pieces both text reports are built of, as the original scripts print them. */
public final class TextLines {
    public static final String DOUBLE_RULE = "=".repeat(70);
    public static final String SINGLE_RULE = "-".repeat(70);

    private TextLines() {
    }

    public static void line(StringBuilder out, String text) {
        out.append(text).append('\n');
    }

    /**
     * The original only ever shows plurals ("30 days", "8 spokes"); for a count of one we print the
     * singular ("1 day", "1 spoke") rather than guess that the script printed "1 days".
     */
    public static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    /** A report's opening: the rule, its title, and its period as {@code "Period: <dates> (<days>)"}. */
    public static void title(StringBuilder out, String title, Instant start, Instant end, String days) {
        line(out, DOUBLE_RULE);
        line(out, title);
        line(out, "Period: " + dates(start, end) + " (" + days + ")");
    }

    /** "2026-01-11 to 2026-02-10": the UTC dates of the period's start and end, as the original's strftime. */
    private static String dates(Instant start, Instant end) {
        return LocalDate.ofInstant(start, ZoneOffset.UTC) + " to " + LocalDate.ofInstant(end, ZoneOffset.UTC);
    }
}
