package io.egressmon.streams.alerts;

import io.egressmon.avro.CostAlert;
import io.egressmon.cost.Alert;
import io.egressmon.cost.AlertRules;
import io.egressmon.cost.Budget;
import io.egressmon.cost.BudgetConfig;
import io.egressmon.cost.Scope;
import io.egressmon.cost.ScopeSpend;
import io.egressmon.streams.CommitPacer;
import io.egressmon.streams.counters.CommitForwarder;
import io.egressmon.streams.counters.CommitHook;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serde;
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
 * Stage 2 of the alerts part, keyed by scope ({@code kind:name}): adds each scope's hourly cost
 * changes to what it has spent ({@link ScopeLedger}: hours in {@value #STORE_HOURS}, months in
 * {@value #STORE_MONTHS}) and, at each commit, judges the {@link AlertRules} for the months that
 * changed, as of the end of each month's last priced hour.
 *
 * <p>Exactly once: an alert is written to {@code egressmon.alerts} only when its dedupe key is not
 * in {@value #STORE_RAISED}, and the key is put there in the same commit ({@link CommitForwarder}),
 * so the record and the key are committed together or not at all. A re-delivery, a restart or a
 * rollback judges the same data again and finds the key.
 */
final class AlertsProcessor implements Processor<String, List<HourDelta>, String, CostAlert> {
    /** {@code KeyValueStore<String, String>}: per {@code scope|hour start (epoch ms, 13 digits)}, the hour's cost. */
    static final String STORE_HOURS = "alerts-scope-hours";
    /** {@code KeyValueStore<String, String>}: per {@code scope|yyyy-MM}, the month's cost and the end of its last priced hour. */
    static final String STORE_MONTHS = "alerts-scope-months";
    /** {@code KeyValueStore<String, CostAlert>}: per dedupe key, the alert raised (what {@code GET /api/v1/alerts} lists). */
    static final String STORE_RAISED = "alerts-raised";
    /** Holds nothing: tells the processor when Kafka Streams commits or drops the task's work. */
    static final String STORE_COMMIT_HOOK = "alerts-commit";
    static final String SEPARATOR = "|";

    private final BudgetConfig config;
    private final AlertRules rules;
    private final Map<Scope, Budget> budgets = new HashMap<>();
    private final Serde<CostAlert> alertSerde;
    private final AlertStats stats;
    private ProcessorContext<String, CostAlert> context;
    /** Asks for a commit while the instance keeps up (CommitPacer). */
    private CommitPacer.Paced paced;
    private CommitForwarder forwarder;
    private KeyValueStore<String, String> hours;
    private KeyValueStore<String, String> months;
    private KeyValueStore<String, CostAlert> raised;
    /** The scopes of this task met since the last start or rollback, read back from the stores when first met. */
    private final Map<String, ScopeLedger> ledgers = new HashMap<>();
    /** Per scope, the months changed since the last commit: judged at the commit. */
    private final Map<String, Set<YearMonth>> touched = new LinkedHashMap<>();

    AlertsProcessor(BudgetConfig config, Serde<CostAlert> alertSerde, AlertStats stats) {
        this.config = config;
        this.rules = new AlertRules(config.spikeRule());
        config.budgets().forEach(b -> budgets.put(b.scope(), b));
        this.alertSerde = alertSerde;
        this.stats = stats;
    }

    static ProcessorSupplier<String, List<HourDelta>, String, CostAlert> supplier(BudgetConfig config, Serde<CostAlert> alertSerde,
                                                                               AlertStats stats) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, List<HourDelta>, String, CostAlert> get() {
                return new AlertsProcessor(config, alertSerde, stats);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return new LinkedHashSet<>(List.of(
                        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE_HOURS), Serdes.String(), Serdes.String())
                                .withCachingDisabled(),
                        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE_MONTHS), Serdes.String(), Serdes.String())
                                .withCachingDisabled(),
                        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE_RAISED), Serdes.String(), alertSerde)
                                .withCachingDisabled(),
                        CommitHook.builder(STORE_COMMIT_HOOK)));
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, CostAlert> context) {
        this.context = context;
        this.paced = CommitPacer.attach(context);
        this.forwarder = CommitForwarder.of(context);
        this.hours = context.getStateStore(STORE_HOURS);
        this.months = context.getStateStore(STORE_MONTHS);
        this.raised = context.getStateStore(STORE_RAISED);
        CommitHook.of(context.getStateStore(STORE_COMMIT_HOOK)).listen(new CommitHook.Listener() {
            @Override
            public void beforeCommit() {
                judge();
            }

            @Override
            public void discard() {
                ledgers.clear();
                touched.clear();
            }
        });
    }

    @Override
    public void process(Record<String, List<HourDelta>> record) {
        paced.seen();
        if (record.key() == null || record.value() == null) { // stage 1 writes neither
            throw new IllegalStateException("hourly cost changes without a scope or value: " + record);
        }
        forwarder.seen();
        String scope = record.key();
        ScopeLedger ledger = ledger(scope);
        Set<YearMonth> changed = touched.computeIfAbsent(scope, s -> new TreeSet<>());
        // The months of this batch, each written once after its hours (not once per hour: a backfill's
        // batch holds hundreds of hours of one month).
        Set<YearMonth> inBatch = new TreeSet<>();
        for (HourDelta d : record.value()) {
            if (ledger.add(d.hourStart(), d.usd())) {
                hours.put(hourKey(scope, d.hourStart()), ledger.hour(d.hourStart()).toPlainString());
            } else {
                stats.increment(AlertStats.Counter.ALERT_OLD_HOURS);
            }
            inBatch.add(YearMonth.from(d.hourStart().atZone(java.time.ZoneOffset.UTC)));
        }
        for (YearMonth month : inBatch) {
            months.put(scope + SEPARATOR + month, ledger.month(month).text());
        }
        changed.addAll(inBatch);
    }

    /** At a commit: the alert rules for every month changed since the last one; new alerts written and kept. */
    private void judge() {
        if (touched.isEmpty()) {
            return;
        }
        forwarder.forward(() -> touched.forEach((scopeText, changedMonths) -> {
            ScopeLedger ledger = ledger(scopeText);
            Scope scope = Scope.parse(scopeText);
            Budget budget = budgets.get(scope);
            for (YearMonth month : changedMonths) {
                ScopeSpend spend = ledger.spend(month, config.spikeRule());
                Instant asOf = ledger.spendOf(month).pricedUntil();
                List<Alert> alerts = rules.evaluate(month, asOf, budget == null ? List.of() : List.of(budget),
                        Map.of(scope, spend));
                for (Alert alert : alerts) {
                    String key = alert.dedupeKey();
                    if (raised.get(key) == null) {
                        CostAlert record = CostAlerts.toRecord(alert, budget);
                        raised.put(key, record);
                        context.forward(new Record<>(key, record, asOf.toEpochMilli()));
                        stats.increment(AlertStats.Counter.ALERTS_RAISED);
                    }
                }
            }
            expire(scopeText, ledger);
        }));
        touched.clear();
    }

    private void expire(String scope, ScopeLedger ledger) {
        Map<Instant, BigDecimal> old = ledger.expire();
        old.keySet().forEach(hour -> hours.delete(hourKey(scope, hour)));
        if (!old.isEmpty()) {
            stats.add(AlertStats.Counter.ALERT_HOURS_EXPIRED, old.size());
        }
    }

    /** The scope's ledger, read back from the stores the first time. */
    private ScopeLedger ledger(String scope) {
        return ledgers.computeIfAbsent(scope, s -> read(s, hours, months, config));
    }

    /** {@code scope}'s ledger from the hours' and months' stores. */
    static ScopeLedger read(String scope, org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, String> hours,
                            org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, String> months, BudgetConfig config) {
        String prefix = scope + SEPARATOR;
        Map<Instant, BigDecimal> h = new TreeMap<>();
        try (KeyValueIterator<String, String> it = hours.prefixScan(prefix, new StringSerializer())) {
            it.forEachRemaining(kv -> h.put(Instant.ofEpochMilli(Long.parseLong(kv.key.substring(prefix.length()))),
                    new BigDecimal(kv.value)));
        }
        Map<YearMonth, ScopeLedger.MonthSpend> m = new TreeMap<>();
        try (KeyValueIterator<String, String> it = months.prefixScan(prefix, new StringSerializer())) {
            it.forEachRemaining(kv -> m.put(YearMonth.parse(kv.key.substring(prefix.length())),
                    ScopeLedger.MonthSpend.parse(kv.value)));
        }
        return new ScopeLedger(h, m, ScopeLedger.hoursKept(config.spikeRule()));
    }

    /** {@code scope|hour start}, the epoch ms zero-padded to 13 digits so that a scope's hours sort in time order. */
    static String hourKey(String scope, Instant hour) {
        long ms = hour.toEpochMilli();
        if (ms < 0) {
            return scope + SEPARATOR + String.format("%013d", ms);
        }
        String digits = Long.toString(ms);
        StringBuilder key = new StringBuilder(scope.length() + 1 + Math.max(13, digits.length())).append(scope).append(SEPARATOR);
        for (int i = digits.length(); i < 13; i++) {
            key.append('0');
        }
        return key.append(digits).toString();
    }

    @Override
    public void close() {
        ledgers.clear();
        touched.clear();
    }
}
