package io.egressmon.report.cost;

import io.egressmon.api.HumanBytes;
import io.egressmon.api.PythonCsv;
import io.egressmon.api.cost.CostAmounts;
import io.egressmon.api.cost.CostAnswer;
import io.egressmon.api.cost.GatewayCost;
import io.egressmon.api.cost.TierStanding;
import java.util.Arrays;
import java.util.List;

/**
 * The cost answer as CSV in the dialect of the other reports' CSV ({@link PythonCsv}): a header row,
 * then one row per spoke in the answer's order, dollars exact as the API gives them (a spreadsheet
 * sums them without losing a cent), the spoke's account's tier in the month of the period's end.
 * Totals, groups and the forecast are not rows: the CSV is meant for pivot tables.
 */
public final class CostCsv {
    /** The header row's columns, in order. */
    public static final List<String> COLUMNS = List.of("gateway", "provider", "account", "region", "billing_key",
            "egress_bytes", "egress", "usd", "usd_internet", "list_usd", "discount_usd", "tier", "priced_until");

    private CostCsv() {
    }

    /** The whole CSV document, {@code \r\n} after every row. */
    public static String write(CostAnswer answer) {
        StringBuilder out = new StringBuilder(PythonCsv.row(COLUMNS));
        for (GatewayCost g : answer.gateways()) {
            CostAmounts a = g.amounts();
            TierStanding tier = CostText.tierOf(answer, g);
            out.append(PythonCsv.row(Arrays.asList(g.gateway(), g.provider(), g.account(), g.region(), g.billingKey(),
                    a.egressBytes(), HumanBytes.format(a.egressBytes()), a.usd(), a.usdByClass().internet(), a.listUsd(),
                    a.discountUsd(), tier == null ? null : tier.tier(),
                    g.pricedUntil() == null ? null : io.egressmon.api.ApiJson.instant(g.pricedUntil()))));
        }
        return out.toString();
    }
}
