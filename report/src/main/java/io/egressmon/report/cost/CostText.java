package io.egressmon.report.cost;

import static io.egressmon.report.TextLines.DOUBLE_RULE;
import static io.egressmon.report.TextLines.SINGLE_RULE;
import static io.egressmon.report.TextLines.count;
import static io.egressmon.report.TextLines.line;
import static io.egressmon.report.TextLines.title;

import io.egressmon.api.ApiJson;
import io.egressmon.api.HumanBytes;
import io.egressmon.api.cost.CostAnswer;
import io.egressmon.api.cost.CostForecast;
import io.egressmon.api.cost.GatewayCost;
import io.egressmon.api.cost.GroupCost;
import io.egressmon.api.cost.MonthToDate;
import io.egressmon.api.cost.NotPriced;
import io.egressmon.api.cost.TierStanding;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The human-readable cost report, in the style of the bandwidth and top-talkers reports:
 *
 * <pre>
 * ======================================================================
 * Spoke Gateway Egress Cost Report
 * Period: 2026-03-01 to 2026-03-08 (7 days)
 * Resolution: PT1H, complete
 * ======================================================================
 *
 * GATEWAY  ACCOUNT  PROVIDER/REGION   EGRESS    USD  TIER
 * a        acct     aws/us-east-1    0.93 GB  $0.08     1
 * ----------------------------------------------------------------------
 * TOTAL (2 spokes)                   2.79 GB  $0.26
 *
 * Month to date (2026-03):  $0.26
 * Month-end forecast:       $1.16 ± $0.05 (from 7 days of history, as of 2026-03-08T00:00:00Z)
 *
 * TIERS (per billing account, 2026-03)
 *   aws acct us-east-1: tier 1 at $0.09/GB, 103.00 GB this month, 10,137.00 GB to the next tier
 *
 * Not priced: inter_region, inter_az, nat (only internet egress is priced; see the JSON's not_priced)
 * ======================================================================
 * </pre>
 *
 * Columns are as wide as their widest cell; USD is rounded half-up to the cent ({@link Dollars}), the
 * CSV and JSON keep the exact amounts. A partial answer is never shown as final: the header says
 * {@code (incomplete: priced until …)} and so do the total and month-to-date lines. With
 * {@code --group-by}, a GROUPS block follows the total. Every line ends with {@code \n}.
 */
public final class CostText {
    private static final String[] HEADER = {"GATEWAY", "ACCOUNT", "PROVIDER/REGION", "EGRESS", "USD", "TIER"};
    /** Columns right-aligned: egress, USD, tier. */
    private static final boolean[] RIGHT = {false, false, false, true, true, true};

    private CostText() {
    }

    /** The whole report. */
    public static String write(CostAnswer answer) {
        StringBuilder out = new StringBuilder();
        title(out, "Spoke Gateway Egress Cost Report", answer.periodStart(), answer.periodEnd(),
                count(answer.periodDays(), "day", "days"));
        String incomplete = answer.covered().complete() ? "" : " " + incomplete(answer);
        line(out, "Resolution: " + answer.covered().resolution() + (incomplete.isEmpty() ? ", complete" : incomplete));
        if (answer.costCenter() != null) {
            line(out, "Cost center: " + answer.costCenter());
        }
        if (answer.grouped()) {
            line(out, "Grouped by: " + answer.groupBy().key());
        }
        line(out, DOUBLE_RULE);
        line(out, "");

        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (GatewayCost g : answer.gateways()) {
            TierStanding tier = tierOf(answer, g);
            rows.add(new String[] {g.gateway(), orDash(g.account()), orDash(g.provider()) + "/" + orDash(g.region()),
                    HumanBytes.format(g.amounts().egressBytes()), Dollars.cents(g.amounts().usd()),
                    tier == null ? "-" : Integer.toString(tier.tier())});
        }
        int[] widths = widths(rows);
        rows.forEach(r -> line(out, columns(r, widths)));
        line(out, SINGLE_RULE);
        String total = "TOTAL (" + count(answer.aggregate().spokes(), "spoke", "spokes")
                + (incomplete.isEmpty() ? "" : ", incomplete") + ")";
        line(out, totalLine(total, HumanBytes.format(answer.aggregate().amounts().egressBytes()),
                Dollars.cents(answer.aggregate().amounts().usd()), widths));

        if (answer.grouped()) {
            line(out, "");
            line(out, "GROUPS (by " + answer.groupBy().key() + ")");
            for (GroupCost g : answer.groups()) {
                line(out, "  " + g.name() + ":  " + Dollars.cents(g.amounts().usd()) + ", "
                        + HumanBytes.format(g.amounts().egressBytes()) + "  (" + count(g.spokes(), "spoke", "spokes") + ": "
                        + String.join(", ", g.gateways()) + ")");
            }
        }

        line(out, "");
        MonthToDate mtd = answer.monthToDate();
        line(out, "Month to date (" + mtd.month() + "):  " + Dollars.cents(mtd.usd()) + ", "
                + HumanBytes.format(mtd.egressBytes()) + incomplete);
        line(out, "Month-end forecast:       " + forecast(answer.forecast()));

        List<TierStanding> tiers = answer.tiers().stream().filter(t -> t.month().equals(mtd.month())).toList();
        if (!tiers.isEmpty()) {
            line(out, "");
            line(out, "TIERS (per billing account, " + mtd.month() + ")");
            tiers.forEach(t -> line(out, "  " + tier(t)));
        }
        if (!answer.notPriced().isEmpty()) {
            line(out, "");
            line(out, "Not priced: " + String.join(", ", answer.notPriced().stream().map(NotPriced::trafficClass).toList())
                    + " (only internet egress is priced; the JSON's not_priced says why)");
        }
        line(out, DOUBLE_RULE);
        return out.toString();
    }

    /** The standing of {@code gateway}'s billing account in the month of the period's end, or null. */
    static TierStanding tierOf(CostAnswer answer, GatewayCost gateway) {
        String month = answer.monthToDate().month();
        return answer.tiers().stream()
                .filter(t -> t.billingKey().equals(gateway.billingKey()) && t.month().equals(month))
                .findFirst().orElse(null);
    }

    private static String incomplete(CostAnswer answer) {
        return "(incomplete: priced until " + (answer.pricedUntil() == null ? "nothing yet" : ApiJson.instant(answer.pricedUntil())) + ")";
    }

    private static String forecast(CostForecast f) {
        if (f == null) {
            return "- (nothing priced yet)";
        }
        String uncertainty = f.uncertaintyUsd() == null ? " (uncertainty unknown: under 2 days of history)"
                : " \u00b1 " + Dollars.cents(f.uncertaintyUsd());
        return Dollars.cents(f.monthEndUsd()) + uncertainty + " (from " + count(f.basisDays(), "day", "days")
                + " of history, as of " + ApiJson.instant(f.asOf()) + ")";
    }

    private static String tier(TierStanding t) {
        // In the price's own unit (GB = 10^9 bytes, GiB = 2^30), as the tiers are written, not in the
        // 1024-based figures of the egress column.
        String next = t.bytesToNextTier() == null ? "the last tier" : inUnit(t.bytesToNextTier(), t.unit()) + " to the next tier";
        return t.provider() + " " + t.account() + " " + t.region() + ": tier " + t.tier() + " at $" + t.usdPerUnit()
                + "/" + t.unit() + ", " + inUnit(t.monthBytes(), t.unit()) + " this month, " + next;
    }

    private static String inUnit(long bytes, String unit) {
        BigDecimal per = "GiB".equals(unit) ? BigDecimal.valueOf(1L << 30) : BigDecimal.valueOf(1_000_000_000L);
        return String.format(Locale.ROOT, "%,.2f", BigDecimal.valueOf(bytes).divide(per, 2, RoundingMode.HALF_UP)) + " " + unit;
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }

    private static int[] widths(List<String[]> rows) {
        int[] widths = new int[HEADER.length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].codePointCount(0, r[i].length()));
            }
        }
        return widths;
    }

    /** Cells separated by two spaces, padded to {@code widths}, trailing blanks dropped. */
    private static String columns(String[] cells, int[] widths) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                s.append("  ");
            }
            s.append(RIGHT[i] ? padLeft(cells[i], widths[i]) : padRight(cells[i], widths[i]));
        }
        return s.toString().stripTrailing();
    }

    /** The total's line: its label across the three name columns, then egress and USD under theirs. */
    private static String totalLine(String label, String egress, String usd, int[] widths) {
        int names = widths[0] + widths[1] + widths[2] + 4;
        return padRight(label, names) + "  " + padLeft(egress, widths[3]) + "  " + padLeft(usd, widths[4]);
    }

    private static String padRight(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.codePointCount(0, s.length())));
    }

    private static String padLeft(String s, int width) {
        return " ".repeat(Math.max(0, width - s.codePointCount(0, s.length()))) + s;
    }
}
