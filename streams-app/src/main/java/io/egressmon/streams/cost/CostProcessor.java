package io.egressmon.streams.cost;

import io.egressmon.avro.SpokeHourCost;
import io.egressmon.cost.AccountMonth;
import io.egressmon.cost.BillingPoint;
import io.egressmon.cost.PriceTable;
import io.egressmon.cost.Traffic;
import io.egressmon.streams.counters.CommitHook;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Prices the hourly windows of one partition of billing accounts ({@link BillingKey}s) and writes
 * what each spoke-hour costs to {@code cost.spoke-hours}.
 *
 * <p>Each account's month is an {@link AccountMonth}: the hours are priced in time order on the
 * account's tiers whatever order they arrive in, and it says which spoke-hours' costs changed with each
 * window. The state is the spoke-hours' bytes ({@value #STORE_HOURS}); the months are rebuilt from it
 * in memory when first used after a start or a rollback.
 *
 * <p>Exactly once: a changed spoke-hour is not written at once (a busy hour would be rewritten for
 * every spoke that arrives in it) but by a punctuation every {@link #EMIT_EVERY}, each once with its
 * cost at that moment. One not written yet when Kafka Streams commits is written down as pending
 * ({@value #STORE_PENDING}) in that commit, so a crash between the commit and the punctuation does not
 * lose it; the punctuation deletes the mark in the transaction that writes the cost.
 */
final class CostProcessor implements Processor<String, HourEgress, String, SpokeHourCost> {
    /** {@code KeyValueStore<String, Long>}: per {@code billing key|month|gateway|hour of month}, the spoke-hour's egress bytes. */
    static final String STORE_HOURS = "cost-spoke-hours";
    /** {@code KeyValueStore<String, Long>}: spoke-hours (same keys) whose cost changed in a committed transaction and is not written yet. */
    static final String STORE_PENDING = "cost-pending";
    /** Holds nothing: tells the processor when Kafka Streams commits or drops the task's work ({@link CommitHook}). */
    static final String STORE_COMMIT_HOOK = "cost-commit";
    static final Duration EMIT_EVERY = Duration.ofMillis(500);

    private final PriceTable prices;
    private final CostStats stats;

    private ProcessorContext<String, SpokeHourCost> context;
    private KeyValueStore<String, Long> hours;
    private KeyValueStore<String, Long> pendingStore;
    /** Per {@code billing key|month}: the month, built from {@link #hours} when first used. */
    private final Map<String, Ledger> ledgers = new HashMap<>();
    /**
     * The months written to since their changes were last taken: drained once per commit or
     * punctuation, not per window (a window into an hour of many spokes changes every share of it).
     */
    private final Set<Ledger> touched = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    /** Spoke-hours to write, in the order they changed. */
    private final Set<SpokeHourKey> pending = new LinkedHashSet<>();
    /** Those of {@link #pending} already marked in {@link #pendingStore}. */
    private final Set<SpokeHourKey> pendingStored = new HashSet<>();
    private boolean loaded;

    CostProcessor(PriceTable prices, CostStats stats) {
        this.prices = prices;
        this.stats = stats;
    }

    static ProcessorSupplier<String, HourEgress, String, SpokeHourCost> supplier(PriceTable prices, CostStats stats) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, HourEgress, String, SpokeHourCost> get() {
                return new CostProcessor(prices, stats);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return new LinkedHashSet<>(List.of(
                        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE_HOURS), Serdes.String(), Serdes.Long())
                                .withCachingDisabled(),
                        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE_PENDING), Serdes.String(), Serdes.Long())
                                .withCachingDisabled(),
                        CommitHook.builder(STORE_COMMIT_HOOK)));
            }
        };
    }

    /** One account's month and the discounts of its spokes. */
    private record Ledger(BillingKey key, YearMonth month, AccountMonth costs, Map<String, BigDecimal> discounts) {
    }

    @Override
    public void init(ProcessorContext<String, SpokeHourCost> context) {
        this.context = context;
        this.hours = context.getStateStore(STORE_HOURS);
        this.pendingStore = context.getStateStore(STORE_PENDING);
        CommitHook.of(context.getStateStore(STORE_COMMIT_HOOK)).listen(new CommitHook.Listener() {
            @Override
            public void beforeCommit() {
                markPending();
            }

            @Override
            public void discard() {
                forget();
            }
        });
        context.schedule(EMIT_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> emit());
        forget();
    }

    @Override
    public void process(Record<String, HourEgress> record) {
        load();
        HourEgress e = record.value();
        BillingKey key = record.key() == null ? null : BillingKey.parse(record.key());
        if (key == null || e == null) { // the repartition step writes neither
            throw new IllegalStateException("an hour's egress without a billing key or value: " + record);
        }
        YearMonth month = YearMonth.from(e.hourStart().atZone(ZoneOffset.UTC));
        Ledger ledger = ledger(key, month);
        BigDecimal discount = ledger.discounts.computeIfAbsent(e.gateway(), g -> discount(key, g));
        int hour = AccountMonth.hourOf(month, e.hourStart());
        ledger.costs.put(e.gateway(), hour, e.bytes(), discount);
        hours.put(storeKey(ledger, e.gateway(), hour), e.bytes());
        stats.increment(CostStats.Counter.COST_WINDOWS);
        touched.add(ledger);
        if (e.bytes() == 0) {
            // No change to the month, but the hour is priced: consumers get its $0 as they get every other hour.
            pending.add(new SpokeHourKey(ledger.key, ledger.month, e.gateway(), hour));
        }
    }

    /** Takes the changed spoke-hours of the months written to into {@link #pending}. */
    private void drainTouched() {
        for (Ledger ledger : touched) {
            ledger.costs.drainChanged().forEach(c -> pending.add(new SpokeHourKey(ledger.key, ledger.month, c.spoke(), c.hour())));
        }
        touched.clear();
    }

    /** Before a commit: the spoke-hours not written yet are marked, so the commit holds them. */
    private void markPending() {
        drainTouched();
        for (SpokeHourKey k : pending) {
            if (pendingStored.add(k)) {
                pendingStore.put(k.storeKey(), 0L);
            }
        }
    }

    /** Writes every pending spoke-hour's current cost and removes its mark. */
    private void emit() {
        load();
        drainTouched();
        if (pending.isEmpty()) {
            return;
        }
        for (SpokeHourKey k : pending) {
            Ledger ledger = ledger(k.key, k.month);
            io.egressmon.cost.SpokeHourCost c = ledger.costs.cost(k.gateway, k.hour);
            Instant start = ledger.costs.hourStart(k.hour);
            context.forward(new Record<>(k.gateway, toRecord(ledger, k.gateway, start, c), start.plus(Duration.ofHours(1)).toEpochMilli()));
            stats.increment(CostStats.Counter.COST_RECORDS);
            if (pendingStored.contains(k)) {
                pendingStore.delete(k.storeKey());
            }
        }
        pending.clear();
        pendingStored.clear();
        // Months before the last one are rarely written to (a backfill, a late window): read them
        // back from the store when they are, rather than hold every month ever seen.
        YearMonth oldestKept = YearMonth.from(Instant.ofEpochMilli(context.currentSystemTimeMs()).atZone(ZoneOffset.UTC))
                .minusMonths(1);
        ledgers.values().removeIf(l -> l.month.isBefore(oldestKept));
    }

    private SpokeHourCost toRecord(Ledger ledger, String gateway, Instant start, io.egressmon.cost.SpokeHourCost c) {
        BillingKey key = ledger.key;
        return SpokeHourCost.newBuilder()
                .setGateway(gateway)
                .setHourStart(start)
                .setProvider(key.provider().key())
                .setAccountName(key.account())
                .setVpcRegion(key.region())
                .setBillingKey(key.text())
                .setEgressBytes(c.bytes())
                .setAccountHourBytes(c.accountHourBytes())
                .setAccountMonthBytesBefore(c.accountBytesBefore())
                .setListUsd(c.listUsd().toPlainString())
                .setDiscountPct(ledger.discounts.getOrDefault(gateway, BigDecimal.ZERO).toPlainString())
                .setUsd(c.usd().toPlainString())
                .setTier(c.positionAfter().tier())
                .setTierUsdPerUnit(c.positionAfter().usdPerUnit().toPlainString())
                .setUnit(prices.prices(key.provider()).unit().label())
                .setPricesAsOf(prices.asOf().toString())
                .build();
    }

    private BigDecimal discount(BillingKey key, String gateway) {
        return prices.discountPct(new BillingPoint(key.provider(), key.region(), key.account(), gateway));
    }

    /** The month of {@code key}, read back from {@link #hours} the first time. */
    private Ledger ledger(BillingKey key, YearMonth month) {
        String prefix = key.text() + BillingKey.SEPARATOR + month + BillingKey.SEPARATOR;
        return ledgers.computeIfAbsent(prefix, p -> {
            Map<String, long[]> bytes = new HashMap<>();
            Map<String, BigDecimal> discounts = new HashMap<>();
            int hoursInMonth = month.lengthOfMonth() * 24;
            try (KeyValueIterator<String, Long> it = hours.prefixScan(p, new StringSerializer())) {
                it.forEachRemaining(kv -> {
                    String rest = kv.key.substring(p.length());
                    int cut = rest.lastIndexOf(BillingKey.SEPARATOR);
                    String gateway = rest.substring(0, cut);
                    int hour = Integer.parseInt(rest.substring(cut + 1));
                    bytes.computeIfAbsent(gateway, g -> new long[hoursInMonth])[hour] = kv.value;
                    discounts.computeIfAbsent(gateway, g -> discount(key, g));
                });
            }
            AccountMonth costs = AccountMonth.restore(month, prices.schedule(key.point(), Traffic.INTERNET), bytes, discounts);
            return new Ledger(key, month, costs, discounts);
        });
    }

    private static String storeKey(Ledger ledger, String gateway, int hour) {
        return new SpokeHourKey(ledger.key, ledger.month, gateway, hour).storeKey();
    }

    /** After a start or a rollback: the pending marks are read back; the months are read when first used. */
    private void load() {
        if (loaded) {
            return;
        }
        try (KeyValueIterator<String, Long> all = pendingStore.all()) {
            all.forEachRemaining(kv -> {
                SpokeHourKey k = SpokeHourKey.parse(kv.key);
                pending.add(k);
                pendingStored.add(k);
            });
        }
        loaded = true;
    }

    /** Forgets everything in memory: the task's stores are closed, or its uncommitted work is dropped. */
    private void forget() {
        ledgers.clear();
        touched.clear();
        pending.clear();
        pendingStored.clear();
        loaded = false;
    }

    /** One spoke's hour on one account's month, as the stores key it: {@code provider|account|region|yyyy-MM|gateway|hour}. */
    record SpokeHourKey(BillingKey key, YearMonth month, String gateway, int hour) {
        String storeKey() {
            return key.text() + BillingKey.SEPARATOR + month + BillingKey.SEPARATOR + gateway + BillingKey.SEPARATOR + hour;
        }

        static SpokeHourKey parse(String text) {
            String[] parts = text.split("\\" + BillingKey.SEPARATOR, -1);
            if (parts.length != 6) {
                throw new IllegalStateException("not a cost store key: " + text);
            }
            BillingKey key = BillingKey.parse(parts[0] + BillingKey.SEPARATOR + parts[1] + BillingKey.SEPARATOR + parts[2]);
            return new SpokeHourKey(key, YearMonth.parse(parts[3]), parts[4], Integer.parseInt(parts[5]));
        }
    }

    @Override
    public void close() {
        forget();
    }
}
