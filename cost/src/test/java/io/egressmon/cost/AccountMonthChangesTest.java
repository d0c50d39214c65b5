package io.egressmon.cost;

import static io.egressmon.cost.Bytes.gb;
import static io.egressmon.cost.HandComputedMonthTest.assertUsd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What {@link AccountMonth#drainChanged} reports, and that a late hour re-prices only the hours it
 * must: AWS us-east-1 from the default table (100 GB free, $0.09/GB to 10,240 GB, then $0.085).
 */
@DisplayName("What an account month reports changed, and re-prices")
class AccountMonthChangesTest {
    private static final YearMonth MARCH = YearMonth.of(2026, 3);
    private static final BigDecimal NONE = BigDecimal.ZERO;

    private static AccountMonth empty() {
        return new AccountMonth(MARCH, PriceTables.defaults().schedule(BillingPoint.of(Provider.AWS, "us-east-1"), Traffic.INTERNET));
    }

    /** Spokes a and b, 5 GB each in every hour: 10 GB an hour, 7,440 GB in the month, all below 10,240 GB. */
    private static AccountMonth steady() {
        AccountMonth m = empty();
        for (int k = 0; k < m.hours(); k++) {
            m.put("a", k, gb(5), NONE);
            m.put("b", k, gb(5), NONE);
        }
        return m;
    }

    private static List<String> names(List<SpokeHourCost> costs) {
        return costs.stream().map(c -> c.spoke() + "@" + c.hour()).toList();
    }

    @Test
    @DisplayName("reports each changed spoke-hour once, by hour then spoke, and then nothing")
    void eachOnce() {
        AccountMonth m = empty();
        m.put("b", 5, gb(10), NONE);
        m.put("a", 5, gb(10), NONE);
        m.put("a", 5, gb(20), NONE);
        m.put("a", 2, gb(1), NONE);
        m.put("a", 9, 0, NONE);

        List<SpokeHourCost> changed = m.drainChanged();
        assertEquals(List.of("a@2", "a@5", "b@5"), names(changed));
        assertEquals(gb(20), changed.get(1).bytes());
        assertEquals(gb(30), changed.get(1).accountHourBytes());
        assertEquals(gb(1), changed.get(1).accountBytesBefore());
        assertEquals(List.of(), m.drainChanged());

        m.put("a", 5, gb(20), NONE);
        assertEquals(List.of(), m.drainChanged(), "the same window again changes nothing");
    }

    @Test
    @DisplayName("a spoke-hour whose bytes go back to 0 is reported at $0, with the hour's other spokes")
    void backToZero() {
        AccountMonth m = empty();
        m.put("a", 3, gb(200), NONE);
        m.put("b", 3, gb(200), NONE);
        m.drainChanged();

        m.put("a", 3, 0, NONE);

        List<SpokeHourCost> changed = m.drainChanged();
        assertEquals(List.of("a@3", "b@3"), names(changed));
        assertUsd("0", changed.get(0).usd());
        // b alone: 200 GB at [0, 200): 100 GB free, 100 GB × $0.09 = $9
        assertUsd("9", changed.get(1).usd());
        assertUsd("9", m.monthUsd());
    }

    @Test
    @DisplayName("a late hour that leaves every later hour inside its band reports and re-prices only itself")
    void lateHourInsideBand() {
        AccountMonth m = steady();
        m.monthUsd();
        m.drainChanged();
        long priced = m.pricedHours();

        // hour 300 stands at 3,000 GB; +1 GB moves hours 301..743 from [3,010, 7,440) to [3,011, 7,441) GB: all in tier 1
        m.put("a", 300, gb(6), NONE);

        assertEquals(List.of("a@300", "b@300"), names(m.drainChanged()));
        // $0.09 × (7,440 + 1 − 100) GB = $660.69
        assertUsd("660.69", m.monthUsd());
        assertEquals(priced + 1, m.pricedHours(), "hours priced again");
    }

    @Test
    @DisplayName("a late hour that pushes a later hour across the 10 TB tier reports that hour's spokes")
    void lateHourAcrossTier() {
        AccountMonth m = steady();
        m.drainChanged();

        // hour 700 stands at 7,000 GB; +2,800 GB moves hour 743 from [7,430, 7,440) to [10,230, 10,240) GB:
        // its last byte is still the last of tier 1, so it is not priced again
        m.put("b", 700, gb(2_805), NONE);
        assertEquals(List.of("a@700", "b@700"), names(m.drainChanged()));
        // 5 GB × $0.09 = $0.45 each
        assertUsd("0.45", m.cost("a", 743).usd());

        // +5 GB more: hour 743 at [10,235, 10,245) GB, 5 GB × $0.09 + 5 GB × $0.085 = $0.875, half each
        m.put("b", 700, gb(2_810), NONE);
        List<SpokeHourCost> changed = m.drainChanged();
        assertEquals(List.of("a@700", "b@700", "a@743", "b@743"), names(changed));
        assertUsd("0.4375", changed.get(2).usd());
        assertUsd("0.4375", changed.get(3).usd());
        assertEquals(2, changed.get(3).positionAfter().tier());

        // and back: 743 returns to tier 1 and is reported again
        m.put("b", 700, gb(5), NONE);
        assertEquals(List.of("a@700", "b@700", "a@743", "b@743"), names(m.drainChanged()));
        assertUsd("0.45", m.cost("b", 743).usd());
        assertUsd(m.schedule().charge(0, gb(7_440)).usd().toPlainString(), m.monthUsd());
    }

    @Test
    @DisplayName("a late hour moving later hours out of the free allowance reports those that leave it")
    void freeAllowance() {
        AccountMonth m = steady();
        m.drainChanged();

        // hours 0..9 are the free 100 GB; +15 GB in hour 0 moves hour 8 to [95, 105), hour 9 to [105, 115) GB
        m.put("a", 0, gb(20), NONE);

        assertEquals(List.of("a@0", "b@0", "a@8", "b@8", "a@9", "b@9"), names(m.drainChanged()));
        // hour 9: 10 GB × $0.09 = $0.90, $0.45 each; hour 8: 5 GB × $0.09 = $0.45, $0.225 each
        assertUsd("0.45", m.cost("a", 9).usd());
        assertUsd("0.225", m.cost("b", 8).usd());
    }

    @Test
    @DisplayName("hourOf: the hours of the month (UTC), and nothing else")
    void hourOf() {
        assertEquals(0, AccountMonth.hourOf(MARCH, Instant.parse("2026-03-01T00:00:00Z")));
        assertEquals(743, AccountMonth.hourOf(MARCH, Instant.parse("2026-03-31T23:00:00Z")));
        assertEquals(Instant.parse("2026-03-31T23:00:00Z"), empty().hourStart(743));
        assertEquals(Instant.parse("2026-03-02T01:00:00Z"), empty().hourStart(AccountMonth.hourOf(MARCH, Instant.parse("2026-03-02T01:00:00Z"))));
        assertEquals(29 * 24, new AccountMonth(YearMonth.of(2028, 2), empty().schedule()).hours());

        for (String outside : List.of("2026-02-28T23:00:00Z", "2026-04-01T00:00:00Z", "2026-03-01T00:30:00Z",
                "2026-03-01T01:00:01Z", "2026-03-01T01:00:00.001Z")) {
            assertThrows(IllegalArgumentException.class, () -> AccountMonth.hourOf(MARCH, Instant.parse(outside)), outside);
        }
        assertThrows(IllegalArgumentException.class, () -> empty().hourStart(744));
    }

    @Test
    @DisplayName("put refuses an hour outside the month, negative bytes and a discount outside 0..100")
    void refuses() {
        AccountMonth m = empty();
        assertThrows(IllegalArgumentException.class, () -> m.put("a", 744, 1, NONE));
        assertThrows(IllegalArgumentException.class, () -> m.put("a", -1, 1, NONE));
        assertThrows(IllegalArgumentException.class, () -> m.put("a", 0, -1, NONE));
        assertThrows(IllegalArgumentException.class, () -> m.put("a", 0, 1, BigDecimal.valueOf(101)));
        assertThrows(IllegalArgumentException.class, () -> m.put("a", 0, 1, BigDecimal.valueOf(-1)));
        assertTrue(m.drainChanged().isEmpty());
        assertEquals(0, m.monthBytes());
    }
}
