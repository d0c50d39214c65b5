package io.egressmon.streams.cost;

import io.egressmon.cost.SpokeHourCost;
import io.egressmon.cost.TierPosition;
import io.egressmon.streams.counters.StoredLatest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The stores {@code GET /api/v1/cost} reads, written by {@link CostProcessor} with each changed
 * spoke-hour at the commit, in the transaction that writes it to {@code cost.spoke-hours}:
 * <ul>
 *   <li>{@value #HOURS}: per gateway and hour ({@link GatewayTimeKey}), the spoke-hour as the topic
 *       last said it ({@link SpokeHourRow}) — for period edges and the forecast's 7 days of hours;</li>
 *   <li>{@value #DAYS}: per gateway and UTC day, its hours summed exactly ({@link SpokeDayRow}), kept
 *       by adding each hour's change — a 30-day question reads ~30 rows per spoke, not 720;</li>
 *   <li>{@value #ACCOUNT_MONTHS}: per {@code yyyy-MM|provider|account|region}, the month's tier
 *       position and spokes with how far each is priced ({@link AccountMonthRow}) — which gateways a
 *       partition holds in a month, and whether the month is priced far enough to be final.</li>
 * </ul>
 * Expired with the months of {@value CostProcessor#STORE_HOURS} ({@link #prune}).
 */
public final class CostQueryStores {
    public static final String HOURS = "cost-gateway-hours";
    public static final String DAYS = "cost-gateway-days";
    public static final String ACCOUNT_MONTHS = "cost-account-months";

    private final KeyValueStore<Bytes, byte[]> hours;
    private final KeyValueStore<Bytes, byte[]> days;
    private final KeyValueStore<String, byte[]> accountMonths;
    /** Gateway names and billing keys in UTF-8, encoded once. */
    private final Map<String, byte[]> utf8 = new HashMap<>();
    /** The days' changes since the last {@link #flushDays}: one read and write per day, not per hour. */
    private final Map<Bytes, DayChange> dayChanges = new HashMap<>();
    /** Per gateway, its latest hour in {@link #hours}: a later hour is new, its old row not looked for. */
    private final StoredLatest<String> latestHours = new StoredLatest<>(this::latestHour);

    CostQueryStores(ProcessorContext<?, ?> context) {
        this.hours = context.getStateStore(HOURS);
        this.days = context.getStateStore(DAYS);
        this.accountMonths = context.getStateStore(ACCOUNT_MONTHS);
    }

    static List<StoreBuilder<?>> builders() {
        return List.of(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HOURS), Serdes.Bytes(), Serdes.ByteArray())
                        .withCachingDisabled(),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DAYS), Serdes.Bytes(), Serdes.ByteArray())
                        .withCachingDisabled(),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ACCOUNT_MONTHS), Serdes.String(), Serdes.ByteArray())
                        .withCachingDisabled());
    }

    /** {@code yyyy-MM|provider|account|region}: month first, so a month is one range and old months one prefix. */
    public static String accountMonthKey(YearMonth month, String billingKey) {
        return month + BillingKey.SEPARATOR + billingKey;
    }

    private static final class DayChange {
        long bytes;
        BigDecimal usd = BigDecimal.ZERO;
        BigDecimal listUsd = BigDecimal.ZERO;
        String billingKey;
    }

    /** Writes {@code c}, a spoke-hour of {@code key}'s month as {@code cost.spoke-hours} gets it, and notes its day's change. */
    void hour(BillingKey key, SpokeHourCost c) {
        String keyText = key.text();
        byte[] gateway = utf8.computeIfAbsent(c.spoke(), s -> s.getBytes(StandardCharsets.UTF_8));
        byte[] billing = utf8.computeIfAbsent(keyText, s -> s.getBytes(StandardCharsets.UTF_8));
        int hour = GatewayTimeKey.hour(c.hourStart());
        Bytes hourKey = GatewayTimeKey.of(gateway, hour);
        // Hours since the epoch: never below 0, where latestHour's range starts.
        byte[] old = hour < 0 || latestHours.mayHold(c.spoke(), hour) ? hours.get(hourKey) : null;
        TierPosition after = c.positionAfter();
        hours.put(hourKey, new SpokeHourRow(c.bytes(), c.usd(), c.listUsd(), c.accountHourBytes(), c.accountBytesBefore(),
                after.tier(), after.usdPerUnit(), keyText).encode(billing));
        latestHours.wrote(c.spoke(), hour);
        DayChange day = dayChanges.computeIfAbsent(GatewayTimeKey.of(gateway, Math.floorDiv(hour, 24)), k -> new DayChange());
        day.bytes += c.bytes();
        day.usd = day.usd.add(c.usd());
        day.listUsd = day.listUsd.add(c.listUsd());
        day.billingKey = keyText;
        if (old != null) {
            SpokeDayRow was = SpokeHourRow.amounts(old);
            day.bytes -= was.bytes();
            day.usd = day.usd.subtract(was.usd());
            day.listUsd = day.listUsd.subtract(was.listUsd());
        }
    }

    /** The latest hour {@link #hours} holds for {@code gateway}, or {@link Long#MIN_VALUE}: one reverse seek. */
    private long latestHour(String gateway) {
        byte[] name = utf8.computeIfAbsent(gateway, s -> s.getBytes(StandardCharsets.UTF_8));
        try (KeyValueIterator<Bytes, byte[]> it = hours.reverseRange(GatewayTimeKey.of(name, 0),
                GatewayTimeKey.of(name, Integer.MAX_VALUE))) {
            return it.hasNext() ? GatewayTimeKey.index(it.next().key.get()) : Long.MIN_VALUE;
        }
    }

    /** Adds the noted changes to their days. */
    void flushDays() {
        for (Map.Entry<Bytes, DayChange> e : dayChanges.entrySet()) {
            byte[] old = days.get(e.getKey());
            DayChange c = e.getValue();
            SpokeDayRow row = old == null ? SpokeDayRow.ZERO : SpokeDayRow.decode(old);
            days.put(e.getKey(), row.plus(c.bytes, c.usd, c.listUsd, c.billingKey).encode());
        }
        dayChanges.clear();
    }

    /**
     * Writes where {@code key}'s {@code month} stands: its tier position after all its hours, and
     * per spoke the index in the month of its last priced hour ({@code lastHour}).
     */
    void accountMonth(BillingKey key, YearMonth month, String unit, TierPosition position, Map<String, int[]> lastHour) {
        int monthStart = GatewayTimeKey.hour(month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        List<AccountMonthRow.Spoke> spokes = new ArrayList<>(lastHour.size());
        lastHour.forEach((gateway, h) -> spokes.add(new AccountMonthRow.Spoke(gateway, monthStart + h[0] + 1)));
        spokes.sort((a, b) -> a.gateway().compareTo(b.gateway()));
        accountMonths.put(accountMonthKey(month, key.text()), new AccountMonthRow(unit, position.monthBytes(), position.tier(),
                position.usdPerUnit(), position.bytesLeftInTier(), spokes).encode());
    }

    /** Deletes every row of the months before {@code oldest}; returns how many hours went. */
    int prune(YearMonth oldest) {
        List<KeyValue<String, byte[]>> old = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = accountMonths.range("0000-00", oldest.toString())) {
            it.forEachRemaining(old::add);
        }
        int deleted = 0;
        for (KeyValue<String, byte[]> kv : old) {
            YearMonth month = YearMonth.parse(kv.key.substring(0, 7));
            Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            for (AccountMonthRow.Spoke s : AccountMonthRow.decode(kv.value).spokes()) {
                deleted += deleteRange(hours, s.gateway(), GatewayTimeKey.hour(start), GatewayTimeKey.hour(end));
                deleteRange(days, s.gateway(), GatewayTimeKey.day(start), GatewayTimeKey.day(end));
            }
            accountMonths.delete(kv.key);
        }
        return deleted;
    }

    private static int deleteRange(KeyValueStore<Bytes, byte[]> store, String gateway, int from, int to) {
        List<Bytes> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(GatewayTimeKey.of(gateway, from), GatewayTimeKey.of(gateway, to - 1))) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        keys.forEach(store::delete);
        return keys.size();
    }

    /** Forgets the days' changes not yet written: the task's uncommitted work is dropped. */
    void forget() {
        dayChanges.clear();
        latestHours.forget();
    }

    static Set<String> names() {
        return Set.of(HOURS, DAYS, ACCOUNT_MONTHS);
    }
}
