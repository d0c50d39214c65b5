package io.egressmon.report;

import static io.egressmon.report.TextLines.DOUBLE_RULE;
import static io.egressmon.report.TextLines.SINGLE_RULE;
import static io.egressmon.report.TextLines.count;
import static io.egressmon.report.TextLines.line;
import static io.egressmon.report.TextLines.title;

import io.egressmon.api.HumanBytes;
import io.egressmon.api.bandwidth.Bandwidth;
import io.egressmon.api.bandwidth.BandwidthAnswer;
import io.egressmon.api.bandwidth.GroupBandwidth;
import io.egressmon.api.bandwidth.SpokeBandwidth;

/**
 * The original script's human-readable bandwidth report. Ungrouped, a block per spoke; with
 * {@code --group-by}, a block per group instead. Both end with the AGGREGATE block over all spokes:
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

    private BandwidthText() {
    }

    /** The whole report. */
    public static String write(BandwidthAnswer answer) {
        StringBuilder out = new StringBuilder();
        title(out, "Spoke Gateway Bandwidth Report", answer.periodStart(), answer.periodEnd(),
                count(answer.periodDays(), "day", "days"));
        line(out, DOUBLE_RULE);
        line(out, "");
        if (answer.grouped()) {
            for (GroupBandwidth g : answer.groups()) {
                // The original shows "AWS:  (8 spokes)"; it never shows a one-spoke group, so "(1 spoke)" is
                // our choice of the grammatical form.
                line(out, g.name() + ":  (" + count(g.spokes(), "spoke", "spokes") + ")");
                figures(out, g.bandwidth());
                // The original's example elides long lists ("accounting-aws-spoke-dev, ..."); that looks like an
                // abbreviation of its README, not of the script, and a report that hides which spokes a
                // group holds is less useful, so every name is printed.
                line(out, "  Gateways:  " + String.join(", ", g.gateways()));
                line(out, "");
            }
        } else {
            for (SpokeBandwidth s : answer.gateways()) {
                line(out, s.gateway() + ":");
                figures(out, s.traffic().bandwidth());
                line(out, "");
            }
        }
        line(out, SINGLE_RULE);
        line(out, "AGGREGATE (all spokes)");
        line(out, SINGLE_RULE);
        figures(out, answer.aggregate().bandwidth());
        line(out, DOUBLE_RULE);
        return out.toString();
    }

    private static void figures(StringBuilder out, Bandwidth b) {
        line(out, "  Internal:  RX " + HumanBytes.format(b.internalRxBytes()) + ", TX " + HumanBytes.format(b.internalTxBytes()));
        line(out, "  Egress:    RX " + HumanBytes.format(b.egressRxBytes()) + ", TX " + HumanBytes.format(b.egressTxBytes()));
        line(out, "  Total:     " + HumanBytes.format(b.totalBytes()));
    }
}
