package io.egressmon.report;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The seed's human-readable bandwidth report. Ungrouped, a block per spoke; with {@code --group-by}, a
 * block per group instead. Both end with the AGGREGATE block over all spokes:
 *
 * <pre>
 * ======================================================================
 * Spoke Gateway Bandwidth Report
 * Period: 2026-01-11 to 2026-02-10 (30 days)
 * ======================================================================
 *
 * accounting-aws-spoke-dev:
 *   Internal:  RX 207.3 MB, TX 49.1 MB
 *   Egress:    RX 4.32 GB, TX 2.85 GB
 *   Total:     7.42 GB
 *
 * ----------------------------------------------------------------------
 * AGGREGATE (all spokes)
 * ----------------------------------------------------------------------
 *   Internal:  RX 1.73 GB, TX 2.37 GB
 *   Egress:    RX 354.00 GB, TX 246.60 GB
 *   Total:     604.70 GB
 * ======================================================================
 * </pre>
 *
 * Every line ends with {@code \n}, including the last, as Python's {@code print} does.
 */
public final class BandwidthText {
    private static final String DOUBLE_RULE = "=".repeat(70);
    private static final String SINGLE_RULE = "-".repeat(70);

    private BandwidthText() {
    }

    /** The whole report. */
    public static String write(BandwidthReport report) {
        StringBuilder out = new StringBuilder();
        line(out, DOUBLE_RULE);
        line(out, "Spoke Gateway Bandwidth Report");
        line(out, "Period: " + date(report) + " (" + count(report.periodDays(), "day", "days") + ")");
        line(out, DOUBLE_RULE);
        line(out, "");
        if (report.grouped()) {
            for (GroupBandwidth g : report.groups()) {
                // The seed shows "AWS:  (8 spokes)"; it never shows a one-spoke group, so "(1 spoke)" is
                // our choice of the grammatical form.
                line(out, g.name() + ":  (" + count(g.spokes(), "spoke", "spokes") + ")");
                figures(out, g.internalRxBytes(), g.internalTxBytes(), g.egressRxBytes(), g.egressTxBytes());
                // The seed's example elides long lists ("accounting-aws-spoke-dev, ..."); that looks like an
                // abbreviation of the README, not of the script, and a report that hides which spokes a
                // group holds is less useful, so every name is printed.
                line(out, "  Gateways:  " + String.join(", ", g.gateways()));
                line(out, "");
            }
        } else {
            for (SpokeBandwidth s : report.gateways()) {
                line(out, s.gateway() + ":");
                figures(out, s.internalRxBytes(), s.internalTxBytes(), s.egressRxBytes(), s.egressTxBytes());
                line(out, "");
            }
        }
        GroupBandwidth all = report.aggregate();
        line(out, SINGLE_RULE);
        line(out, "AGGREGATE (all spokes)");
        line(out, SINGLE_RULE);
        figures(out, all.internalRxBytes(), all.internalTxBytes(), all.egressRxBytes(), all.egressTxBytes());
        line(out, DOUBLE_RULE);
        return out.toString();
    }

    private static void figures(StringBuilder out, long internalRx, long internalTx, long egressRx, long egressTx) {
        line(out, "  Internal:  RX " + HumanBytes.format(internalRx) + ", TX " + HumanBytes.format(internalTx));
        line(out, "  Egress:    RX " + HumanBytes.format(egressRx) + ", TX " + HumanBytes.format(egressTx));
        line(out, "  Total:     " + HumanBytes.format(internalRx + internalTx + egressRx + egressTx));
    }

    /** "2026-01-11 to 2026-02-10": the UTC dates of the period's start and end, as the seed's strftime. */
    private static String date(BandwidthReport report) {
        LocalDate start = LocalDate.ofInstant(report.periodStart(), ZoneOffset.UTC);
        LocalDate end = LocalDate.ofInstant(report.periodEnd(), ZoneOffset.UTC);
        return start + " to " + end;
    }

    /**
     * The seed only ever shows plurals ("30 days", "8 spokes"); for a count of one we print the singular
     * ("1 day", "1 spoke") rather than guess that the script printed "1 days".
     */
    private static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    private static void line(StringBuilder out, String text) {
        out.append(text).append('\n');
    }
}
