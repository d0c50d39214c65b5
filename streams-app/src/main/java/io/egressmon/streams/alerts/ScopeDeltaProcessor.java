package io.egressmon.streams.alerts;

import io.egressmon.avro.Gateway;
import io.egressmon.avro.SpokeHourCost;
import io.egressmon.cost.BudgetConfig;
import io.egressmon.cost.Scope;
import io.egressmon.streams.CommitPacer;
import io.egressmon.streams.counters.BandwidthTopology;
import io.egressmon.streams.counters.CommitForwarder;
import io.egressmon.streams.counters.CommitHook;
import io.egressmon.streams.counters.StoredLatest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Stage 1 of the alerts part, keyed by gateway: turns the spoke-hour costs of {@code cost.spoke-hours}
 * (where a later record for the same gateway and hour replaces the earlier one) into changes, and
 * hands each change on to every scope the gateway's cost counts towards: the gateway, its account,
 * its group (the inventory's {@code group_name}) and each cost center it is in.
 *
 * <p>The last cost of each spoke-hour is kept ({@value #STORE_LAST}), so a record counts only by
 * how much it differs from the one it replaces, and one delivered again counts nothing. The changes
 * are summed per scope and hour and handed on at the commit ({@link CommitForwarder}), one record per
 * scope: in the transaction that commits the last costs they stand on.
 */
final class ScopeDeltaProcessor implements Processor<String, SpokeHourCost, String, List<HourDelta>> {
    /**
     * {@code KeyValueStore<String, String>}: per {@code yyyy-MM|gateway|hour start (epoch ms)}, the
     * spoke-hour's last {@code usd}. Month first: months older than {@link #MONTHS_KEPT} are one range.
     */
    static final String STORE_LAST = "alerts-last-usd";
    /** Holds nothing: tells the processor when Kafka Streams commits or drops the task's work. */
    static final String STORE_COMMIT_HOOK = "alerts-deltas-commit";
    /** As {@code cost-spoke-hours}: the month now and the 13 before it; the cost part writes no older hour. */
    static final int MONTHS_KEPT = 14;
    private static final String SEPARATOR = "|";

    private final BudgetConfig budgets;
    private final AlertStats stats;
    private ProcessorContext<String, List<HourDelta>> context;
    /** Asks for a commit while the instance keeps up (CommitPacer). */
    private CommitPacer.Paced paced;
    private CommitForwarder forwarder;
    private KeyValueStore<String, String> last;
    private KeyValueStore<String, ValueAndTimestamp<Gateway>> inventory;
    /** Per scope, per hour: the changes since the last commit, summed. */
    private final Map<String, TreeMap<Instant, BigDecimal>> pending = new LinkedHashMap<>();
    /** Per {@code yyyy-MM|gateway|}, its latest hour in {@link #STORE_LAST}: a later hour has no last cost to look for. */
    private final StoredLatest<String> latestHours = new StoredLatest<>(owner -> latestHour(last, owner));
    private YearMonth keptSince;

    ScopeDeltaProcessor(BudgetConfig budgets, AlertStats stats) {
        this.budgets = budgets;
        this.stats = stats;
    }

    static ProcessorSupplier<String, SpokeHourCost, String, List<HourDelta>> supplier(BudgetConfig budgets, AlertStats stats) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, SpokeHourCost, String, List<HourDelta>> get() {
                return new ScopeDeltaProcessor(budgets, stats);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return new LinkedHashSet<>(List.of(
                        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE_LAST), Serdes.String(), Serdes.String())
                                .withCachingDisabled(),
                        CommitHook.builder(STORE_COMMIT_HOOK)));
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, List<HourDelta>> context) {
        this.context = context;
        this.paced = CommitPacer.attach(context);
        this.forwarder = CommitForwarder.of(context);
        this.last = context.getStateStore(STORE_LAST);
        this.inventory = context.getStateStore(BandwidthTopology.STORE_INVENTORY);
        CommitHook.of(context.getStateStore(STORE_COMMIT_HOOK)).listen(new CommitHook.Listener() {
            @Override
            public void beforeCommit() {
                handOn();
            }

            @Override
            public void discard() {
                pending.clear();
                latestHours.forget();
                keptSince = null;
            }
        });
    }

    @Override
    public void process(Record<String, SpokeHourCost> record) {
        paced.seen();
        stats.increment(AlertStats.Counter.ALERT_COST_RECORDS);
        SpokeHourCost cost = record.value();
        BigDecimal usd = cost == null ? null : usd(cost.getUsd());
        if (cost == null || usd == null || cost.getGateway() == null || cost.getGateway().isEmpty()
                || cost.getHourStart() == null) {
            stats.increment(AlertStats.Counter.ALERT_MALFORMED_COSTS);
            return;
        }
        String gateway = cost.getGateway();
        Instant hour = cost.getHourStart();
        String owner = YearMonth.from(hour.atZone(ZoneOffset.UTC)) + SEPARATOR + gateway + SEPARATOR;
        String key = owner + hour.toEpochMilli();
        String before = latestHours.mayHold(owner, hour.toEpochMilli()) ? last.get(key) : null;
        BigDecimal delta = before == null ? usd : usd.subtract(new BigDecimal(before));
        if (before != null && delta.signum() == 0) {
            stats.increment(AlertStats.Counter.ALERT_UNCHANGED_COSTS);
            return;
        }
        last.put(key, usd.toPlainString());
        latestHours.wrote(owner, hour.toEpochMilli());
        forwarder.seen();
        for (Scope scope : scopesOf(cost)) {
            pending.computeIfAbsent(scope.toString(), s -> new TreeMap<>()).merge(hour, delta, BigDecimal::add);
        }
    }

    /**
     * The latest hour (epoch ms) {@link #STORE_LAST} holds under {@code owner} ({@code yyyy-MM|gateway|}),
     * or {@link Long#MIN_VALUE}. The hours kept ({@value #MONTHS_KEPT} months back from now) are all
     * 13 digits long, so their keys sort as their times; a key under the prefix whose rest is not a
     * number is another gateway's (a name with {@code |} in it) and is passed over.
     */
    static long latestHour(KeyValueStore<String, String> last, String owner) {
        try (KeyValueIterator<String, String> it = last.reverseRange(owner, owner + Character.MAX_VALUE)) {
            while (it.hasNext()) {
                String rest = it.next().key.substring(owner.length());
                if (!rest.isEmpty() && rest.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                    return Long.parseLong(rest);
                }
            }
            return Long.MIN_VALUE;
        }
    }

    /** The gateway, its billing account, its inventory group, and each cost center it is in. */
    private List<Scope> scopesOf(SpokeHourCost cost) {
        String gateway = cost.getGateway();
        List<Scope> scopes = new ArrayList<>();
        scopes.add(new Scope(Scope.Kind.GATEWAY, gateway));
        if (!cost.getAccountName().isBlank()) {
            scopes.add(new Scope(Scope.Kind.ACCOUNT, cost.getAccountName()));
        }
        ValueAndTimestamp<Gateway> known = inventory.get(gateway);
        if (known != null && known.value() != null && !known.value().getGroupName().isBlank()) {
            scopes.add(new Scope(Scope.Kind.GROUP, known.value().getGroupName()));
        }
        for (String center : budgets.costCentersOf(gateway)) {
            scopes.add(new Scope(Scope.Kind.COST_CENTER, center));
        }
        return scopes;
    }

    /** At a commit: one record per scope with its hours' changes. */
    private void handOn() {
        prune();
        if (pending.isEmpty()) {
            return;
        }
        forwarder.forward(() -> pending.forEach((scope, hours) -> {
            List<HourDelta> batch = new ArrayList<>(hours.size());
            hours.forEach((hour, usd) -> batch.add(new HourDelta(hour, usd)));
            long latestEnd = hours.lastKey().plus(Duration.ofHours(1)).toEpochMilli();
            context.forward(new Record<>(scope, batch, latestEnd));
            stats.add(AlertStats.Counter.ALERT_SCOPE_DELTAS, batch.size());
        }));
        pending.clear();
    }

    /** Deletes the last costs of months older than {@link #MONTHS_KEPT}, once per month of the wall clock. */
    private void prune() {
        YearMonth oldest = YearMonth.from(Instant.ofEpochMilli(context.currentSystemTimeMs()).atZone(ZoneOffset.UTC))
                .minusMonths(MONTHS_KEPT - 1);
        if (oldest.equals(keptSince)) {
            return;
        }
        List<String> old = new ArrayList<>();
        // Keys start with yyyy-MM: "0000-00" sorts before them all, "2026-01" before every key of January.
        try (KeyValueIterator<String, String> it = last.range("0000-00", oldest.toString())) {
            it.forEachRemaining(kv -> old.add(kv.key));
        }
        old.forEach(last::delete);
        keptSince = oldest;
    }

    private static BigDecimal usd(String text) {
        try {
            return text == null ? null : new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
