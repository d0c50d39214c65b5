package io.egressmon.cost;

import static io.egressmon.cost.Bytes.gb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.YearMonth;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The property the streams app relies on: an account month's costs depend on the windows it holds,
 * not on the order they arrived in. Random months (fixed seeds) of 1 to 6 spokes, hours large enough
 * to cross several tiers, some windows empty and some re-sent with a new value, put in time order
 * into one month and shuffled into another (a spoke-hour's own re-sends keep their order, as one
 * Kafka partition keeps them).
 */
@DisplayName("An account month priced whatever order its hours arrive in")
class AccountMonthOrderTest {
    private static final YearMonth MONTH = YearMonth.of(2026, 1);
    private static final int HOURS = 31 * 24;
    private static final PriceTable TABLE = PriceTables.load("order.yaml", """
            providers:
              aws: {overrides: {accounts: {payer: {tier_start_gb: 7777.5}}}}
            """);
    private static final BigDecimal[] DISCOUNTS = {BigDecimal.ZERO, new BigDecimal("10"), new BigDecimal("12.5"), new BigDecimal("33.3")};

    private record Put(String spoke, int hour, long bytes) {
    }

    static Stream<Arguments> months() {
        Object[][] schedules = {
                {"AWS us-east-1", TABLE.schedule(BillingPoint.of(Provider.AWS, "us-east-1"), Traffic.INTERNET)},
                {"AWS us-east-1, tier start 7,777.5 GB", TABLE.schedule(new BillingPoint(Provider.AWS, "us-east-1", "payer", null), Traffic.INTERNET)},
                {"GCP us-west1 premium", TABLE.schedule(BillingPoint.of(Provider.GCP, "us-west1"), Traffic.internet("premium", "north_america"))}};
        Stream.Builder<Arguments> months = Stream.builder();
        for (Object[] s : schedules) {
            for (int spokes = 1; spokes <= 6; spokes++) {
                months.add(Arguments.of(s[0], s[1], spokes, 1000L * spokes + s[0].hashCode() % 1000));
            }
        }
        return months.build();
    }

    /** 500 windows: a fifth empty, a quarter re-sending an earlier spoke-hour with a new value; up to 1,500 GB each. */
    private static List<Put> windows(int spokes, Random random) {
        List<Put> puts = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            long bytes = random.nextInt(5) == 0 ? 0 : random.nextLong(gb(1_500));
            if (!puts.isEmpty() && random.nextInt(4) == 0) {
                Put earlier = puts.get(random.nextInt(puts.size()));
                puts.add(new Put(earlier.spoke(), earlier.hour(), bytes));
            } else {
                puts.add(new Put("spoke-" + random.nextInt(spokes), random.nextInt(HOURS), bytes));
            }
        }
        return puts;
    }

    /** {@code puts} shuffled, each spoke-hour's values still in the order they were sent. */
    private static List<Put> shuffled(List<Put> puts, Random random) {
        Map<String, Deque<Long>> values = new HashMap<>();
        puts.forEach(p -> values.computeIfAbsent(p.spoke() + "@" + p.hour(), k -> new ArrayDeque<>()).add(p.bytes()));
        List<Put> order = new ArrayList<>(puts);
        Collections.shuffle(order, random);
        return order.stream().map(p -> new Put(p.spoke(), p.hour(), values.get(p.spoke() + "@" + p.hour()).poll())).toList();
    }

    private static Map<String, BigDecimal> discounts(int spokes, boolean discounted, Random random) {
        Map<String, BigDecimal> d = new HashMap<>();
        for (int i = 0; i < spokes; i++) {
            d.put("spoke-" + i, discounted ? DISCOUNTS[random.nextInt(DISCOUNTS.length)] : BigDecimal.ZERO);
        }
        return d;
    }

    @ParameterizedTest(name = "{0}, {2} spokes, seed {3}")
    @MethodSource("months")
    @DisplayName("time order and shuffled give the same costs, those of the month priced at once")
    void orderDoesNotMatter(String name, BillingSchedule schedule, int spokes, long seed) {
        Random random = new Random(seed);
        List<Put> puts = windows(spokes, random);
        Map<String, BigDecimal> discounts = discounts(spokes, false, random);

        AccountMonth inTime = new AccountMonth(MONTH, schedule);
        puts.stream().sorted(Comparator.comparingInt(Put::hour)).forEach(p -> inTime.put(p.spoke(), p.hour(), p.bytes(), discounts.get(p.spoke())));
        AccountMonth arrived = new AccountMonth(MONTH, schedule);
        Map<String, BigDecimal> drained = new HashMap<>();
        for (Put p : shuffled(puts, random)) {
            arrived.put(p.spoke(), p.hour(), p.bytes(), discounts.get(p.spoke()));
            if (random.nextInt(10) == 0) {
                arrived.drainChanged().forEach(c -> drained.put(c.spoke() + "@" + c.hour(), c.usd()));
            }
        }
        arrived.drainChanged().forEach(c -> drained.put(c.spoke() + "@" + c.hour(), c.usd()));

        // the reference: every hour priced afresh from the final bytes, shares as documented
        long[] hourBytes = new long[HOURS];
        inTime.spokeBytes().values().forEach(b -> {
            for (int k = 0; k < HOURS; k++) {
                hourBytes[k] += b[k];
            }
        });
        boolean split = false;
        long before = 0;
        for (int k = 0; k < HOURS; k++) {
            BigDecimal hourCost = schedule.charge(before, hourBytes[k]).usd();
            int withBytes = 0;
            for (int s = 0; s < spokes; s++) {
                String spoke = "spoke-" + s;
                int hour = k;
                SpokeHourCost a = arrived.cost(spoke, k);
                SpokeHourCost t = inTime.cost(spoke, k);
                assertEquals(t, a, spoke + " hour " + k);
                long bytes = a.bytes();
                BigDecimal expected = bytes == 0 ? BigDecimal.ZERO : bytes == hourBytes[k] ? hourCost
                        : hourCost.multiply(BigDecimal.valueOf(bytes)).divide(BigDecimal.valueOf(hourBytes[k]), MathContext.DECIMAL128);
                assertEquals(0, expected.compareTo(a.usd()), () -> spoke + " hour " + hour + ": expected $" + expected + ", was $" + a.usd());
                BigDecimal reported = drained.getOrDefault(spoke + "@" + k, BigDecimal.ZERO);
                assertEquals(0, reported.compareTo(a.usd()), () -> "last reported for " + spoke + " hour " + hour + ": $" + reported + ", now $" + a.usd());
                withBytes += bytes > 0 ? 1 : 0;
            }
            split |= withBytes > 1;
            before += hourBytes[k];
        }

        assertEquals(before, arrived.monthBytes());
        assertEquals(inTime.monthBytes(), arrived.monthBytes());
        assertEquals(0, inTime.monthUsd().compareTo(arrived.monthUsd()), () -> "in time $" + inTime.monthUsd() + ", as arrived $" + arrived.monthUsd());
        BigDecimal atOnce = schedule.charge(0, arrived.monthBytes()).usd();
        BigDecimal difference = atOnce.subtract(arrived.monthUsd()).abs();
        if (split) {
            assertTrue(difference.compareTo(new BigDecimal("1e-20")) <= 0, () -> "at once $" + atOnce + ", by spoke-hour $" + arrived.monthUsd());
        } else {
            assertEquals(0, difference.signum(), () -> "at once $" + atOnce + ", by hour $" + arrived.monthUsd());
        }
        if (spokes == 1) {
            assertEquals(false, split);
        }
    }

    @ParameterizedTest(name = "{0}, {2} spokes, seed {3}")
    @MethodSource("months")
    @DisplayName("with each spoke's discount, time order and shuffled still agree, and the month is the sum of its spoke-hours")
    void discountedOrderDoesNotMatter(String name, BillingSchedule schedule, int spokes, long seed) {
        Random random = new Random(seed);
        List<Put> puts = windows(spokes, random);
        Map<String, BigDecimal> discounts = discounts(spokes, true, random);

        AccountMonth inTime = new AccountMonth(MONTH, schedule);
        puts.stream().sorted(Comparator.comparingInt(Put::hour)).forEach(p -> inTime.put(p.spoke(), p.hour(), p.bytes(), discounts.get(p.spoke())));
        AccountMonth arrived = new AccountMonth(MONTH, schedule);
        shuffled(puts, random).forEach(p -> arrived.put(p.spoke(), p.hour(), p.bytes(), discounts.get(p.spoke())));

        BigDecimal sum = BigDecimal.ZERO;
        for (String spoke : arrived.spokeBytes().keySet()) {
            for (int k = 0; k < HOURS; k++) {
                SpokeHourCost a = arrived.cost(spoke, k);
                assertEquals(inTime.cost(spoke, k), a, spoke + " hour " + k);
                assertEquals(0, a.listUsd().multiply(BigDecimal.ONE.subtract(discounts.get(spoke).movePointLeft(2))).compareTo(a.usd()));
                sum = sum.add(a.usd());
            }
        }
        assertEquals(0, sum.compareTo(arrived.monthUsd()));
        assertEquals(0, inTime.monthUsd().compareTo(arrived.monthUsd()));
    }

    @ParameterizedTest(name = "{0}, {2} spokes, seed {3}")
    @MethodSource("months")
    @DisplayName("restored from its spoke bytes and discounts, a month has the same costs and nothing changed")
    void restore(String name, BillingSchedule schedule, int spokes, long seed) {
        Random random = new Random(seed);
        List<Put> puts = windows(spokes, random);
        Map<String, BigDecimal> discounts = discounts(spokes, true, random);
        AccountMonth original = new AccountMonth(MONTH, schedule);
        shuffled(puts, random).forEach(p -> original.put(p.spoke(), p.hour(), p.bytes(), discounts.get(p.spoke())));
        original.drainChanged();

        Map<String, long[]> saved = original.spokeBytes();
        AccountMonth restored = AccountMonth.restore(MONTH, schedule, saved, original.discounts());
        saved.values().forEach(b -> b[0] = 1);   // a copy: changing it changes neither month

        assertEquals(List.of(), restored.drainChanged());
        assertEquals(original.monthBytes(), restored.monthBytes());
        assertEquals(0, original.monthUsd().compareTo(restored.monthUsd()));
        for (String spoke : original.spokeBytes().keySet()) {
            for (int k = 0; k < HOURS; k++) {
                assertEquals(original.cost(spoke, k), restored.cost(spoke, k), spoke + " hour " + k);
            }
        }

        // and both go on alike: an early hour re-sent reports the same spoke-hours at the same costs
        original.put("spoke-0", 3, gb(20_000), discounts.get("spoke-0"));
        restored.put("spoke-0", 3, gb(20_000), discounts.get("spoke-0"));
        assertEquals(original.drainChanged(), restored.drainChanged());
        assertEquals(0, original.monthUsd().compareTo(restored.monthUsd()));
    }
}
