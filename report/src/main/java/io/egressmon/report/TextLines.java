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

    /** "2026-01-11 to 2026-02-10": the UTC dates of the period's start and end, as the original's strftime. */
    public static String dates(Instant start, Instant end) {
        return LocalDate.ofInstant(start, ZoneOffset.UTC) + " to " + LocalDate.ofInstant(end, ZoneOffset.UTC);
    }
}
