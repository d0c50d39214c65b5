package io.egressmon.streams.talkers;

import io.egressmon.api.talkers.TalkerEntry;
import io.egressmon.avro.RankedTalker;
import io.egressmon.avro.TalkerBytes;
import io.egressmon.avro.TalkerRole;
import io.egressmon.avro.TalkerTopN;
import io.egressmon.schemas.IpClass;
import io.egressmon.streams.BusyPunctuation;
import io.egressmon.streams.CommitPacer;
import io.egressmon.streams.talkers.TalkerStats.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code talkers-aggregate}: adds each {@code TalkerBytes} to its spoke's table for its role in the
 * day and the hour where its slice starts (a slice crossing UTC midnight first split between its days,
 * see {@link #splitAtMidnights}), and writes the final top-N of every hour that closes.
 *
 * <p>Why a processor and not the DSL's windowed aggregation: the tables are kept per
 * {@code gateway|ROLE}, and re-keying a stream for a DSL grouping would repartition it, although all
 * records of a gateway already sit on one partition. Here the record key stays the gateway and only
 * the store keys carry the role. The processor therefore does what the DSL would: windows by
 * {@link TalkersTopology#GRACE}, drops (and counts) records for closed windows, and emits a window's
 * final result once stream time passes its end plus grace — tracking, in {@code talkers-emitted},
 * how far it got, so a restarted task neither repeats nor skips an hour. Store, output and that mark
 * change in one exactly-once transaction.
 *
 * <p>The tables stay deserialized between commits ({@link BufferedTalkerStore}, as the flows part's):
 * a record costs a map update per store, not a table's fetch, copy and put.
 */
final class TalkersProcessor implements Processor<String, TalkerBytes, String, TalkerTopN> {
    private static final Logger LOG = LoggerFactory.getLogger(TalkersProcessor.class);
    private static final String EMITTED_KEY = TalkersTopology.STORE_1H;
    /**
     * IPs the buffers of both stores hold together over all tasks of an instance (~30 bytes of heap
     * each, ~60 MB): every spoke's table of the day and of the hour being added to, for an estate that
     * sees a million distinct IPs a day (each of them at a couple of spokes and roles).
     */
    static final long BUFFER_ENTRIES = 2_000_000;
    private static final String GRANULARITY = TalkersTopology.HOUR.toString(); // PT1H, as bandwidth.spoke-windows

    private final TalkerSettings settings;
    private final TalkerStats stats;
    private ProcessorContext<String, TalkerTopN> context;
    /** Asks for a commit while the instance keeps up (CommitPacer). */
    private CommitPacer.Paced paced;
    /** Drops idle tables from the buffers every 10 s while they hold any. */
    private BusyPunctuation idleTables;
    private WindowStore<String, TalkerTable> hourly;
    private Level hours;
    private Level days;
    private KeyValueStore<String, Long> emitted;
    /**
     * Per gateway, what this task knows of its progress marks (by {@link Progress} ordinal; {@link #UNREAD}
     * before the store was asked, {@link #NO_MARK} when it had none), its tables' store keys and the
     * tables last added to in each store (by role ordinal): a slice's thousand records read the store
     * once, make no string and find their table without a lookup.
     */
    private final Map<String, Gateway> gateways = new HashMap<>();
    private static final long UNREAD = Long.MIN_VALUE;
    private static final long NO_MARK = Long.MIN_VALUE + 1;

    private static final class Gateway {
        final long[] marks = new long[Progress.values().length];
        final String[] keys = new String[TalkerRole.values().length];
        final BufferedTalkerStore.Adder[][] tables = new BufferedTalkerStore.Adder[2][TalkerRole.values().length];

        Gateway() {
            Arrays.fill(marks, UNREAD);
        }
    }
    /** Up to which hour the final top-N are written ({@link #EMITTED_KEY}), once read; null = not read yet. */
    private Long emittedUntil;

    /** One store, what it counts when a record comes too late for it, and its index in {@link Gateway#tables}. */
    private record Level(BufferedTalkerStore store, Duration size, Counter late, int index) {
    }

    TalkersProcessor(TalkerSettings settings, TalkerStats stats) {
        this.settings = settings;
        this.stats = stats;
    }

    static ProcessorSupplier<String, TalkerBytes, String, TalkerTopN> supplier(TalkerSettings settings, TalkerStats stats,
                                                                              WindowVersions versions) {
        BufferedTalkerStore.Budget budget = new BufferedTalkerStore.Budget(BUFFER_ENTRIES);
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, TalkerBytes, String, TalkerTopN> get() {
                return new TalkersProcessor(settings, stats);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(
                        windowStore(TalkersTopology.STORE_1H, TalkersTopology.HOURLY_RETENTION, TalkersTopology.HOUR,
                                settings, budget, stats, versions),
                        windowStore(TalkersTopology.STORE_1D, TalkersTopology.DAILY_RETENTION, TalkersTopology.DAY,
                                settings, budget, stats, versions),
                        StampedKeyValueStore.builder(Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(TalkersTopology.STORE_EMITTED), Serdes.String(), Serdes.Long()),
                                versions.store(TalkersTopology.STORE_EMITTED)));
            }
        };
    }

    /**
     * Buffered instead of cached: Kafka Streams' record cache holds the tables as bytes, so every
     * record would deserialize, copy and serialize its table whole. A table reaches RocksDB and the
     * changelog once per commit either way. IPs a trim drops from a full table count as evictions.
     */
    private static StoreBuilder<WindowStore<String, TalkerTable>> windowStore(String name, Duration retention, Duration size,
                                                                             TalkerSettings settings,
                                                                             BufferedTalkerStore.Budget budget, TalkerStats stats,
                                                                             WindowVersions versions) {
        return BufferedTalkerStore.builder(Stores.windowStoreBuilder(Stores.persistentWindowStore(name, retention, size, false),
                        Serdes.String(), new TalkerTableSerde()).withCachingDisabled(), settings.capacity(), budget,
                n -> stats.add(Counter.TALKER_EVICTIONS, n), versions.store(name, retention));
    }

    @Override
    public void init(ProcessorContext<String, TalkerTopN> context) {
        this.context = context;
        this.paced = CommitPacer.attach(context);
        this.hourly = context.getStateStore(TalkersTopology.STORE_1H);
        this.hours = new Level(BufferedTalkerStore.of(hourly), TalkersTopology.HOUR, Counter.LATE_TALKER_RECORDS_1H, 0);
        this.days = new Level(BufferedTalkerStore.of(context.getStateStore(TalkersTopology.STORE_1D)), TalkersTopology.DAY,
                Counter.LATE_TALKER_RECORDS_1D, 1);
        this.emitted = context.getStateStore(TalkersTopology.STORE_EMITTED);
        // A revived task may have rolled its store back.
        this.gateways.clear();
        this.emittedUntil = null;
        // Idle tables leave the buffers on the wall clock too: a task without input is never flushed.
        this.idleTables = new BusyPunctuation(context, Duration.ofSeconds(10), now -> {
            hours.store().dropIdle();
            days.store().dropIdle();
            return !hours.store().bufferEmpty() || !days.store().bufferEmpty();
        });
    }

    @Override
    public void process(Record<String, TalkerBytes> record) {
        paced.seen();
        idleTables.busy();
        stats.increment(Counter.TALKER_RECORDS);
        long streamTime = context.currentStreamTimeMs();
        try {
            aggregate(record, streamTime);
        } finally {
            emitClosedHours(streamTime);
        }
    }

    private void aggregate(Record<String, TalkerBytes> record, long streamTime) {
        String gateway = record.key();
        TalkerBytes v = record.value();
        String problem = problemOf(gateway, v);
        if (problem != null) {
            stats.increment(Counter.MALFORMED_TALKER_RECORDS);
            warnSometimes(stats.get(Counter.MALFORMED_TALKER_RECORDS), "skipped talker record {}: {} (key {}, record time {})",
                    "malformed", problem, gateway, Instant.ofEpochMilli(record.timestamp()));
            return;
        }
        long ip;
        try {
            // One entry per address (FlowIQ could write 010.0.0.1), so a table never holds an IP twice.
            // Canonical text, what FlowIQ writes, is read without the general parser's garbage.
            ip = IpCounts.ipv4(v.getIp());
            if (ip < 0) {
                ip = IpClass.parseIpv4(v.getIp());
            }
        } catch (IllegalArgumentException e) {
            stats.increment(Counter.TALKER_BAD_IPS);
            warnSometimes(stats.get(Counter.TALKER_BAD_IPS), "skipped talker record {}: {} (gateway {}, slice {})",
                    "with a bad IP", e.getMessage(), gateway, v.getSliceStart());
            return;
        }
        if (v.getTruncated()) {
            stats.increment(Counter.TRUNCATED_TALKER_RECORDS);
        }
        Gateway known = gateways.computeIfAbsent(gateway, g -> new Gateway());
        String key = known.keys[v.getRole().ordinal()];
        if (key == null) {
            key = known.keys[v.getRole().ordinal()] = new StoreKey(gateway, v.getRole()).toString();
        }
        long sliceStart = v.getSliceStart().toEpochMilli();
        long sliceEnd = v.getSliceEnd().toEpochMilli();
        mark(Progress.DATA_UNTIL, known, gateway, sliceEnd);
        if (sliceEnd - sliceStart > TalkersTopology.HOUR.toMillis()) {
            mark(Progress.COARSE_UNTIL, known, gateway, sliceEnd);
        }
        for (long[] piece : splitAtMidnights(sliceStart, sliceEnd, v.getBytes())) {
            add(hours, known, key, piece[0], streamTime, ip, piece[1], v);
            add(days, known, key, piece[0], streamTime, ip, piece[1], v);
        }
    }

    /**
     * {@code bytes} of the slice {@code [start, end)} as pieces {@code {piece start, piece bytes}},
     * one per UTC day the slice touches, in proportion to time (the bytes add up exactly). A slice
     * within one day is one piece. The ingest's backfill slices are a day long but start on the hour,
     * so most straddle a midnight: without the split a day's window would hold part of the next day,
     * and a period of whole days would be off by up to a day of traffic at each edge. Within a piece
     * nothing is known about when the bytes flowed: steady traffic is assumed, as for the counters'
     * coarse readings.
     */
    static List<long[]> splitAtMidnights(long start, long end, long bytes) {
        return TimeShares.split(start, end, bytes, TalkersTopology.DAY.toMillis());
    }

    /**
     * Moves a gateway's progress mark forward to {@code at} (never back). The marks share the store
     * of {@code talkers-emitted}: they change with the tables in the same exactly-once transaction.
     */
    private void mark(Progress progress, Gateway known, String gateway, long at) {
        int i = progress.ordinal();
        if (known.marks[i] == UNREAD) {
            Long stored = emitted.get(progress.key(gateway));
            known.marks[i] = stored == null ? NO_MARK : stored;
        }
        if (at > known.marks[i]) {
            emitted.put(progress.key(gateway), at);
            known.marks[i] = at;
        }
    }

    /** Null when the record can be aggregated, else what is wrong with it. */
    static String problemOf(String gateway, TalkerBytes v) {
        if (gateway == null || gateway.isBlank()) {
            return "no gateway key";
        }
        if (v == null) {
            return "no value";
        }
        if (!gateway.equals(v.getGateway())) {
            // The key decides the partition, the value names the spoke: which one is right is unknown.
            return "key '" + gateway + "' is not the record's gateway '" + v.getGateway() + "'";
        }
        if (v.getRole() == null || v.getSliceStart() == null || v.getSliceEnd() == null) {
            return "no role, slice start or slice end";
        }
        if (!v.getSliceEnd().isAfter(v.getSliceStart())) {
            return "slice end " + v.getSliceEnd() + " is not after its start " + v.getSliceStart();
        }
        if (v.getBytes() < 0) {
            return "negative bytes " + v.getBytes();
        }
        return null;
    }

    private void add(Level level, Gateway known, String key, long timestamp, long streamTime, long ip, long bytes, TalkerBytes v) {
        long size = level.size().toMillis();
        long windowStart = Math.floorDiv(timestamp, size) * size;
        if (windowStart + size <= streamTime - TalkersTopology.GRACE.toMillis()) {
            stats.increment(level.late());
            warnSometimes(stats.get(level.late()), "talker record {}: {} of slice {} arrived at stream time {}, after its {} "
                    + "window {} closed (grace {})", "late", key, v.getSliceStart(), Instant.ofEpochMilli(streamTime),
                    level.size(), Instant.ofEpochMilli(windowStart), TalkersTopology.GRACE);
            return;
        }
        int role = v.getRole().ordinal();
        BufferedTalkerStore.Adder table = known.tables[level.index()][role];
        if (table == null || table.windowStart() != windowStart || !table.live()) {
            table = known.tables[level.index()][role] = level.store().adder(key, windowStart);
        }
        table.addIpv4(ip, bytes, 0);
        if (v.getTruncated()) {
            table.markTruncated();
        }
    }

    /**
     * Writes the top-N of every hour that closed since the last call (or since before the restart).
     * Called for every record, so it costs a comparison until stream time passes another hour; then
     * it reads the closed hours through the store's own methods, which write their buffered tables
     * first (only theirs).
     */
    private void emitClosedHours(long streamTime) {
        long hour = TalkersTopology.HOUR.toMillis();
        // A window is closed once its end ≤ stream time − grace; closed windows start before this bound.
        long bound = Math.floorDiv(streamTime - TalkersTopology.GRACE.toMillis(), hour) * hour;
        if (emittedUntil == null) {
            emittedUntil = emitted.get(EMITTED_KEY);
        }
        Long last = emittedUntil;
        if (last != null && bound <= last) {
            return;
        }
        long oldest = bound - TalkersTopology.HOURLY_RETENTION.toMillis();
        long from = last == null ? oldest : Math.max(last, oldest);
        List<Record<String, TalkerTopN>> out = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, TalkerTable> closed = hourly.fetchAll(from, bound - 1)) {
            while (closed.hasNext()) {
                KeyValue<Windowed<String>, TalkerTable> kv = closed.next();
                StoreKey keyed = StoreKey.parse(kv.key.key());
                long end = kv.key.window().end();
                out.add(new Record<>(keyed.gateway(), topN(keyed, kv.key.window().startTime(), Instant.ofEpochMilli(end),
                        kv.value), end));
            }
        }
        for (Record<String, TalkerTopN> r : out) {
            context.forward(r);
            stats.increment(Counter.TALKER_TOP_N);
        }
        emitted.put(EMITTED_KEY, bound);
        emittedUntil = bound;
    }

    private TalkerTopN topN(StoreKey key, Instant start, Instant end, TalkerTable table) {
        List<RankedTalker> entries = new ArrayList<>();
        int rank = 1;
        for (TalkerEntry e : table.top(settings.topN())) {
            entries.add(new RankedTalker(rank++, e.ip(), e.bytes(), IpClass.isCgnat(e.ip())));
        }
        return new TalkerTopN(key.gateway(), key.role(), GRANULARITY, start, end, entries);
    }

    /**
     * A WARN for the 1st, 2nd, 4th, 8th… occurrence: a flood of bad records is visible without
     * drowning the log; every one is counted on {@code /health}.
     */
    private static void warnSometimes(long count, String format, String what, Object... args) {
        if (Long.bitCount(count) == 1) {
            Object[] all = new Object[args.length + 1];
            all[0] = what;
            System.arraycopy(args, 0, all, 1, args.length);
            LOG.warn(format + " [" + count + " " + what + " so far]", all);
        }
    }
}
