package io.egressmon.streams.counters;

import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.avro.CounterSnapshot;
import io.egressmon.avro.Gateway;
import io.egressmon.avro.PollWatermark;
import io.egressmon.avro.SnapshotKind;
import io.egressmon.avro.SpokeBandwidthWindow;
import io.egressmon.avro.SpokeTotals;
import io.egressmon.streams.CommitPacer;
import io.egressmon.streams.counters.TopologyStats.Counter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code counter-windows}: counter snapshots in, final window results out (with the gateway's
 * attributes from the global {@code inventory} store). Per snapshot: the
 * gateway's last readings give a reset-aware increase ({@link CounterReadings}), which is spread over
 * the hourly windows and the 5-minute windows it covers ({@link BucketSpread}, in proportion to time)
 * and added to their running sums; once stream time passes a window's end plus
 * {@link BandwidthTopology#GRACE}, the window's final result is forwarded. Every snapshot, a
 * {@code PROGRESS} mark without readings included, moves the gateway's entry in
 * {@code counter-progress}: how far it was polled and processed, which answers read to tell an
 * incomplete period from one without data.
 *
 * <p>Why a processor and not the DSL's windowed aggregations (which this replaced): they took one
 * record per 5-minute piece, twelve for an hourly reading, and for each piece read and wrote both
 * windows as bytes through the record cache, whose evictions fed a suppression buffer with a changelog
 * of its own. Here the gateways' readings, progress and open windows stay in memory as objects between
 * commits and are written to their stores once per commit ({@link CommitHook}): a window costs one
 * store write and one changelog record per commit in which it changed, and its final result one
 * output record. Stores, output and input offsets still change in one exactly-once transaction; a
 * task whose uncommitted work is dropped reads its memory back from the stores.
 *
 * <p>The 5-minute windows cover only the last {@link BandwidthTopology#FINE_RETENTION} of the clock
 * queries are planned by (the wall clock but in tests), as long as their store keeps them and as far
 * back as queries read them: a backfill's older pieces go to the hourly windows only, instead of
 * being written and deleted again.
 *
 * <p>The key never changes, so nothing is repartitioned.
 */
final class CounterWindowsProcessor implements Processor<String, CounterSnapshot, String, SpokeBandwidthWindow> {
    private static final Logger LOG = LoggerFactory.getLogger(CounterWindowsProcessor.class);
    /** Keys of the marks store: this task's stream time, and up to where each size's windows are closed. */
    static final String STREAM_TIME = "stream-time", CLOSED_5M = "closed|PT5M", CLOSED_1H = "closed|PT1H";

    private final TopologyStats stats;
    private final Clock clock;
    private ProcessorContext<String, SpokeBandwidthWindow> context;
    /** Asks for a commit while the instance keeps up (CommitPacer). */
    private CommitPacer.Paced paced;
    private KeyValueStore<String, PollWatermark> readingsStore;
    private KeyValueStore<String, Long> progressStore;
    private KeyValueStore<String, Long> marks;
    private OpenWindows fine;
    private OpenWindows hourly;
    private KeyValueStore<String, ValueAndTimestamp<Gateway>> inventory;
    private RecentWindows recentFine;
    private RecentWindows recentHourly;
    /**
     * Inventory entries looked up since the last commit: a final window takes the inventory as it
     * stands when the window closes, and a backfill closes thousands of one gateway's windows between
     * two commits. Forgotten at each commit, so an inventory change is seen within a commit interval.
     */
    private final Map<String, Optional<Gateway>> inventoryLookups = new HashMap<>();

    // What is in memory between commits; read back from the stores whenever it may be stale.
    private boolean loaded;
    private final Map<String, PollWatermark> readings = new HashMap<>();
    private final Set<String> changedReadings = new HashSet<>();
    private final Map<String, Long> progress = new HashMap<>();
    private final Set<String> changedProgress = new HashSet<>();
    /** Whether the {@link #write} under way wrote a window. */
    private boolean wroteWindows;
    /**
     * The largest record time of a delta piece this task added (or dropped as late): the stream time
     * by which windows close, as the DSL's aggregations judged it.
     */
    private long streamTime = Long.MIN_VALUE;
    private long closedFine = Long.MIN_VALUE;
    private long closedHourly = Long.MIN_VALUE;
    private boolean marksChanged;

    CounterWindowsProcessor(TopologyStats stats, Clock clock) {
        this.stats = stats;
        this.clock = clock;
    }

    static ProcessorSupplier<String, CounterSnapshot, String, SpokeBandwidthWindow> supplier(BandwidthSerdes serdes,
                                                                                            TopologyStats stats, Clock clock) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, CounterSnapshot, String, SpokeBandwidthWindow> get() {
                return new CounterWindowsProcessor(stats, clock);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                // No record cache: the processor holds the changes itself and writes each once per commit.
                // In a fixed order (Set.of's changes from run to run), so the topology describes the same.
                return new LinkedHashSet<>(List.of(
                        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BandwidthTopology.STORE_LAST_READINGS),
                                Serdes.String(), new LastReadingsSerde()).withCachingDisabled(),
                        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BandwidthTopology.STORE_PROGRESS),
                                Serdes.String(), Serdes.Long()).withCachingDisabled(),
                        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BandwidthTopology.STORE_WINDOW_MARKS),
                                Serdes.String(), Serdes.Long()).withCachingDisabled(),
                        windowStore(BandwidthTopology.STORE_5M, BandwidthTopology.FINE_RETENTION, BandwidthTopology.FINE, serdes),
                        windowStore(BandwidthTopology.STORE_1H, BandwidthTopology.HOURLY_RETENTION, BandwidthTopology.HOURLY,
                                serdes),
                        CommitHook.builder(BandwidthTopology.STORE_COMMIT_HOOK),
                        RecentWindows.builder(RecentWindows.FINE, BandwidthTopology.FINE, BandwidthTopology.FINE_RETENTION),
                        RecentWindows.builder(RecentWindows.HOURLY, BandwidthTopology.HOURLY, RecentWindows.HOURLY_SPAN)));
            }
        };
    }

    /** Timestamped, as the DSL's aggregations stored them, so state written by earlier versions still reads. */
    private static StoreBuilder<TimestampedWindowStore<String, SpokeTotals>> windowStore(String name, Duration retention,
                                                                                        Duration size,
                                                                                        BandwidthSerdes serdes) {
        return Stores.timestampedWindowStoreBuilder(Stores.persistentTimestampedWindowStore(name, retention, size, false),
                Serdes.String(), serdes.totals()).withCachingDisabled();
    }

    @Override
    public void init(ProcessorContext<String, SpokeBandwidthWindow> context) {
        this.context = context;
        this.paced = CommitPacer.attach(context);
        this.readingsStore = context.getStateStore(BandwidthTopology.STORE_LAST_READINGS);
        this.progressStore = context.getStateStore(BandwidthTopology.STORE_PROGRESS);
        this.marks = context.getStateStore(BandwidthTopology.STORE_WINDOW_MARKS);
        // Initialised again without its stores closed in between (a task suspended and resumed in a
        // rebalance), the processor keeps its memory: the stores were not rolled back, and what it
        // has not written yet is part of the work Kafka Streams will still commit. A close of the
        // stores (clean or not) discards the memory first, and then it is read back.
        boolean keep = loaded && fine != null;
        if (!keep) {
            this.fine = new OpenWindows(BandwidthTopology.FINE, context.getStateStore(BandwidthTopology.STORE_5M));
            this.hourly = new OpenWindows(BandwidthTopology.HOURLY, context.getStateStore(BandwidthTopology.STORE_1H));
        }
        this.inventory = context.getStateStore(BandwidthTopology.STORE_INVENTORY);
        this.recentFine = RecentWindows.of(context.getStateStore(RecentWindows.FINE));
        this.recentHourly = RecentWindows.of(context.getStateStore(RecentWindows.HOURLY));
        CommitHook.of(context.getStateStore(BandwidthTopology.STORE_COMMIT_HOOK)).listen(new CommitHook.Listener() {
            @Override
            public void beforeCommit() {
                write();
            }

            @Override
            public void discard() {
                LOG.debug("task {}: memory dropped (its stores closed, or uncommitted work thrown away)", context.taskId());
                loaded = false;
                recentFine.clear();
                recentHourly.clear();
                inventoryLookups.clear();
                stats.countersVersion().changed();
            }
        });
        if (!keep) {
            // Read now rather than at the first record: a task without input still answers from RecentWindows.
            load();
        }
    }

    /** Reads this task's memory back from its stores: at start, and after uncommitted work was dropped. */
    private void load() {
        readings.clear();
        changedReadings.clear();
        progress.clear();
        changedProgress.clear();
        try (KeyValueIterator<String, PollWatermark> all = readingsStore.all()) {
            all.forEachRemaining(kv -> readings.put(kv.key, kv.value));
        }
        try (KeyValueIterator<String, Long> all = progressStore.all()) {
            all.forEachRemaining(kv -> progress.put(kv.key, kv.value));
        }
        Long time = marks.get(STREAM_TIME);
        Long closed5m = marks.get(CLOSED_5M);
        Long closed1h = marks.get(CLOSED_1H);
        streamTime = time == null ? Long.MIN_VALUE : time;
        closedFine = closed5m == null ? Long.MIN_VALUE : closed5m;
        closedHourly = closed1h == null ? Long.MIN_VALUE : closed1h;
        marksChanged = false;
        // Without marks (a new task, or state of a version before them) the windows not closed yet are
        // not known: a fresh store has none; otherwise read the recent ones and look up the others.
        long recent = clock.millis() - BandwidthTopology.FINE_RETENTION.toMillis();
        fine.load(closed5m == null ? recent : closed5m, closed5m != null || progress.isEmpty());
        hourly.load(closed1h == null ? recent : closed1h, closed1h != null || progress.isEmpty());
        build(recentFine, fine, BandwidthTopology.FINE_RETENTION, Map.of());
        build(recentHourly, hourly, RecentWindows.HOURLY_SPAN, progress);
        loaded = true;
        stats.countersVersion().changed();
        LOG.info("task {} read back: {} gateway readings, stream time {}, 5-minute copy {}; hourly copy {}", context.taskId(),
                readings.size(), streamTime == Long.MIN_VALUE ? "none" : Instant.ofEpochMilli(streamTime), recentFine.describe(),
                recentHourly.describe());
    }

    /**
     * Fills {@code recent} with the windows of the last {@code span} (of the clock) in {@code windows}' store,
     * and with the progress marks {@code progress}.
     */
    private void build(RecentWindows recent, OpenWindows windows, Duration span, Map<String, Long> progress) {
        recent.clear();
        long since = clock.millis() - span.toMillis();
        recent.update(() -> {
            windows.forEachStored(since, recent::put);
            progress.forEach(recent::progress);
        });
        recent.built(since);
    }

    @Override
    public void process(Record<String, CounterSnapshot> record) {
        paced.seen();
        if (!loaded) {
            load();
        }
        stats.increment(Counter.SNAPSHOTS);
        String gateway = record.key();
        CounterSnapshot snapshot = record.value();
        if (gateway == null || snapshot == null || snapshot.getSampledAt() == null) {
            stats.increment(Counter.MALFORMED_SNAPSHOTS);
            LOG.warn("dropped counter snapshot without {} (key {}, record time {})",
                    gateway == null ? "a gateway key" : snapshot == null ? "a value" : "sampled_at",
                    gateway, Instant.ofEpochMilli(record.timestamp()));
            return;
        }
        long at = snapshot.getSampledAt().toEpochMilli();
        Long polled = progress.get(gateway);
        if (polled == null || at > polled) {
            progress.put(gateway, at);
            changedProgress.add(gateway);
        }
        if (snapshot.getKind() == SnapshotKind.PROGRESS) {
            stats.increment(Counter.PROGRESS_MARKS);
            return; // no readings: it only says how far the gateway was polled
        }
        CounterReadings.Step step = CounterReadings.apply(gateway, readings.get(gateway), snapshot, stats);
        if (step.next() == null) {
            return;
        }
        readings.put(gateway, step.next());
        changedReadings.add(gateway);
        if (step.delta() != null) {
            add(gateway, step);
            closeWindows();
        }
    }

    private void add(String gateway, CounterReadings.Step step) {
        // An increase over an interval reaching back past the grace (a gateway unread for hours, or
        // behind the others on its partition) would partly land in closed hourly windows and be lost.
        // Its bytes are real, only their timing is unknown, so it is spread from the earliest hour
        // still open instead: no byte leaves the long-term store, and the shift is counted.
        long prior = streamTime;
        long latest = Math.max(prior, step.toMs() - 1);
        long hour = BandwidthTopology.HOURLY.toMillis();
        long earliestOpen = Math.floorDiv(latest - BandwidthTopology.GRACE.toMillis(), hour) * hour;
        long from = step.fromMs();
        long to = step.toMs();
        if (from < earliestOpen) {
            stats.increment(Counter.SHIFTED_DELTAS);
            LOG.warn("delta of {} over ({}, {}] reaches back past the grace ({}): spread from {} instead",
                    gateway, Instant.ofEpochMilli(from), Instant.ofEpochMilli(to), BandwidthTopology.GRACE,
                    Instant.ofEpochMilli(earliestOpen));
            from = earliestOpen;
            to = Math.max(to, earliestOpen + BandwidthTopology.FINE.toMillis());
        }
        RawTotals whole = step.delta();
        long spanBytes = whole.eth0Rx() + whole.eth0Tx() + whole.tunnelRx() + whole.tunnelTx();
        // A piece lies before its window's end, so only what came before this delta can have closed it.
        int late1h = addPieces(hourly, gateway, from, to, whole, spanBytes, prior, Long.MIN_VALUE);
        int late5m = 0;
        long fineSince = clock.millis() - BandwidthTopology.FINE_RETENTION.toMillis();
        if (to > fineSince) {
            late5m = addPieces(fine, gateway, from, to, whole, spanBytes, prior, fineSince);
        }
        streamTime = latest;
        marksChanged = true;
        if (late5m > 0 || late1h > 0) {
            stats.add(Counter.LATE_PIECES_5M, late5m);
            stats.add(Counter.LATE_PIECES_1H, late1h);
            LOG.warn("delta of {} over ({}, {}] ({}) arrived after stream time {}: {} of its 5-minute pieces miss their "
                            + "window and {} of its hourly pieces theirs (grace {})",
                    gateway, Instant.ofEpochMilli(step.fromMs()), Instant.ofEpochMilli(step.toMs()), step.delta(),
                    Instant.ofEpochMilli(prior), late5m, late1h, BandwidthTopology.GRACE);
        }
    }

    /**
     * Adds the pieces of the increase {@code whole} over {@code (from, to]} to {@code windows}, leaving
     * out pieces that end at or before {@code since}; returns how many came too late for their window.
     */
    private int addPieces(OpenWindows windows, String gateway, long from, long to, RawTotals whole, long spanBytes,
                          long prior, long since) {
        long unit = windows.size.toMillis();
        long closedBefore = closedBound(prior, unit);
        int late = 0;
        List<BucketSpread.Piece> pieces = BucketSpread.spread(from, to, whole, windows.size);
        for (BucketSpread.Piece piece : pieces) {
            if (piece.to() <= since) {
                continue;
            }
            if (windows == fine) {
                stats.increment(Counter.DELTA_PIECES);
            }
            long start = windows.windowStart(piece.from());
            if (start < closedBefore) {
                late++;
                continue;
            }
            windows.sum(gateway, start).add(piece.from(), piece.to(), piece.totals(), from, to, spanBytes, unit);
        }
        return late;
    }

    /**
     * Windows of {@code unit} ms that start before the returned bound are closed at {@code time}: their
     * end plus the grace is not after it.
     */
    private static long closedBound(long time, long unit) {
        if (time == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        return Math.floorDiv(time - BandwidthTopology.GRACE.toMillis(), unit) * unit;
    }

    /** Forwards the final result of every window that stream time has closed since the last call. */
    private void closeWindows() {
        long fineBound = closedBound(streamTime, fine.size.toMillis());
        if (fineBound > closedFine) {
            emit(fine.closeBefore(fineBound), fine.size);
            closedFine = fineBound;
        }
        long hourlyBound = closedBound(streamTime, hourly.size.toMillis());
        if (hourlyBound > closedHourly) {
            emit(hourly.closeBefore(hourlyBound), hourly.size);
            closedHourly = hourlyBound;
        }
    }

    private void emit(List<OpenWindows.Closed> closed, Duration size) {
        String granularity = size.toString(); // PT5M, PT1H
        for (OpenWindows.Closed c : closed) {
            Gateway attributes = inventoryLookups.computeIfAbsent(c.gateway(),
                    g -> Optional.ofNullable(inventory.get(g)).map(ValueAndTimestamp::value)).orElse(null);
            stats.increment(Counter.WINDOWS);
            if (attributes == null) {
                stats.increment(Counter.WINDOWS_WITHOUT_INVENTORY);
            }
            SpokeBandwidthWindow window = BandwidthTopology.toWindow(c.gateway(), Instant.ofEpochMilli(c.windowStart()),
                    Instant.ofEpochMilli(c.windowStart() + size.toMillis()), c.sum().raw(), granularity, attributes);
            context.forward(new Record<>(c.gateway(), window, c.sum().timestamp()));
        }
    }

    /** Before every commit: what changed in memory goes to the stores, in the commit's transaction. */
    private void write() {
        inventoryLookups.clear();
        if (!loaded) {
            return;
        }
        // Progress moves with every snapshot processed, readings and windows only with some of them.
        boolean changes = !changedProgress.isEmpty() || !changedReadings.isEmpty() || marksChanged;
        wroteWindows = false;
        recentFine.update(() -> fine.write(copyTo(recentFine)));
        // The hourly copy takes the progress marks with its windows, so a query sees both or neither.
        recentHourly.update(() -> {
            hourly.write(copyTo(recentHourly));
            changedProgress.forEach(gateway -> recentHourly.progress(gateway, progress.get(gateway)));
        });
        for (String gateway : changedReadings) {
            readingsStore.put(gateway, readings.get(gateway));
        }
        changedReadings.clear();
        for (String gateway : changedProgress) {
            progressStore.put(gateway, progress.get(gateway));
        }
        changedProgress.clear();
        if (marksChanged) {
            marks.putAll(List.of(KeyValue.pair(STREAM_TIME, streamTime), KeyValue.pair(CLOSED_5M, closedFine),
                    KeyValue.pair(CLOSED_1H, closedHourly)));
            marksChanged = false;
        }
        if (changes || wroteWindows) {
            stats.countersVersion().changed(); // after every write above: see StateVersion
        }
    }

    /** Copies each window written to {@code recent}, and notes that the {@link #write} under way wrote one. */
    private OpenWindows.Written copyTo(RecentWindows recent) {
        return (gateway, windowStart, sum) -> {
            recent.put(gateway, windowStart, sum);
            wroteWindows = true;
        };
    }
}
