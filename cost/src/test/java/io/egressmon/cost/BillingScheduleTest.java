package io.egressmon.cost;

import static io.egressmon.cost.Bytes.gb;
import static io.egressmon.cost.Bytes.usd;
import static io.egressmon.cost.HandComputedMonthTest.assertUsd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A billing account's schedule: the ladder and the tier start, before discounts")
class BillingScheduleTest {
    private static final String PAYER = "payer";
    private static final PriceTable TABLE = PriceTables.load("schedule.yaml", """
            providers:
              aws:
                overrides:
                  regions: {us-east-1: {discount_pct: 1}}
                  accounts: {%s: {tier_start_gb: 10000, discount_pct: 5}}
                  gateways: {gw-10: {discount_pct: 10}}
            """.formatted(PAYER));
    private static final BillingPoint PAYER_POINT = new BillingPoint(Provider.AWS, "us-east-1", PAYER, null);

    @Test
    @DisplayName("starts at the account's tier_start_gb and prices at list, whatever the discount")
    void tierStartNoDiscount() {
        BillingSchedule s = TABLE.schedule(PAYER_POINT, Traffic.INTERNET);
        assertEquals(gb(10_000), s.tierStartBytes());

        // the month stands at 10,000 GB (the free 100 GB used up by the tier start):
        // 240 GB × $0.09 = $21.60, 160 GB × $0.085 = $13.60, $35.20 — the account's 5 % not taken off
        Charge c = s.charge(0, gb(400));
        assertUsd("35.20", c.usd());
        assertEquals(0, c.discountPct().signum());
        // 51,200 − 10,400 = 40,800 GB left in tier 2
        assertEquals(new TierPosition(2, usd("0.085"), gb(10_400), gb(40_800)), s.positionAt(gb(400)));
    }

    @Test
    @DisplayName("band: the tier start is added inside; a band ends where the tier does")
    void bands() {
        BillingSchedule payer = TABLE.schedule(PAYER_POINT, Traffic.INTERNET);
        assertEquals(payer.band(0), payer.band(gb(240) - 1));
        assertNotEquals(payer.band(gb(240) - 1), payer.band(gb(240)));

        BillingSchedule list = PriceTables.defaults().schedule(BillingPoint.of(Provider.AWS, "us-east-1"), Traffic.INTERNET);
        assertEquals(0, list.tierStartBytes());
        assertEquals(0, list.band(gb(100) - 1), "the free 100 GB");
        assertEquals(1, list.band(gb(100)));
        assertEquals(1, list.band(gb(10_240) - 1));
        assertEquals(2, list.band(gb(10_240)));
        assertEquals(4, list.band(gb(153_600)), "the last, open tier");
        assertEquals(4, list.band(Long.MAX_VALUE / 2));
    }

    @Test
    @DisplayName("discountPct: the gateway's beats the account's, the account's the region's")
    void discounts() {
        assertUsd("10", TABLE.discountPct(new BillingPoint(Provider.AWS, "us-east-1", PAYER, "gw-10")));
        assertUsd("5", TABLE.discountPct(new BillingPoint(Provider.AWS, "us-east-1", PAYER, "gw-other")));
        assertUsd("1", TABLE.discountPct(new BillingPoint(Provider.AWS, "us-east-1", "other", null)));
        assertUsd("0", TABLE.discountPct(BillingPoint.of(Provider.AWS, "eu-west-1")));
    }

    @Test
    @DisplayName("prices as PriceTable.cost does where no discount applies")
    void sameAsCost() {
        BillingPoint gcp = BillingPoint.of(Provider.GCP, "us-west1");
        Traffic premium = Traffic.internet("premium", "north_america");
        BillingSchedule s = PriceTables.defaults().schedule(gcp, premium);
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            long before = random.nextLong(gb(200_000));
            long bytes = random.nextLong(gb(20_000));
            Charge expected = PriceTables.defaults().cost(gcp, premium, before, bytes);
            Charge actual = s.charge(before, bytes);
            assertEquals(0, expected.usd().compareTo(actual.usd()), "at " + before + " for " + bytes);
            assertEquals(expected.positionAfter(), actual.positionAfter());
        }
    }
}
