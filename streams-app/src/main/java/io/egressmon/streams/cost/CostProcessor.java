package io.egressmon.streams.cost;

import io.egressmon.avro.SpokeHourCost;
import io.egressmon.cost.AccountMonth;
import io.egressmon.cost.BillingPoint;
import io.egressmon.cost.PriceTable;
import io.egressmon.cost.Traffic;
import io.egressmon.streams.CommitPacer;
import io.egressmon.streams.counters.CommitForwarder;
import io.egressmon.streams.counters.CommitHook;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Prices the hourly egress of one partition of billing accounts ({@link BillingKey}s) and writes
 * what each spoke-hour costs to {@code cost.spoke-hours}.
 *
 * <p>Each account's month is an {@link AccountMonth}: the hours are priced in time order on the
 * account's tiers whatever order they arrive in, and it says which spoke-hours' costs changed. The
 * state is the spoke-hours' bytes ({@value #STORE_HOURS}); the months are rebuilt from it in memory
 * when first used after a start or a rollback.
 *
 * <p>Exactly once: a changed spoke-hour is not written at once (a busy hour would be rewritten for
 * every spoke that arrives in it) but at the commit ({@link CommitForwarder}), each once with its cost
 * then, in the transaction that commits the bytes it stands on.
 */
final class CostProcessor implements Processor<String, List<HourEgress>, String, SpokeHourCost> {
    /**
     * {@code KeyValueStore<String, Long>}: per {@code yyyy-MM|billing key|gateway|hour of month}, the
     * spoke-hour's egress bytes. Month first, so a month is one prefix and the months past
     * {@link #MONTHS_KEPT} one range to delete.
     */
    static final String STORE_HOURS = "cost-spoke-hours";
    /**
     * Months of hours kept: the month now and the 13 before it, as long as the hourly windows they
     * come from (400 days). Older ones are deleted at the first commit of a month.
     */
    static final int MONTHS_KEPT = 14;
    /** Holds nothing: tells the processor when Kafka Streams commits or drops the task's work ({@link CommitHook}). */
    static final String STORE_COMMIT_HOOK = "cost-commit";

    private final PriceTable prices;
    private final CostStats stats;

    private ProcessorContext<String, SpokeHourCost> context;
    /** Asks for a commit while the instance keeps up (CommitPacer). */
    private CommitPacer.Paced paced;
    private CommitForwarder forwarder;
    private KeyValueStore<String, Long> hours;
    private CostQueryStores answers;
    /** Per billing key and month: the month, built from {@link #hours} when first used. */
    private final Map<LedgerKey, Ledger> ledgers = new HashMap<>();
    /** The billing keys of this task's records, parsed once. */
    private final Map<String, BillingKey> keys = new HashMap<>();
    /**
     * The months written to since their changes were last taken: drained once per commit, not per
     * hour (an hour of many spokes changes every share of it with each spoke that arrives).
     */
    private final Set<Ledger> touched = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    /** Hours that arrived with no egress: no change to their month, but priced ($0) like every other hour. */
    private final Set<SpokeHourKey> zeroHours = new LinkedHashSet<>();
    /** The oldest month kept in {@link #STORE_HOURS} since this task last deleted older ones; null: not yet. */
    private YearMonth keptSince;

    CostProcessor(PriceTable prices, CostStats stats) {
        this.prices = prices;
        this.stats = stats;
    }

    static ProcessorSupplier<String, List<HourEgress>, String, SpokeHourCost> supplier(PriceTable prices, CostStats stats) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, List<HourEgress>, String, SpokeHourCost> get() {
                return new CostProcessor(prices, stats);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                Set<StoreBuilder<?>> stores = new LinkedHashSet<>(List.of(
                        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE_HOURS), Serdes.String(), Serdes.Long())
                                .withCachingDisabled(),
                        CommitHook.builder(STORE_COMMIT_HOOK)));
                stores.addAll(CostQueryStores.builders());
                return stores;
            }
        };
    }

    private record LedgerKey(BillingKey key, YearMonth month) {
    }

    /**
     * One account's month, the discounts of its spokes and the index of each one's last hour held
     * (what {@link CostQueryStores#ACCOUNT_MONTHS} says is priced).
     */
    private record Ledger(BillingKey key, YearMonth month, AccountMonth costs, Map<String, BigDecimal> discounts,
                          Map<String, int[]> lastHour) {
        void held(String gateway, int hour) {
            int[] last = lastHour.get(gateway);
            if (last == null) {
                lastHour.put(gateway, new int[] {hour});
            } else if (hour > last[0]) {
                last[0] = hour;
            }
        }
    }

    @Override
    public void init(ProcessorContext<String, SpokeHourCost> context) {
        this.context = context;
        this.paced = CommitPacer.attach(context);
        this.forwarder = CommitForwarder.of(context);
        this.hours = context.getStateStore(STORE_HOURS);
        this.answers = new CostQueryStores(context);
        CommitHook.of(context.getStateStore(STORE_COMMIT_HOOK)).listen(new CommitHook.Listener() {
            @Override
            public void beforeCommit() {
                emit();
            }

            @Override
            public void discard() {
                forget();
            }
        });
    }

    @Override
    public void process(Record<String, List<HourEgress>> record) {
        paced.seen();
        if (record.key() == null || record.value() == null) { // the batcher writes neither
            throw new IllegalStateException("a batch of hours' egress without a billing key or value: " + record);
        }
        forwarder.seen();
        BillingKey key = keys.computeIfAbsent(record.key(), BillingKey::parse);
        for (HourEgress e : record.value()) {
            YearMonth month = YearMonth.from(e.hourStart().atZone(ZoneOffset.UTC));
            Ledger ledger = ledger(key, month);
            BigDecimal discount = ledger.discounts.computeIfAbsent(e.gateway(), g -> discount(key, g));
            int hour = AccountMonth.hourOf(month, e.hourStart());
            ledger.costs.put(e.gateway(), hour, e.bytes(), discount);
            ledger.held(e.gateway(), hour);
            hours.put(new SpokeHourKey(key, month, e.gateway(), hour).storeKey(), e.bytes());
            stats.increment(CostStats.Counter.COST_WINDOWS);
            touched.add(ledger);
            if (e.bytes() == 0) {
                zeroHours.add(new SpokeHourKey(key, month, e.gateway(), hour));
            }
        }
    }

    /** At a commit: every spoke-hour whose cost changed since the last one, with its cost now. */
    private void emit() {
        prune();
        if (touched.isEmpty() && zeroHours.isEmpty()) {
            return;
        }
        forwarder.forward(() -> {
            for (Ledger ledger : touched) {
                for (io.egressmon.cost.SpokeHourCost c : ledger.costs.drainChanged()) {
                    zeroHours.remove(new SpokeHourKey(ledger.key, ledger.month, c.spoke(), c.hour()));
                    write(ledger, c);
                }
            }
            for (SpokeHourKey k : zeroHours) {
                Ledger ledger = ledger(k.key(), k.month());
                write(ledger, ledger.costs.cost(k.gateway(), k.hour()));
            }
            answers.flushDays();
            for (Ledger ledger : touched) {
                answers.accountMonth(ledger.key, ledger.month, prices.prices(ledger.key.provider()).unit().label(),
                        ledger.costs.schedule().positionAt(ledger.costs.monthBytes()), ledger.lastHour);
            }
        });
        touched.clear();
        zeroHours.clear();
        // Months before the last one are rarely written to (a backfill, a late window): read them
        // back from the store when they are, rather than hold every month ever seen.
        YearMonth lastMonth = wallClockMonth().minusMonths(1);
        ledgers.values().removeIf(l -> l.month.isBefore(lastMonth));
    }

    private YearMonth wallClockMonth() {
        return YearMonth.from(Instant.ofEpochMilli(context.currentSystemTimeMs()).atZone(ZoneOffset.UTC));
    }

    /** Deletes the hours of months older than {@link #MONTHS_KEPT}, once per month of the wall clock. */
    private void prune() {
        YearMonth oldest = wallClockMonth().minusMonths(MONTHS_KEPT - 1);
        if (oldest.equals(keptSince)) {
            return;
        }
        List<String> old = new ArrayList<>();
        // Keys start with yyyy-MM and sort by it: "0000-00" is before them all, and "2026-01" before
        // every key of January ("2026-01|…") and after every key of the months before it.
        try (KeyValueIterator<String, Long> it = hours.range("0000-00", oldest.toString())) {
            it.forEachRemaining(kv -> old.add(kv.key));
        }
        old.forEach(hours::delete);
        answers.prune(oldest);
        ledgers.keySet().removeIf(k -> k.month().isBefore(oldest));
        keptSince = oldest;
        if (!old.isEmpty()) {
            stats.add(CostStats.Counter.COST_HOURS_EXPIRED, old.size());
        }
    }

    private void write(Ledger ledger, io.egressmon.cost.SpokeHourCost c) {
        Instant start = c.hourStart();
        context.forward(new Record<>(c.spoke(), toRecord(ledger, c), start.plus(Duration.ofHours(1)).toEpochMilli()));
        answers.hour(ledger.key, c);
        stats.increment(CostStats.Counter.COST_RECORDS);
    }

    private SpokeHourCost toRecord(Ledger ledger, io.egressmon.cost.SpokeHourCost c) {
        BillingKey key = ledger.key;
        return SpokeHourCost.newBuilder()
                .setGateway(c.spoke())
                .setHourStart(c.hourStart())
                .setProvider(key.provider().key())
                .setAccountName(key.account())
                .setVpcRegion(key.region())
                .setBillingKey(key.text())
                .setEgressBytes(c.bytes())
                .setAccountHourBytes(c.accountHourBytes())
                .setAccountMonthBytesBefore(c.accountBytesBefore())
                .setListUsd(c.listUsd().toPlainString())
                .setDiscountPct(c.discountPct().toPlainString())
                .setUsd(c.usd().toPlainString())
                .setTier(c.positionAfter().tier())
                .setTierUsdPerUnit(c.positionAfter().usdPerUnit().toPlainString())
                .setUnit(prices.prices(key.provider()).unit().label())
                .setPricesAsOf(prices.asOf().toString())
                .build();
    }

    private BigDecimal discount(BillingKey key, String gateway) {
        return prices.discountPct(new BillingPoint(key.provider(), key.point().region(), key.point().account(), gateway));
    }

    /** The month of {@code key}, read back from {@link #hours} the first time. */
    private Ledger ledger(BillingKey key, YearMonth month) {
        return ledgers.computeIfAbsent(new LedgerKey(key, month), lk -> {
            String prefix = month + BillingKey.SEPARATOR + key.text() + BillingKey.SEPARATOR;
            Map<String, long[]> bytes = new HashMap<>();
            Map<String, BigDecimal> discounts = new HashMap<>();
            Map<String, int[]> lastHour = new HashMap<>();
            int hoursInMonth = month.lengthOfMonth() * 24;
            try (KeyValueIterator<String, Long> it = hours.prefixScan(prefix, new StringSerializer())) {
                it.forEachRemaining(kv -> {
                    String rest = kv.key.substring(prefix.length());
                    int cut = rest.lastIndexOf(BillingKey.SEPARATOR);
                    String gateway = rest.substring(0, cut);
                    int hour = Integer.parseInt(rest.substring(cut + 1));
                    bytes.computeIfAbsent(gateway, g -> new long[hoursInMonth])[hour] = kv.value;
                    discounts.computeIfAbsent(gateway, g -> discount(key, g));
                    int[] last = lastHour.computeIfAbsent(gateway, g -> new int[] {hour});
                    last[0] = Math.max(last[0], hour);
                });
            }
            AccountMonth costs = AccountMonth.restore(month, prices.schedule(key.point(), Traffic.INTERNET), bytes, discounts);
            return new Ledger(key, month, costs, discounts, lastHour);
        });
    }

    /** Forgets everything in memory: the task's stores are closed, or its uncommitted work is dropped. */
    private void forget() {
        keptSince = null;
        ledgers.clear();
        touched.clear();
        zeroHours.clear();
        if (answers != null) {
            answers.forget();
        }
    }

    /** One spoke's hour on one account's month, as {@link #STORE_HOURS} keys it: {@code yyyy-MM|provider|account|region|gateway|hour}. */
    record SpokeHourKey(BillingKey key, YearMonth month, String gateway, int hour) {
        String storeKey() {
            return month + BillingKey.SEPARATOR + key.text() + BillingKey.SEPARATOR + gateway + BillingKey.SEPARATOR + hour;
        }
    }

    @Override
    public void close() {
        forget();
    }
}
