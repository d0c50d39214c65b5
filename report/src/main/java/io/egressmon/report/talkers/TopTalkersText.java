package io.egressmon.report.talkers;

import static io.egressmon.report.TextLines.DOUBLE_RULE;
import static io.egressmon.report.TextLines.SINGLE_RULE;
import static io.egressmon.report.TextLines.count;
import static io.egressmon.report.TextLines.line;
import static io.egressmon.report.TextLines.title;

import io.egressmon.api.talkers.GroupTalkers;
import io.egressmon.api.talkers.SpokeTalkers;
import io.egressmon.api.talkers.TalkerRow;
import io.egressmon.api.talkers.TopTalkersAnswer;
import java.util.List;

/**
 * The original script's human-readable top-talkers report. Global:
 *
 * <pre>
 * ======================================================================
 * FlowIQ Top Talkers Report
 * Period: 2026-01-12 to 2026-02-11 (30 days)
 * ======================================================================
 *
 * TOP 10 DESTINATIONS (Egress)
 * ----------------------------------------------------------------------
 *     1. 23.185.0.3                  109.04 GB
 *    10. 100.64.1.9                    2.05 GB [CGNAT]
 *
 * TOP 10 SOURCES (Internal → Egress)
 * ----------------------------------------------------------------------
 *     1. 10.2.2.100                  140.65 GB
 *
 * Method: FlowIQ field_agg (bidirectional, CIDR-based egress filter)
 * CoPilot: https://cplt.example.com/monitor/flow-iq/flowiq/overview
 * Tip: paste any IP into the FlowIQ filter bar to drill down
 * ======================================================================
 * </pre>
 *
 * A row is two spaces, the rank right-aligned in 3, {@code ". "}, the address left-aligned in 24, a
 * space, the bytes right-aligned in 12 (44 characters in all, as every row of the original's example), then
 * {@code " [CGNAT]"} for an address in 100.64.0.0/10. Fields longer than their width (an IPv6 address)
 * push the rest of the row right rather than being cut. {@code TOP N} is the number of rows printed,
 * at most the {@code --top} asked for. The period's days are always "days", also "(1 days)", as the
 * original prints them; the arrow is U+2192.
 *
 * <p>{@code --per-spoke} adds a {@code Per-spoke breakdown} line to the header (and
 * {@code Grouped by: KEY} with {@code --group-by}); then, after a blank line, a block per spoke:
 *
 * <pre>
 * marketing-azure-spoke-all:
 *   Top Destinations:
 *       1. 23.185.0.3                   25.04 GB
 *   Top Sources:
 *       1. 10.2.2.100                   32.63 GB
 * </pre>
 *
 * (rows indented two more spaces; a heading is left out when its ranking is empty), or grouped, a block
 * per group: {@code NAME:  (N spokes)} ("1 spoke" for one), {@code   Gateways: a, b} and the merged
 * rankings. The footer is the global one. Every line ends with {@code \n}, including the last, as
 * Python's {@code print} does.
 */
public final class TopTalkersText {

    private TopTalkersText() {
    }

    /** The whole report. */
    public static String write(TopTalkersAnswer answer) {
        StringBuilder out = new StringBuilder();
        boolean flows = answer.source() != null;
        // The original prints "(N days)" for any N, also 1.
        title(out, flows ? "Top Talkers Report (collected flows)" : "FlowIQ Top Talkers Report", answer.periodStart(), answer.periodEnd(), answer.periodDays() + " days");
        if (!answer.perSpoke()) {
            line(out, DOUBLE_RULE);
            globalBody(out, answer);
        } else {
            line(out, "Per-spoke breakdown");
            if (answer.grouped()) {
                line(out, "Grouped by: " + answer.groupBy().key());
            }
            line(out, DOUBLE_RULE);
            perSpokeBody(out, answer);
        }
        line(out, "");
        if (flows) {
            line(out, "Method: NetFlow/IPFIX/sFlow received by egressmon (bidirectional, CIDR-based egress filter, "
                    + "sampled flows scaled by their rate)");
        } else {
            line(out, "Method: FlowIQ field_agg (bidirectional, CIDR-based egress filter)");
            line(out, "CoPilot: " + answer.copilotFlowiqUrl());
            line(out, "Tip: paste any IP into the FlowIQ filter bar to drill down");
        }
        line(out, DOUBLE_RULE);
        return out.toString();
    }

    /** One ranking row: {@code "  " + rank(3) + ". " + ip(<24) + " " + bytes(>12) [+ " [CGNAT]"]}, after {@code indent}. */
    static String row(String indent, TalkerRow t) {
        return indent + "  " + padLeft(Integer.toString(t.rank()), 3) + ". " + padRight(t.ip(), 24) + " "
                + padLeft(t.humanReadable(), 12) + (t.isCgnat() ? " [CGNAT]" : "");
    }

    private static void globalBody(StringBuilder out, TopTalkersAnswer report) {
        line(out, "");
        line(out, "TOP " + report.destinations().size() + " DESTINATIONS (Egress)");
        line(out, SINGLE_RULE);
        rows(out, "", report.destinations());
        line(out, "");
        line(out, "TOP " + report.sources().size() + " SOURCES (Internal \u2192 Egress)");
        line(out, SINGLE_RULE);
        rows(out, "", report.sources());
    }

    private static void perSpokeBody(StringBuilder out, TopTalkersAnswer report) {
        if (report.grouped()) {
            for (GroupTalkers g : report.groups()) {
                line(out, "");
                line(out, g.name() + ":  (" + count(g.spokes(), "spoke", "spokes") + ")");
                line(out, "  Gateways: " + String.join(", ", g.gateways()));
                rankings(out, g.destinations(), g.sources());
            }
        } else {
            for (SpokeTalkers s : report.gateways()) {
                line(out, "");
                line(out, s.gateway() + ":");
                rankings(out, s.destinations(), s.sources());
            }
        }
    }

    private static void rankings(StringBuilder out, List<TalkerRow> destinations, List<TalkerRow> sources) {
        if (!destinations.isEmpty()) {
            line(out, "  Top Destinations:");
            rows(out, "  ", destinations);
        }
        if (!sources.isEmpty()) {
            line(out, "  Top Sources:");
            rows(out, "  ", sources);
        }
    }

    private static void rows(StringBuilder out, String indent, List<TalkerRow> ranking) {
        for (TalkerRow t : ranking) {
            line(out, row(indent, t));
        }
    }

    /** Python's format widths count code points, not UTF-16 units. */
    private static String padRight(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.codePointCount(0, s.length())));
    }

    private static String padLeft(String s, int width) {
        return " ".repeat(Math.max(0, width - s.codePointCount(0, s.length()))) + s;
    }
}
