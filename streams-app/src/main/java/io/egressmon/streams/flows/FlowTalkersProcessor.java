package io.egressmon.streams.flows;

import io.egressmon.api.talkers.TalkerEntry;
import io.egressmon.avro.FlowBatch;
import io.egressmon.avro.FlowRecord;
import io.egressmon.avro.TalkerRole;
import io.egressmon.streams.flows.FlowStats.Counter;
import io.egressmon.streams.talkers.StoreKey;
import io.egressmon.streams.talkers.TalkerSettings;
import io.egressmon.streams.talkers.TalkerTable;
import io.egressmon.streams.talkers.TalkerTableSerde;
import io.egressmon.streams.talkers.TimeShares;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * {@code flow-talkers-aggregate}: adds each egress flow of a batch to its gateway's talker tables in
 * the minute, hour and day it flowed in. An egress flow has one internal and one public end, either
 * way round: the public end is an EXTERNAL talker, the internal end an INTERNAL one (the same two
 * lists as FlowIQ's four sub-queries give). A flow spanning minutes is split between them in
 * proportion to time (its start and end are all that is known). A batch is first summed per minute,
 * role and IP, so a table is read and written once per batch, not once per flow.
 */
final class FlowTalkersProcessor implements Processor<String, FlowBatch, Void, Void> {
    private static final long MINUTE = FlowTalkersTopology.MINUTE.toMillis();

    private final AddressClass.Classifier classifier;
    private final TalkerSettings settings;
    private final FlowStats stats;
    private ProcessorContext<Void, Void> context;
    private final List<Level> levels = new ArrayList<>();

    /** One store and what it counts when a piece comes too late for it. */
    private record Level(WindowStore<String, TalkerTable> store, long size, Counter late) {
    }

    FlowTalkersProcessor(AddressClass.Classifier classifier, TalkerSettings settings, FlowStats stats) {
        this.classifier = classifier;
        this.settings = settings;
        this.stats = stats;
    }

    static ProcessorSupplier<String, FlowBatch, Void, Void> supplier(AddressClass.Classifier classifier,
                                                                    TalkerSettings settings, FlowStats stats) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, FlowBatch, Void, Void> get() {
                return new FlowTalkersProcessor(classifier, settings, stats);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(
                        windowStore(FlowTalkersTopology.STORE_1M, FlowTalkersTopology.MINUTE_RETENTION, FlowTalkersTopology.MINUTE),
                        windowStore(FlowTalkersTopology.STORE_1H, FlowTalkersTopology.HOURLY_RETENTION, FlowTalkersTopology.HOUR),
                        windowStore(FlowTalkersTopology.STORE_1D, FlowTalkersTopology.DAILY_RETENTION, FlowTalkersTopology.DAY));
            }
        };
    }

    /** Cached: a table updated by many batches in a row reaches RocksDB and the changelog once per commit. */
    private static StoreBuilder<WindowStore<String, TalkerTable>> windowStore(String name, Duration retention, Duration size) {
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(name, retention, size, false),
                Serdes.String(), new TalkerTableSerde()).withCachingEnabled();
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        levels.add(new Level(context.getStateStore(FlowTalkersTopology.STORE_1M), MINUTE, Counter.LATE_FLOW_PIECES_1M));
        levels.add(new Level(context.getStateStore(FlowTalkersTopology.STORE_1H), FlowTalkersTopology.HOUR.toMillis(),
                Counter.LATE_FLOW_PIECES_1H));
        levels.add(new Level(context.getStateStore(FlowTalkersTopology.STORE_1D), FlowTalkersTopology.DAY.toMillis(),
                Counter.LATE_FLOW_PIECES_1D));
    }

    @Override
    public void process(Record<String, FlowBatch> record) {
        stats.increment(Counter.FLOW_BATCHES);
        String gateway = record.key();
        FlowBatch batch = record.value();
        if (gateway == null || gateway.isBlank() || batch == null || batch.getFlows() == null) {
            stats.increment(Counter.MALFORMED_FLOW_BATCHES);
            return;
        }
        stats.add(Counter.FLOWS, batch.getFlows().size());
        // minute → gateway|ROLE → ip → {bytes, packets}
        Map<Long, Map<String, Map<String, long[]>>> sums = new TreeMap<>();
        for (FlowRecord flow : batch.getFlows()) {
            sum(gateway, flow, sums);
        }
        long streamTime = context.currentStreamTimeMs();
        sums.forEach((minute, byKey) -> byKey.forEach((key, ips) -> {
            TalkerTable piece = tableOf(ips);
            for (Level level : levels) {
                add(level, key, minute, piece, streamTime);
            }
        }));
    }

    private void sum(String gateway, FlowRecord flow, Map<Long, Map<String, Map<String, long[]>>> sums) {
        byte[] src = bytes(flow.getSrcAddr());
        byte[] dst = bytes(flow.getDstAddr());
        long start = flow.getStart().toEpochMilli();
        long end = flow.getEnd().toEpochMilli();
        if ((src.length != 4 && src.length != 16) || src.length != dst.length || flow.getBytes() < 0 || end < start) {
            stats.increment(Counter.BAD_FLOWS);
            return;
        }
        AddressClass from = classifier.of(src);
        AddressClass to = classifier.of(dst);
        byte[] external;
        byte[] internal;
        if (from == AddressClass.INTERNAL && to == AddressClass.PUBLIC) {
            internal = src;
            external = dst;
        } else if (from == AddressClass.PUBLIC && to == AddressClass.INTERNAL) {
            internal = dst;
            external = src;
        } else {
            stats.increment(Counter.OTHER_FLOWS);
            return;
        }
        stats.increment(Counter.EGRESS_FLOWS);
        String externalKey = new StoreKey(gateway, TalkerRole.EXTERNAL).toString();
        String internalKey = new StoreKey(gateway, TalkerRole.INTERNAL).toString();
        String externalIp = IpText.of(external);
        String internalIp = IpText.of(internal);
        List<long[]> bytes = splitByMinute(start, end + 1, flow.getBytes());
        List<long[]> packets = splitByMinute(start, end + 1, flow.getPackets());
        for (int i = 0; i < bytes.size(); i++) {
            Map<String, Map<String, long[]>> byKey = sums.computeIfAbsent(bytes.get(i)[0], m -> new HashMap<>());
            add(byKey.computeIfAbsent(externalKey, k -> new HashMap<>()), externalIp, bytes.get(i)[1], packets.get(i)[1]);
            add(byKey.computeIfAbsent(internalKey, k -> new HashMap<>()), internalIp, bytes.get(i)[1], packets.get(i)[1]);
        }
    }

    private static void add(Map<String, long[]> ips, String ip, long bytes, long packets) {
        long[] sum = ips.computeIfAbsent(ip, k -> new long[2]);
        sum[0] += bytes;
        sum[1] += packets;
    }

    /**
     * {@code amount} (bytes or packets) of {@code [start, end)} as {@code {minute start, amount}}
     * pieces in proportion to time ({@link TimeShares}).
     */
    static List<long[]> splitByMinute(long start, long end, long amount) {
        List<long[]> pieces = TimeShares.split(start, end, amount, MINUTE);
        for (long[] piece : pieces) {
            piece[0] = Math.floorDiv(piece[0], MINUTE) * MINUTE;
        }
        return pieces;
    }

    private TalkerTable tableOf(Map<String, long[]> ips) {
        if (ips.size() <= settings.capacity()) {
            List<TalkerEntry> entries = new ArrayList<>(ips.size());
            long total = 0;
            for (Map.Entry<String, long[]> e : ips.entrySet()) {
                entries.add(new TalkerEntry(e.getKey(), e.getValue()[0], 0, e.getValue()[1]));
                total += e.getValue()[0];
            }
            return TalkerTable.of(settings.capacity(), total, 0, false, entries);
        }
        TalkerTable table = TalkerTable.empty(settings.capacity());
        for (Map.Entry<String, long[]> e : ips.entrySet()) {
            table = table.add(e.getKey(), e.getValue()[0], e.getValue()[1], false);
        }
        return table;
    }

    private void add(Level level, String key, long minute, TalkerTable piece, long streamTime) {
        long windowStart = Math.floorDiv(minute, level.size) * level.size;
        if (windowStart + level.size <= streamTime - FlowTalkersTopology.GRACE.toMillis()) {
            stats.increment(level.late);
            return;
        }
        TalkerTable table = level.store.fetch(key, windowStart);
        level.store.put(key, table == null ? piece : table.merge(piece), windowStart);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
