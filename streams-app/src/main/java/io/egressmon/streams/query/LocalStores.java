package io.egressmon.streams.query;

import org.apache.kafka.common.utils.Bytes;

import io.egressmon.streams.counters.WindowTotals;
import io.egressmon.api.InventoryGateway;
import io.egressmon.api.Unavailable;
import io.egressmon.api.coverage.CoveragePartial;
import io.egressmon.api.coverage.CoveragePartialRequest;
import io.egressmon.api.flows.FlowsPartial;
import io.egressmon.api.flows.FlowsPartialRequest;
import io.egressmon.streams.flows.FlowTableQuery;
import io.egressmon.streams.flows.FlowTableStore;
import io.egressmon.api.Period;
import io.egressmon.api.bandwidth.Step;
import io.egressmon.avro.TalkerRole;
import io.egressmon.streams.flows.FlowTalkersTopology;
import io.egressmon.avro.SpokeTotals;
import io.egressmon.streams.counters.BandwidthTopology;
import io.egressmon.streams.counters.StateVersion;
import io.egressmon.streams.counters.RecentWindows;
import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.streams.talkers.Progress;
import io.egressmon.streams.talkers.StoreKey;
import io.egressmon.streams.talkers.TalkersTopology;
import io.egressmon.streams.talkers.TalkerTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.query.WindowKeyQuery;
import org.apache.kafka.streams.query.WindowRangeQuery;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads this instance's state stores. Window stores through IQv2, on named partitions and only
 * where this instance is the active host ({@code requireActive}: a standby may lag); every
 * partition's result is checked and every iterator closed. The inventory is a global store, which
 * IQv2 does not serve: {@link InventoryReader} reads it through IQv1. All calls block (RocksDB): run
 * them off the event loop.
 */
public final class LocalStores {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStores.class);

    private final KafkaStreams streams;
    private final InventoryReader inventory;

    public LocalStores(KafkaStreams streams, StateVersion inventoryVersion) {
        this.streams = streams;
        this.inventory = new InventoryReader(streams, inventoryVersion);
    }

    /**
     * One gateway's {@code grain} windows with start in {@code [from, to)}, by window start.
     *
     * @param partition the partition that holds {@code gateway} (from {@code queryMetadataForKey})
     * @throws Unavailable when that partition is not hosted actively here
     */
    public NavigableMap<Instant, RawTotals> windowsOf(String gateway, int partition, Grain grain, Instant from, Instant to) {
        NavigableMap<Instant, RawTotals> out = new TreeMap<>();
        forEachWindowOf(grain.store(), gateway, partition, from, to,
                (start, value) -> out.merge(start, totalsOf(value), RawTotals::plus));
        return out;
    }

    /**
     * What {@code plan} holds on {@code partitions} (only {@code gateway}'s windows when it is not
     * null): from the in-memory {@link RecentWindows} copies where they hold it, else from the stores
     * ({@link MemoryFirstReader}).
     *
     * @throws Unavailable when a partition is not hosted actively here
     */
    MemoryFirstReader.PeriodRead read(PeriodPlan plan, Set<Integer> partitions, String gateway) {
        return MemoryFirstReader.read(plan, recentReader(partitions, gateway), storedReader(partitions, gateway));
    }

    /**
     * The counter progress marks on {@code partitions}. {@code counter-windows} puts them in the hourly
     * {@link RecentWindows} copy together with the windows, under one lock, just before each commit: a
     * query sees a commit's windows and marks both or neither. Read from the {@code counter-progress}
     * store (written in the same step, after the copies) while a copy is not built.
     *
     * @throws Unavailable when a partition is not hosted actively here
     */
    public Map<String, Instant> progress(Set<Integer> partitions) {
        Map<String, Instant> recent = recentProgress(partitions, null);
        return recent != null ? recent : storedProgress(partitions, null);
    }

    /** The in-memory copies of {@code partitions}: each read is null when they do not hold all of it. */
    private WindowReader recentReader(Set<Integer> partitions, String gateway) {
        return new WindowReader() {
            @Override
            public Map<String, RawTotals> sum(Grain grain, Instant from, Instant to) {
                return recentSums(grain, from, to, partitions, gateway);
            }

            @Override
            public Map<String, Instant> progress() {
                return recentProgress(partitions, gateway);
            }

            @Override
            public Map<String, Long> open(Grain grain, Instant windowStart, Edge edge) {
                return recentOpen(grain, windowStart, edge, partitions, gateway);
            }
        };
    }

    /** The stores of {@code partitions}, as of the last commit (only {@code gateway}'s keys when it is not null). */
    private WindowReader storedReader(Set<Integer> partitions, String gateway) {
        return new WindowReader() {
            @Override
            public Map<String, RawTotals> sum(Grain grain, Instant from, Instant to) {
                Map<String, RawTotals> out = new TreeMap<>();
                windows(grain, from, to, (key, value) -> out.merge(key, totalsOf(value), RawTotals::plus));
                return out;
            }

            @Override
            public Map<String, Instant> progress() {
                return storedProgress(partitions, gateway);
            }

            @Override
            public Map<String, Long> open(Grain grain, Instant windowStart, Edge edge) {
                Map<String, Long> out = new TreeMap<>();
                windows(grain, windowStart, windowStart.plusMillis(1), (key, value) -> putOpen(out, key, value, edge));
                return out;
            }

            /** Every {@code grain} window starting in {@code [from, to)} to {@code sink}, by gateway. */
            private void windows(Grain grain, Instant from, Instant to, BiConsumer<String, Object> sink) {
                if (gateway == null) {
                    forEachWindow(grain.store(), from, to, partitions, (window, value) -> sink.accept(window.key(), value));
                    return;
                }
                for (int partition : partitions) {
                    forEachWindowOf(grain.store(), gateway, partition, from, to, (start, value) -> sink.accept(gateway, value));
                }
            }
        };
    }

    /**
     * The sums from the {@link RecentWindows} copy of {@code grain}'s store when every partition holds the
     * period there, else null: the caller reads the window store.
     */
    private Map<String, RawTotals> recentSums(Grain grain, Instant from, Instant to, Set<Integer> partitions, String gateway) {
        if (partitions.isEmpty() || !from.isBefore(to)) {
            return null;
        }
        Map<String, RawTotals> out = new HashMap<>();
        for (RecentWindows.Sums sums : recent(grain, partitions,
                new RecentWindows.SumQuery(from.toEpochMilli(), to.toEpochMilli(), gateway))) {
            if (!sums.covered()) {
                return null;
            }
            sums.totals().forEach((g, totals) -> out.merge(g, totals, RawTotals::plus));
        }
        return out;
    }

    /**
     * The progress marks from the {@link RecentWindows} hourly copy, which takes them in the same step
     * as the windows, when every partition's copy is built; else null: the caller reads the store.
     */
    private Map<String, Instant> recentProgress(Set<Integer> partitions, String gateway) {
        if (partitions.isEmpty()) {
            return null;
        }
        Map<String, Instant> out = new HashMap<>();
        for (RecentWindows.Progress progress : recent(Grain.HOURLY, partitions, new RecentWindows.ProgressQuery(gateway))) {
            if (!progress.covered()) {
                return null;
            }
            progress.marks().forEach((g, at) -> out.put(g, Instant.ofEpochMilli(at)));
        }
        return out;
    }

    /** Like {@link #recentSums}, for the open bytes at one edge of the windows starting at {@code windowStart}. */
    private Map<String, Long> recentOpen(Grain grain, Instant windowStart, WindowReader.Edge edge, Set<Integer> partitions,
                                         String gateway) {
        if (partitions.isEmpty()) {
            return null;
        }
        Map<String, Long> out = new HashMap<>();
        for (RecentWindows.Open open : recent(grain, partitions,
                new RecentWindows.OpenQuery(windowStart.toEpochMilli(), edge == WindowReader.Edge.START, gateway))) {
            if (!open.covered()) {
                return null;
            }
            open.bytes().forEach((g, bytes) -> out.merge(g, bytes, Long::sum));
        }
        return out;
    }

    private <R> List<R> recent(Grain grain, Set<Integer> partitions, Query<R> query) {
        String store = grain == Grain.FINE ? RecentWindows.FINE : RecentWindows.HOURLY;
        StateQueryResult<R> result = query(StateQueryRequest.inStore(store).withQuery(query).withPartitions(partitions)
                .requireActive());
        requireAll(result, partitions, store);
        return successes(result);
    }

    private static void putOpen(Map<String, Long> out, String gateway, Object value, WindowReader.Edge edge) {
        if (unwrap(value) instanceof SpokeTotals totals) {
            long open = edge == WindowReader.Edge.START ? totals.getOpenStartBytes() : totals.getOpenEndBytes();
            if (open > 0) {
                out.merge(gateway, open, Long::sum);
            }
        }
    }

    /** The progress marks as the {@code counter-progress} store holds them (as of the last commit). */
    private Map<String, Instant> storedProgress(Set<Integer> partitions, String gateway) {
        Map<String, Instant> out = new TreeMap<>();
        if (gateway != null) {
            // One key: a point lookup, not an iterator (the one-spoke query's largest read).
            StateQueryRequest<Object> request = StateQueryRequest.inStore(BandwidthTopology.STORE_PROGRESS)
                    .withQuery(KeyQuery.<String, Object>withKey(gateway)).withPartitions(partitions).requireActive();
            StateQueryResult<Object> result = query(request);
            requireAll(result, partitions, BandwidthTopology.STORE_PROGRESS);
            for (Object value : successes(result)) {
                if (unwrap(value) instanceof Long at) {
                    out.put(gateway, Instant.ofEpochMilli(at));
                }
            }
            return out;
        }
        forEachEntry(BandwidthTopology.STORE_PROGRESS, RangeQuery.withNoBounds(), partitions, (key, value) -> {
            if (value instanceof Long at) {
                out.put(key, Instant.ofEpochMilli(at));
            }
        });
        return out;
    }

    /**
     * Hands {@code sink} every entry of the key-value {@code store} in {@code range} on
     * {@code partitions}, its value unwrapped.
     *
     * @throws Unavailable when a partition is not hosted actively here
     */
    void forEachEntry(String store, RangeQuery<String, Object> range, Set<Integer> partitions,
                              BiConsumer<String, Object> sink) {
        StateQueryRequest<KeyValueIterator<String, Object>> request = StateQueryRequest.inStore(store)
                .withQuery(range).withPartitions(partitions).requireActive();
        StateQueryResult<KeyValueIterator<String, Object>> result = query(request);
        List<KeyValueIterator<String, Object>> iterators = successes(result);
        try {
            requireAll(result, partitions, store);
            for (KeyValueIterator<String, Object> it : iterators) {
                it.forEachRemaining(kv -> sink.accept(kv.key, unwrap(kv.value)));
            }
        } finally {
            iterators.forEach(KeyValueIterator::close);
        }
    }

    /**
     * Reads the cost query stores of {@code partition} ({@code CostQueryStores}), only while this
     * instance hosts it actively.
     *
     * @throws Unavailable (from its reads) when the partition is not hosted actively here
     */
    public CostReader costReader(int partition) {
        Set<Integer> one = Set.of(partition);
        return new CostReader() {
            @Override
            public void range(String store, Bytes from, Bytes to, BiConsumer<Bytes, byte[]> sink) {
                rangeOf(store, RangeQuery.withRange(from, to), one, sink);
            }

            @Override
            public void range(String store, String from, String to, BiConsumer<String, byte[]> sink) {
                rangeOf(store, RangeQuery.withRange(from, to), one, sink);
            }
        };
    }

    private <K> void rangeOf(String store, RangeQuery<K, byte[]> range, Set<Integer> partitions, BiConsumer<K, byte[]> sink) {
        StateQueryResult<KeyValueIterator<K, byte[]>> result = query(StateQueryRequest.inStore(store).withQuery(range)
                .withPartitions(partitions).requireActive());
        List<KeyValueIterator<K, byte[]>> iterators = successes(result);
        try {
            requireAll(result, partitions, store);
            for (KeyValueIterator<K, byte[]> it : iterators) {
                it.forEachRemaining(kv -> sink.accept(kv.key, kv.value));
            }
        } finally {
            iterators.forEach(KeyValueIterator::close);
        }
    }

    /** FlowIQ progress on some partitions: per gateway how far its data reaches, and the latest coarse slice end. */
    public record TalkerProgress(Map<String, Instant> dataUntil, Instant coarseUntil) {
    }

    /**
     * The FlowIQ talkers' progress marks ({@link Progress}) on {@code partitions}; only
     * {@code gateway}'s when it is not null.
     *
     * @throws Unavailable when a partition is not hosted actively here
     */
    public TalkerProgress talkerProgress(Set<Integer> partitions, String gateway) {
        Map<String, Instant> until = new TreeMap<>();
        Instant[] coarse = {null};
        forEachEntry(TalkersTopology.STORE_EMITTED, RangeQuery.withNoBounds(), partitions, (key, value) -> {
            String dataOf = Progress.DATA_UNTIL.gatewayOf(key);
            String coarseOf = Progress.COARSE_UNTIL.gatewayOf(key);
            if (!(value instanceof Long at)) {
                return;
            }
            if (dataOf != null && (gateway == null || gateway.equals(dataOf))) {
                until.put(dataOf, Instant.ofEpochMilli(at));
            } else if (coarseOf != null && (gateway == null || gateway.equals(coarseOf))
                    && (coarse[0] == null || at > coarse[0].toEpochMilli())) {
                coarse[0] = Instant.ofEpochMilli(at);
            }
        });
        return new TalkerProgress(until, coarse[0]);
    }


    /**
     * Hands {@code sink} every talker table in {@code store} whose window starts in {@code [from, to)}
     * on {@code partitions}, with its key ({@code gateway|ROLE}).
     *
     * @throws Unavailable when a partition is not hosted actively here
     */
    private void forEachTalkerTable(String store, Instant from, Instant to, Set<Integer> partitions,
                                   BiConsumer<String, TalkerTable> sink) {
        forEachWindow(store, from, to, partitions, (window, value) -> {
            TalkerTable table = tableOf(value);
            if (table != null) {
                sink.accept(window.key(), table);
            }
        });
    }

    /**
     * Hands {@code sink} the tables of one key ({@code gateway|ROLE}) in {@code store} whose window
     * starts in {@code [from, to)}.
     *
     * @param partition the partition that holds the key's gateway
     * @throws Unavailable when that partition is not hosted actively here
     */
    private void forEachTalkerTable(String store, String key, int partition, Instant from, Instant to,
                                   Consumer<TalkerTable> sink) {
        forEachWindowOf(store, key, partition, from, to, (start, value) -> {
            TalkerTable table = tableOf(value);
            if (table != null) {
                sink.accept(table);
            }
        });
    }

    /**
     * Hands {@code sink} every window of {@code store} that starts in {@code [from, to)} on
     * {@code partitions}, with its key and value.
     *
     * @throws Unavailable when a partition is not hosted actively here
     */
    private void forEachWindow(String store, Instant from, Instant to, Set<Integer> partitions,
                               BiConsumer<Windowed<String>, Object> sink) {
        if (!from.isBefore(to) || partitions.isEmpty()) {
            return;
        }
        // WindowRangeQuery's bounds are inclusive window starts.
        StateQueryRequest<KeyValueIterator<Windowed<String>, Object>> request = StateQueryRequest
                .inStore(store)
                .withQuery(WindowRangeQuery.<String, Object>withWindowStartRange(from, to.minusMillis(1)))
                .withPartitions(partitions)
                .requireActive();
        StateQueryResult<KeyValueIterator<Windowed<String>, Object>> result = query(request);
        List<KeyValueIterator<Windowed<String>, Object>> iterators = successes(result);
        try {
            requireAll(result, partitions, store);
            for (KeyValueIterator<Windowed<String>, Object> it : iterators) {
                it.forEachRemaining(kv -> sink.accept(kv.key, kv.value));
            }
        } finally {
            iterators.forEach(KeyValueIterator::close);
        }
    }

    /**
     * Hands {@code sink} the windows of one key in {@code store} that start in {@code [from, to)}, with
     * their start and value.
     *
     * @param partition the partition that holds the key
     * @throws Unavailable when that partition is not hosted actively here
     */
    private void forEachWindowOf(String store, String key, int partition, Instant from, Instant to,
                                 BiConsumer<Instant, Object> sink) {
        if (!from.isBefore(to)) {
            return;
        }
        StateQueryRequest<WindowStoreIterator<Object>> request = StateQueryRequest
                .inStore(store)
                .withQuery(WindowKeyQuery.<String, Object>withKeyAndWindowStartRange(key, from, to.minusMillis(1)))
                .withPartitions(Set.of(partition))
                .requireActive();
        StateQueryResult<WindowStoreIterator<Object>> result = query(request);
        List<WindowStoreIterator<Object>> iterators = successes(result);
        try {
            requireAll(result, Set.of(partition), store);
            for (WindowStoreIterator<Object> it : iterators) {
                it.forEachRemaining(kv -> sink.accept(Instant.ofEpochMilli(kv.key), kv.value));
            }
        } finally {
            iterators.forEach(WindowStoreIterator::close);
        }
    }

    /**
     * The windows of {@code partitions} that start in {@code [from, to)}, summed per gateway and step:
     * the counters' raw totals (5-minute or hourly windows), or (for flows) each gateway's egress bytes —
     * the total of its EXTERNAL talker table, since every egress flow adds its bytes there once (minute
     * windows summed into 5-minute steps, or hourly windows).
     */
    public CoveragePartial coverageWindows(String host, CoveragePartialRequest request) {
        Map<String, SortedMap<Instant, RawTotals>> counters = new TreeMap<>();
        Map<String, SortedMap<Instant, Long>> flows = new TreeMap<>();
        boolean fine = request.step() == Step.FIVE_MINUTES;
        Duration step = request.step().size();
        if (CoveragePartialRequest.COUNTERS.equals(request.of())) {
            forEachWindow(fine ? BandwidthTopology.STORE_5M : BandwidthTopology.STORE_1H, request.from(), request.to(),
                    request.partitions(), (window, value) -> counters.computeIfAbsent(window.key(), g -> new TreeMap<>())
                            .merge(window.window().startTime(), totalsOf(value), RawTotals::plus));
        } else {
            forEachWindow(fine ? FlowTalkersTopology.STORE_1M : FlowTalkersTopology.STORE_1H, request.from(), request.to(),
                    request.partitions(), (window, value) -> {
                        StoreKey key = StoreKey.parse(window.key());
                        TalkerTable table = tableOf(value);
                        if (key.role() == TalkerRole.EXTERNAL && table != null) {
                            flows.computeIfAbsent(key.gateway(), g -> new TreeMap<>())
                                    .merge(Period.floor(window.window().startTime(), step), table.totalBytes(), Long::sum);
                        }
                    });
        }
        return CoveragePartial.of(host, request.partitions(), counters, flows);
    }

    /** A reader over all talker tables of {@code partitions}, for {@link TalkerPlan#forEachTable}. */
    public TalkerWindowReader talkerReader(Set<Integer> partitions) {
        return (store, from, to, sink) -> forEachTalkerTable(store, from, to, partitions, sink);
    }

    /** A reader over the talker tables of any partitions, telling each table's partition and window. */
    public TalkerPartitionReader talkerPartitionReader() {
        return (store, partitions, from, to, sink) -> {
            if (!from.isBefore(to) || partitions.isEmpty()) {
                return;
            }
            StateQueryRequest<KeyValueIterator<Windowed<String>, Object>> request = StateQueryRequest
                    .inStore(store)
                    .withQuery(WindowRangeQuery.<String, Object>withWindowStartRange(from, to.minusMillis(1)))
                    .withPartitions(partitions)
                    .requireActive();
            StateQueryResult<KeyValueIterator<Windowed<String>, Object>> result = query(request);
            try {
                requireAll(result, partitions, store);
                result.getPartitionResults().forEach((partition, r) -> {
                    if (r.isSuccess() && r.getResult() != null) {
                        r.getResult().forEachRemaining(kv -> {
                            TalkerTable table = tableOf(kv.value);
                            if (table != null) {
                                sink.accept(partition, kv.key.window().startTime(), kv.key.key(), table);
                            }
                        });
                    }
                });
            } finally {
                successes(result).forEach(KeyValueIterator::close);
            }
        };
    }

    /**
     * Fails unless {@code partitions} of {@code store} are hosted actively here: what an answer from
     * memory checks, as a read of the store would have.
     *
     * @throws Unavailable when a partition is not hosted actively here
     */
    public void requireActive(String store, Set<Integer> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        // The cheapest query a window store answers: one key (that no table has) in one instant.
        StateQueryResult<WindowStoreIterator<Object>> result = query(StateQueryRequest.inStore(store)
                .withQuery(WindowKeyQuery.<String, Object>withKeyAndWindowStartRange("", Instant.EPOCH, Instant.EPOCH))
                .withPartitions(partitions).requireActive());
        try {
            requireAll(result, partitions, store);
        } finally {
            successes(result).forEach(WindowStoreIterator::close);
        }
    }

    /** A reader over one gateway's talker tables (both roles) on its partition. */
    public TalkerWindowReader talkerReader(String gateway, int partition) {
        return (store, from, to, sink) -> {
            for (TalkerRole role : TalkerRole.values()) {
                String key = new StoreKey(gateway, role).toString();
                forEachTalkerTable(store, key, partition, from, to, table -> sink.accept(key, table));
            }
        };
    }

    /**
     * The whole inventory (every gateway type), sorted by name; not to be changed.
     *
     * @throws Unavailable while the global store is not queryable (starting, or shut down)
     */
    public Map<String, InventoryGateway> inventory() {
        return inventory.all();
    }

    /**
     * One gateway of the inventory, if it is there.
     *
     * @throws Unavailable while the global store is not queryable
     */
    public Optional<InventoryGateway> gateway(String name) {
        return inventory.gateway(name);
    }

    /**
     * A store value as IQv2 hands it out: the windowed aggregations keep timestamped stores, whose
     * values come wrapped in {@link ValueAndTimestamp} (IQv1 unwrapped them); accept both so a store
     * change cannot break the queries silently.
     */
    private static Object unwrap(Object value) {
        return value instanceof ValueAndTimestamp<?> timestamped ? timestamped.value() : value;
    }

    /** A bandwidth window value; a missing one is zero. */
    static RawTotals totalsOf(Object value) {
        Object v = unwrap(value);
        if (v == null) {
            return RawTotals.ZERO;
        }
        if (v instanceof SpokeTotals totals) {
            return WindowTotals.of(totals);
        }
        throw new IllegalStateException("window store value is a " + v.getClass().getName() + ", not SpokeTotals");
    }

    /** A talker window value as IQv2 hands it out (plain, or wrapped if the store ever becomes timestamped). */
    static TalkerTable tableOf(Object value) {
        Object v = unwrap(value);
        if (v == null || v instanceof TalkerTable) {
            return (TalkerTable) v;
        }
        throw new IllegalStateException("talker window store value is a " + v.getClass().getName() + ", not TalkerTable");
    }

    /** The live flow table of the request's partitions (active here), collapsed but neither sorted nor cut. */
    FlowsPartial flows(String host, FlowsPartialRequest partial) {
        Set<Integer> partitions = partial.partitions();
        List<FlowsPartial> parts = new ArrayList<>();
        if (!partitions.isEmpty()) {
            StateQueryResult<FlowTableStore.Part> result = query(StateQueryRequest.inStore(FlowTableStore.NAME)
                    .withQuery(new FlowTableQuery(partial.request(), partial.to().toEpochMilli()))
                    .withPartitions(partitions).requireActive());
            requireAll(result, partitions, FlowTableStore.NAME);
            for (FlowTableStore.Part p : successes(result)) {
                parts.add(new FlowsPartial(host, Set.of(), Instant.ofEpochMilli(p.coveredFromMs()), p.matchedFlows(),
                        p.totalRows(), p.rows()));
            }
        }
        return FlowsPartial.merge(host, partitions, partial.request(), parts);
    }

    private <R> StateQueryResult<R> query(StateQueryRequest<R> request) {
        try {
            return streams.query(request);
        } catch (InvalidStateStoreException e) {
            throw new Unavailable("store " + request.getStoreName() + " is not queryable: " + e.getMessage(), e);
        }
    }

    private static <R> List<R> successes(StateQueryResult<R> result) {
        List<R> out = new ArrayList<>();
        for (QueryResult<R> r : result.getPartitionResults().values()) {
            if (r.isSuccess() && r.getResult() != null) {
                out.add(r.getResult());
            }
        }
        return out;
    }

    /**
     * Every asked partition must have succeeded. Partitions that are not here (any more), not active,
     * or not caught up make the answer unavailable; a query the store does not understand is a bug.
     */
    private static void requireAll(StateQueryResult<?> result, Set<Integer> partitions, String store) {
        List<String> unavailable = new ArrayList<>();
        for (int p : new TreeSet<>(partitions)) {
            QueryResult<?> r = result.getPartitionResults().get(p);
            if (r == null) {
                unavailable.add(p + " (no result)");
            } else if (r.isFailure()) {
                FailureReason reason = r.getFailureReason();
                switch (reason) {
                    case NOT_ACTIVE, NOT_PRESENT, NOT_UP_TO_BOUND -> unavailable.add(p + " (" + reason + ")");
                    case STORE_EXCEPTION -> {
                        // Typically a store closing under a rebalance; worth a log line in case it is not.
                        LOG.warn("store {} partition {} failed: {}", store, p, r.getFailureMessage());
                        unavailable.add(p + " (" + reason + ": " + r.getFailureMessage() + ")");
                    }
                    default -> throw new IllegalStateException("query on store " + store + " partition " + p
                            + " failed: " + reason + ": " + r.getFailureMessage());
                }
            }
        }
        if (!unavailable.isEmpty()) {
            throw new Unavailable("store " + store + " is not available here for partition(s) "
                    + String.join(", ", unavailable) + "; partitions are probably moving");
        }
    }
}
