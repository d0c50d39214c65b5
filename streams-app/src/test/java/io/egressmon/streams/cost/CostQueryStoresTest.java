package io.egressmon.streams.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.egressmon.cost.Provider;
import io.egressmon.cost.SpokeHourCost;
import io.egressmon.cost.TierPosition;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The query stores' writes on their own, over real (in-memory) key-value stores. */
@DisplayName("Cost query stores")
class CostQueryStoresTest {
    private static final Instant H0 = Instant.parse("2026-01-31T22:00:00Z");
    private static final BillingKey KEY = new BillingKey(Provider.fromKey("aws"), "acct", "us-east-1");
    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    private KeyValueStore<Bytes, byte[]> hours;
    private KeyValueStore<Bytes, byte[]> days;
    private KeyValueStore<String, byte[]> months;
    private CostQueryStores stores;

    @BeforeEach
    void open() {
        hours = store(CostQueryStores.HOURS, Serdes.Bytes());
        days = store(CostQueryStores.DAYS, Serdes.Bytes());
        months = store(CostQueryStores.ACCOUNT_MONTHS, Serdes.String());
        stores = new CostQueryStores(context);
    }

    private <K> KeyValueStore<K, byte[]> store(String name, org.apache.kafka.common.serialization.Serde<K> keys) {
        KeyValueStore<K, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, Serdes.ByteArray())
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    private static SpokeHourCost cost(String spoke, Instant hour, long bytes, String usd) {
        return new SpokeHourCost(spoke, 0, hour, bytes, bytes, 0, new BigDecimal(usd), BigDecimal.ZERO, new BigDecimal(usd),
                new TierPosition(1, new BigDecimal("0.09"), bytes, 5));
    }

    @Test
    @DisplayName("a spoke-hour written again replaces its hour, and its day keeps the exact sum of the latest hours")
    void rewrittenHour() {
        stores.hour(KEY, cost("a", H0, 10, "0.1"));
        stores.hour(KEY, cost("a", H0.plus(Duration.ofHours(1)), 20, "0.000000000111758708953857421875"));
        stores.flushDays();
        stores.hour(KEY, cost("a", H0, 7, "0.07")); // a later commit: another spoke joined the hour
        stores.flushDays();
        SpokeDayRow day = SpokeDayRow.decode(days.get(GatewayTimeKey.of("a", GatewayTimeKey.day(H0))));
        assertEquals(27, day.bytes());
        assertEquals(0, new BigDecimal("0.070000000111758708953857421875").compareTo(day.usd()), day.toString());
        assertEquals("aws|acct|us-east-1", day.billingKey());
        assertEquals(7, SpokeHourRow.decode(hours.get(GatewayTimeKey.of("a", GatewayTimeKey.hour(H0)))).bytes());
    }

    @Test
    @DisplayName("after a restart (new query stores over the same stores) or a dropped commit, a rewritten hour still replaces the stored one")
    void rewrittenAfterRestart() {
        Instant h1 = H0.plus(Duration.ofHours(1));
        stores.hour(KEY, cost("a", H0, 10, "0.1"));
        stores.hour(KEY, cost("a", h1, 20, "0.2"));
        stores.hour(KEY, cost("b", H0, 5, "0.05"));
        stores.flushDays();

        stores = new CostQueryStores(context); // a restarted task: it knows nothing of what is stored
        stores.hour(KEY, cost("a", h1, 2, "0.02")); // a's latest hour, written again
        stores.hour(KEY, cost("a", H0, 1, "0.01")); // and the one before it
        stores.hour(KEY, cost("a", h1.plus(Duration.ofHours(1)), 4, "0.04")); // a new hour after them
        stores.flushDays();
        stores.forget(); // a dropped commit: what it knew of the stored hours is read again
        stores.hour(KEY, cost("b", H0, 3, "0.03"));
        stores.flushDays();

        SpokeDayRow a = SpokeDayRow.decode(days.get(GatewayTimeKey.of("a", GatewayTimeKey.day(H0))));
        assertEquals(1 + 2, a.bytes(), a.toString()); // 22:00 and 23:00 of Jan 31; midnight is Feb 1
        assertEquals(0, new BigDecimal("0.03").compareTo(a.usd()), a.toString());
        SpokeDayRow b = SpokeDayRow.decode(days.get(GatewayTimeKey.of("b", GatewayTimeKey.day(H0))));
        assertEquals(3, b.bytes(), b.toString());
        assertEquals(4, SpokeDayRow.decode(days.get(GatewayTimeKey.of("a", GatewayTimeKey.day(H0) + 1))).bytes());
    }

    @Test
    @DisplayName("the months before the oldest kept lose their hours, days and account row; later months keep theirs")
    void prune() {
        Instant feb = Instant.parse("2026-02-01T00:00:00Z");
        stores.hour(KEY, cost("a", H0, 10, "0.1"));
        stores.hour(KEY, cost("a", feb, 10, "0.1"));
        stores.flushDays();
        TierPosition p = new TierPosition(0, BigDecimal.ZERO, 10, 5);
        stores.accountMonth(KEY, YearMonth.of(2026, 1), "GB", p, Map.of("a", new int[] {742}));
        stores.accountMonth(KEY, YearMonth.of(2026, 2), "GB", p, Map.of("a", new int[] {0}));
        assertEquals(1, stores.prune(YearMonth.of(2026, 2)));
        assertNull(hours.get(GatewayTimeKey.of("a", GatewayTimeKey.hour(H0))));
        assertNull(days.get(GatewayTimeKey.of("a", GatewayTimeKey.day(H0))));
        assertNull(months.get("2026-01|aws|acct|us-east-1"));
        assertEquals(10, SpokeHourRow.decode(hours.get(GatewayTimeKey.of("a", GatewayTimeKey.hour(feb)))).bytes());
        AccountMonthRow kept = AccountMonthRow.decode(months.get("2026-02|aws|acct|us-east-1"));
        assertEquals(List.of(new AccountMonthRow.Spoke("a", GatewayTimeKey.hour(feb) + 1)), kept.spokes());
    }

    @Test
    @DisplayName("keys sort by gateway, then time: one gateway's hours are one range, and a name that extends another's does not interleave")
    void keyOrder() {
        assertEquals(-1, Integer.signum(GatewayTimeKey.of("a", 500_000).compareTo(GatewayTimeKey.of("a", 500_001))));
        assertEquals(-1, Integer.signum(GatewayTimeKey.of("a", Integer.MAX_VALUE).compareTo(GatewayTimeKey.of("a-b", 0))));
        assertEquals("a-b", GatewayTimeKey.gateway(GatewayTimeKey.of("a-b", 7).get()));
        assertEquals(7, GatewayTimeKey.index(GatewayTimeKey.of("a-b", 7).get()));
    }
}
