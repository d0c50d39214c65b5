package io.egressmon.cost;

import static io.egressmon.cost.Bytes.gb;
import static io.egressmon.cost.Bytes.usd;
import static io.egressmon.cost.HandComputedMonthTest.assertUsd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two spokes of one AWS account in us-east-1 (the default table: 100 GB free, $0.09/GB to 10 TB =
 * 10,240 GB, then $0.085), over March 2026, their windows arriving out of time order; every dollar
 * checked against arithmetic written out by hand.
 */
@DisplayName("An account's month of two spokes, priced by hand")
class AccountMonthHandComputedTest {
    private static final YearMonth MARCH = YearMonth.of(2026, 3);
    private static final String ACCOUNT = "engineering-aws";
    private static final BigDecimal NONE = BigDecimal.ZERO;

    // hour 0 = 03-01 00:00, hour 34 = 03-02 10:00, hour 348 = 03-15 12:00, hour 743 = 03-31 23:00
    private static final int H0 = hour("2026-03-01T00:00:00Z");
    private static final int H34 = hour("2026-03-02T10:00:00Z");
    private static final int H348 = hour("2026-03-15T12:00:00Z");
    private static final int H743 = hour("2026-03-31T23:00:00Z");

    private static int hour(String instant) {
        return AccountMonth.hourOf(MARCH, Instant.parse(instant));
    }

    /** The windows in arrival order: spoke b backfills from the month's end, a arrives after it. */
    private static AccountMonth month(PriceTable table, BigDecimal discountA, BigDecimal discountB) {
        AccountMonth m = new AccountMonth(MARCH, table.schedule(new BillingPoint(Provider.AWS, "us-east-1", ACCOUNT, null), Traffic.INTERNET));
        m.put("b", H743, gb(300), discountB);
        m.put("b", H348, gb(10_000), discountB);
        m.put("a", H743, gb(100), discountA);
        m.put("a", H34, gb(30), discountA);
        m.put("b", H34, gb(30), discountB);
        m.put("a", H0, gb(60), discountA);
        return m;
    }

    @Test
    @DisplayName("each spoke-hour's share, in time order though the hours came out of it")
    void byHand() {
        AccountMonth m = month(PriceTables.defaults(), NONE, NONE);
        assertEquals(List.of(0, 34, 348, 743), List.of(H0, H34, H348, H743));

        // hour 0:   a 60 GB at [0, 60) GB: all free                                   = $0
        assertUsd("0", m.cost("a", H0).usd());
        // hour 34:  60 GB at [60, 120): 40 GB free, 20 GB × $0.09 = $1.80, half each  = $0.90
        assertUsd("0.90", m.cost("a", H34).usd());
        assertUsd("0.90", m.cost("b", H34).usd());
        assertEquals(gb(60), m.cost("b", H34).accountBytesBefore());
        assertEquals(gb(60), m.cost("b", H34).accountHourBytes());
        // hour 348: b 10,000 GB at [120, 10,120): 10,000 × $0.09                      = $900
        assertUsd("900", m.cost("b", H348).usd());
        // hour 743: 400 GB at [10,120, 10,520): 120 GB × $0.09 = $10.80 and
        //           280 GB × $0.085 = $23.80, $34.60: a 100/400 = $8.65, b 300/400   = $25.95
        assertUsd("8.65", m.cost("a", H743).usd());
        assertUsd("25.95", m.cost("b", H743).usd());
        // after it: tier 2 at 10,520 GB, 51,200 − 10,520 = 40,680 GB left
        assertEquals(new TierPosition(2, usd("0.085"), gb(10_520), gb(40_680)), m.cost("a", H743).positionAfter());
        assertEquals(Instant.parse("2026-03-31T23:00:00Z"), m.cost("a", H743).hourStart());

        // a: 0 + 0.90 + 8.65 = $9.55; b: 0.90 + 900 + 25.95 = $926.85; together $936.40, which is
        // the month's 10,520 GB at once: 10,140 GB × $0.09 = $912.60 + 280 GB × $0.085 = $23.80
        assertEquals(gb(10_520), m.monthBytes());
        assertUsd("936.40", m.monthUsd());
        assertUsd("936.40", m.schedule().charge(0, m.monthBytes()).usd());
        // a spoke-hour without bytes costs nothing
        assertUsd("0", m.cost("a", H348).usd());
        assertEquals(0, m.cost("a", H348).bytes());
    }

    @Test
    @DisplayName("a spoke with a 10 % gateway discount pays 90 % of its share; the other spoke pays list")
    void gatewayDiscount() {
        PriceTable table = PriceTables.load("discount.yaml", """
                providers:
                  aws: {overrides: {gateways: {gw-a: {discount_pct: 10}}}}
                """);
        BigDecimal discountA = table.discountPct(new BillingPoint(Provider.AWS, "us-east-1", ACCOUNT, "gw-a"));
        BigDecimal discountB = table.discountPct(new BillingPoint(Provider.AWS, "us-east-1", ACCOUNT, "gw-b"));
        assertUsd("10", discountA);
        assertUsd("0", discountB);
        AccountMonth m = month(table, discountA, discountB);

        // hour 743: a's share $8.65 at list, × 0.9 = $7.785; b's $25.95 unchanged
        assertUsd("8.65", m.cost("a", H743).listUsd());
        assertUsd("7.785", m.cost("a", H743).usd());
        assertUsd("10", m.cost("a", H743).discountPct());
        assertUsd("25.95", m.cost("b", H743).usd());
        // hour 34: $0.90 × 0.9 = $0.81 for a, $0.90 for b
        assertUsd("0.81", m.cost("a", H34).usd());
        assertUsd("0.90", m.cost("b", H34).usd());
        // the month: a 0.81 + 7.785 = $8.595, b $926.85, $935.445
        assertUsd("935.445", m.monthUsd());
    }

    @Test
    @DisplayName("a discount changed with a window applies to all the spoke's hours, and reports them")
    void discountChanged() {
        AccountMonth m = month(PriceTables.defaults(), NONE, NONE);
        m.drainChanged();

        m.put("a", H34, gb(30), usd("10"));

        List<SpokeHourCost> changed = m.drainChanged();
        assertEquals(List.of("a@0", "a@34", "a@743"), changed.stream().map(c -> c.spoke() + "@" + c.hour()).toList());
        assertUsd("7.785", m.cost("a", H743).usd());
        assertUsd("0.81", m.cost("a", H34).usd());
        assertUsd("25.95", m.cost("b", H743).usd());
        assertUsd("935.445", m.monthUsd());
    }

    @Test
    @DisplayName("an hour split in thirds: shares to 34 significant digits that add up to the hour's cost")
    void thirds() {
        AccountMonth m = new AccountMonth(MARCH, PriceTables.defaults().schedule(BillingPoint.of(Provider.AWS, "us-east-1"), Traffic.INTERNET));
        m.put("big", 0, gb(10_120), NONE);
        m.put("a", 1, gb(100), NONE);
        m.put("b", 1, gb(200), NONE);
        m.put("c", 1, gb(100), NONE);

        // hour 1: 400 GB at [10,120, 10,520) = $34.60 (as above); a 1/4, b 1/2, c 1/4 — exact
        assertUsd("8.65", m.cost("a", 1).usd());
        assertUsd("17.30", m.cost("b", 1).usd());
        m.put("b", 1, gb(100), NONE);
        // now 300 GB at [10,120, 10,420): 120 × $0.09 = $10.80 + 180 × $0.085 = $15.30, $26.10,
        // a third each: $8.70 — exact, though computed as 26.10 × 100 / 300
        assertUsd("8.70", m.cost("b", 1).usd());
        m.put("c", 1, gb(200), NONE);
        // 400 GB again, $34.60: a and b 1/4 = $8.65 each, c 1/2 = $17.30
        m.put("b", 1, gb(110), NONE);
        // 410 GB at [10,120, 10,530): 120 × $0.09 = $10.80 + 290 × $0.085 = $24.65, $35.45;
        // a 100/410 of it = $8.646341463414634146341463414634146 (34 digits, the last rounded)
        BigDecimal a = m.cost("a", 1).usd();
        assertUsd("8.646341463414634146341463414634146", a);
        assertEquals(34, a.precision());
        BigDecimal sum = a.add(m.cost("b", 1).usd()).add(m.cost("c", 1).usd());
        assertTrue(sum.subtract(usd("35.45")).abs().compareTo(usd("1e-30")) < 0, () -> "shares add up to $" + sum.toPlainString());
        assertEquals(0, usd("35.45").multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(410), MathContext.DECIMAL128).compareTo(a));
    }
}
