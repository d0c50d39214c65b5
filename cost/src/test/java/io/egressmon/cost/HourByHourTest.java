package io.egressmon.cost;

import static io.egressmon.cost.Bytes.gb;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.DisplayName;

/**
 * The property the streams app relies on: a month priced hour by hour, in time order, each hour
 * starting where the month-to-date stands, costs exactly what the month's total costs at once —
 * in dollars and in bytes per tier — for random months and random hourly splits.
 */
@DisplayName("Pricing a month hour by hour")
class HourByHourTest {
    private static final int HOURS = 31 * 24;
    private static final String ACCOUNT = "payer-with-hidden-usage";
    // An account whose month already has usage we cannot see, at a discount: both move every tier.
    private static final PriceTable TABLE = PriceTables.load("hour-by-hour.yaml", """
            providers:
              aws: {overrides: {accounts: {%1$s: {tier_start_gb: 7777.5, discount_pct: 12.5}}}}
              azure: {overrides: {accounts: {%1$s: {tier_start_gb: 333, discount_pct: 3}}}}
              gcp: {overrides: {accounts: {%1$s: {tier_start_gb: 0.75, discount_pct: 33.3}}}}
              oci: {overrides: {accounts: {%1$s: {tier_start_gb: 9000, discount_pct: 1}}}}
            """.formatted(ACCOUNT));

    static Stream<Arguments> months() {
        Stream.Builder<Arguments> months = Stream.builder();
        Object[][] routes = {
                {Provider.AWS, "us-east-1", Traffic.INTERNET},
                {Provider.AWS, "eu-west-1", Traffic.NAT_GATEWAY},
                {Provider.AZURE, "North Europe", Traffic.internet("microsoft")},
                {Provider.AZURE, "eastus", Traffic.internet("internet")},
                {Provider.GCP, "us-west1", Traffic.internet("premium", "north_america")},
                {Provider.GCP, "europe-west1", Traffic.internet("standard")},
                {Provider.OCI, "ap-singapore-1", Traffic.INTERNET}};
        for (Object[] r : routes) {
            for (long seed = 1; seed <= 6; seed++) {
                String account = seed % 2 == 0 ? ACCOUNT : null;
                months.add(Arguments.of(new BillingPoint((Provider) r[0], (String) r[1], account, null), r[2], seed));
            }
        }
        return months.build();
    }

    @ParameterizedTest(name = "{0} {1}, seed {2}")
    @MethodSource("months")
    @DisplayName("costs exactly what the month's total costs at once, tier by tier")
    void hourByHourEqualsWholeMonth(BillingPoint at, Traffic traffic, long seed) {
        Random random = new Random(seed);
        // Up to 400 TB: past the last tier of every provider.
        long month = random.nextLong(gb(400_000));
        long[] hours = split(month, random);

        Charge whole = TABLE.cost(at, traffic, 0, month);

        BigDecimal usd = BigDecimal.ZERO;
        Map<Integer, Long> bytesByTier = new TreeMap<>();
        Map<Integer, BigDecimal> usdByTier = new TreeMap<>();
        long monthToDate = 0;
        Charge last = null;
        for (long hour : hours) {
            last = TABLE.cost(at, traffic, monthToDate, hour);
            usd = usd.add(last.usd());
            for (TierCharge t : last.tiers()) {
                bytesByTier.merge(t.tier(), t.bytes(), Long::sum);
                usdByTier.merge(t.tier(), t.usd(), BigDecimal::add);
            }
            monthToDate += hour;
        }

        BigDecimal byHour = usd;
        assertEquals(0, whole.usd().compareTo(byHour), () -> "whole month $" + whole.usd().toPlainString() + ", by hour $" + byHour.toPlainString());
        Map<Integer, Long> wholeBytes = new TreeMap<>();
        Map<Integer, BigDecimal> wholeUsd = new TreeMap<>();
        whole.tiers().forEach(t -> {
            wholeBytes.put(t.tier(), t.bytes());
            wholeUsd.put(t.tier(), t.usd());
        });
        assertEquals(wholeBytes, bytesByTier);
        wholeUsd.forEach((tier, dollars) -> assertEquals(0, dollars.compareTo(usdByTier.get(tier)), "dollars in tier " + tier));
        assertEquals(whole.positionAfter(), last.positionAfter());
        assertEquals(whole.positionAfter(), TABLE.position(at, traffic, month));
    }

    /** {@code month} bytes cut into {@link #HOURS} hours at random points (some hours empty). */
    private static long[] split(long month, Random random) {
        long[] cuts = new long[HOURS + 1];
        for (int i = 1; i < HOURS; i++) {
            cuts[i] = random.nextInt(5) == 0 ? 0 : random.nextLong(month + 1);
        }
        cuts[HOURS] = month;
        Arrays.sort(cuts);
        long[] hours = new long[HOURS];
        for (int i = 0; i < HOURS; i++) {
            hours[i] = cuts[i + 1] - cuts[i];
        }
        return hours;
    }
}
