package io.egressmon.report.cost;

import io.egressmon.api.Covered;
import io.egressmon.api.cost.AccountMonthToDate;
import io.egressmon.api.cost.CostAggregate;
import io.egressmon.api.cost.CostAmounts;
import io.egressmon.api.cost.CostAnswer;
import io.egressmon.api.cost.CostForecast;
import io.egressmon.api.cost.CostGroupBy;
import io.egressmon.api.cost.GatewayCost;
import io.egressmon.api.cost.GroupCost;
import io.egressmon.api.cost.MonthToDate;
import io.egressmon.api.cost.NotPriced;
import io.egressmon.api.cost.TierStanding;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A fixed cost answer for the golden tests: three spokes on three billing accounts over the sample
 * period of the other reports (2026-02-03T10:00Z, 7 days), priced to the end. Amounts are chosen to
 * show the text's rounding: {@code 4.125} is {@code $4.13} (half-up, not half-even), {@code 1234.565}
 * is {@code $1,234.57}, {@code 9.83975} is {@code $9.84}.
 */
public final class CostFixtures {
    public static final Instant START = Instant.parse("2026-02-03T10:00:00Z");
    public static final Instant END = Instant.parse("2026-02-10T10:00:00Z");
    /** How far the incomplete variant is priced. */
    public static final Instant PRICED_PART = Instant.parse("2026-02-09T18:00:00Z");

    private static final String AWS_DEV = "aws|accounting-aws|us-east-1";
    private static final String AZURE = "azure|marketing-azure|eastus";
    private static final String AWS_OPS = "aws|operations-aws|us-west-2";

    private CostFixtures() {
    }

    static GatewayCost gateway(String name, String billingKey, long bytes, String usd, String listUsd) {
        String[] key = billingKey.split("\\|");
        return new GatewayCost(name, key[0], key[1], key[2], billingKey,
                CostAmounts.of(bytes, new BigDecimal(usd), new BigDecimal(listUsd)), END);
    }

    /** The complete, ungrouped answer. */
    public static CostAnswer answer() {
        return answer(null, null, new Covered(null, null, "PT1H", true, END), END);
    }

    /** The same, priced only until {@link #PRICED_PART}: not complete. */
    public static CostAnswer incomplete() {
        return answer(null, null, new Covered(null, null, "PT1H", false, PRICED_PART), PRICED_PART);
    }

    /** The same, grouped by cost center (operations holds two of the three spokes). */
    public static CostAnswer byCostCenter() {
        return answer(CostGroupBy.COST_CENTER, List.of(
                new GroupCost("accounting", List.of("accounting-aws-spoke-dev"), spokes().get(0).amounts()),
                new GroupCost("operations", List.of("marketing-azure-spoke-all", "operations-aws-spoke-k8s"),
                        spokes().get(1).amounts().plus(spokes().get(2).amounts()))),
                new Covered(null, null, "PT1H", true, END), END);
    }

    private static List<GatewayCost> spokes() {
        return List.of(
                gateway("accounting-aws-spoke-dev", AWS_DEV, 45_833_333_333L, "4.125", "4.125"),
                gateway("marketing-azure-spoke-all", AZURE, 113_103_448_276L, "9.83975", "9.83975"),
                gateway("operations-aws-spoke-k8s", AWS_OPS, 14_524_590_163_934L, "1234.565", "1299.5421"));
    }

    private static CostAnswer answer(CostGroupBy groupBy, List<GroupCost> groups, Covered covered, Instant pricedUntil) {
        List<GatewayCost> gateways = spokes();
        CostAmounts sum = gateways.stream().map(GatewayCost::amounts).reduce(CostAmounts.ZERO, CostAmounts::plus);
        List<TierStanding> tiers = List.of(
                new TierStanding(AWS_DEV, "aws", "accounting-aws", "us-east-1", "2026-02", "GB", 62_400_000_000L, 1, "0.09",
                        9_937_600_000_000L, pricedUntil),
                new TierStanding(AWS_OPS, "aws", "operations-aws", "us-west-2", "2026-02", "GB", 17_950_000_000_000L, 2, "0.085",
                        22_050_000_000_000L, pricedUntil),
                new TierStanding(AZURE, "azure", "marketing-azure", "eastus", "2026-02", "GB", 148_000_000_000L, 1, "0.087",
                        9_952_000_000_000L, pricedUntil));
        MonthToDate monthToDate = new MonthToDate("2026-02", pricedUntil, 18_160_400_000_000L, "1532.41",
                List.of(new AccountMonthToDate(AWS_DEV, "aws", "accounting-aws", "us-east-1", 62_400_000_000L, "5.616"),
                        new AccountMonthToDate(AWS_OPS, "aws", "operations-aws", "us-west-2", 17_950_000_000_000L, "1514.018"),
                        new AccountMonthToDate(AZURE, "azure", "marketing-azure", "eastus", 148_000_000_000L, "12.776")));
        CostForecast forecast = new CostForecast("2026-02", pricedUntil, "1532.41", "3270.305", "4802.715", "312.4449",
                168, 7, 422);
        return new CostAnswer(CostAnswer.REPORT, CostAnswer.METHOD, START, END, 7, null, gateways,
                new CostAggregate(gateways.size(), sum), groupBy, groups, tiers, monthToDate, forecast, NotPriced.TODAY,
                pricedUntil, covered);
    }
}
