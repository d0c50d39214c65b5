package io.egressmon.api.cost;

import io.egressmon.api.Covered;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small cost answers for tests. */
final class CostSamples {
    static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant END = Instant.parse("2026-03-08T00:00:00Z");

    private CostSamples() {
    }

    static GatewayCost gateway(String name, long bytes, String usd, String listUsd) {
        return new GatewayCost(name, "aws", "acct", "us-east-1", "aws|acct|us-east-1",
                CostAmounts.of(bytes, new BigDecimal(usd), new BigDecimal(listUsd)), END);
    }

    static CostAnswer answer() {
        List<GatewayCost> gateways = List.of(gateway("a", 1_000_000_000L, "0.081", "0.09"),
                gateway("b", 2_000_000_000L, "0.18", "0.18"));
        CostAmounts sum = gateways.get(0).amounts().plus(gateways.get(1).amounts());
        return new CostAnswer(CostAnswer.REPORT, CostAnswer.METHOD, START, END, 7, "accounting", gateways,
                new CostAggregate(2, sum), CostGroupBy.COST_CENTER, List.of(new GroupCost("accounting", List.of("a", "b"), sum)),
                List.of(new TierStanding("aws|acct|us-east-1", "aws", "acct", "us-east-1", "2026-03", "GB", 103_000_000_000L, 1,
                        "0.09", 10_137_000_000_000L, END)),
                new MonthToDate("2026-03", END, 3_000_000_000L, "0.261",
                        List.of(new AccountMonthToDate("aws|acct|us-east-1", "aws", "acct", "us-east-1", 3_000_000_000L, "0.261"))),
                new CostForecast("2026-03", END, "0.261", "0.9", "1.161", "0.05", 168, 7, 576),
                NotPriced.TODAY, END, new Covered(null, null, "PT1H", true, END));
    }

    static CostPartial partial() {
        return new CostPartial("127.0.0.1:8080", java.util.Set.of(0, 3),
                Map.of("a", new GatewayCostPart("aws", "acct", "us-east-1", "aws|acct|us-east-1", 5, "0.1", "0.2", END, 7, "0.3")),
                answer().tiers(), START, List.of("0", "0.5"));
    }
}
