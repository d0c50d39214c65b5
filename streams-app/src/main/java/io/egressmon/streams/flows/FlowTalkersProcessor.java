package io.egressmon.streams.flows;

import io.egressmon.avro.FlowBatch;
import io.egressmon.avro.FlowRecord;
import io.egressmon.avro.TalkerRole;
import io.egressmon.streams.BusyPunctuation;
import io.egressmon.streams.CommitPacer;
import io.egressmon.streams.flows.FlowStats.Counter;
import io.egressmon.streams.talkers.BufferedTalkerStore;
import io.egressmon.streams.talkers.WindowVersions;
import io.egressmon.streams.talkers.StoreKey;
import io.egressmon.streams.talkers.TalkerSettings;
import io.egressmon.streams.talkers.TalkerTable;
import io.egressmon.streams.talkers.TalkerTableSerde;
import io.egressmon.streams.talkers.TimeShares;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
 * proportion to time (its start and end are all that is known). The tables stay deserialized between
 * commits ({@link BufferedTalkerStore}), so a flow costs a few map updates, not a table's round trip.
 */
final class FlowTalkersProcessor implements Processor<String, FlowBatch, Void, Void> {
    private static final long MINUTE = FlowTalkersTopology.MINUTE.toMillis();
    /**
     * IPs the buffers of the three stores hold together over all tasks of an instance (~15 MB of
     * heap for IPv4 addresses, ~50 MB for IPv6, see {@code IpCounts}): the tables a busy instance adds
     * to within a minute, several times over.
     */
    static final long BUFFER_ENTRIES = 500_000;

    private final AddressClass.Classifier classifier;
    private final FlowStats stats;
    private ProcessorContext<Void, Void> context;
    /** Asks for a commit while the instance keeps up (CommitPacer). */
    private CommitPacer.Paced paced;
    /** Drops idle tables from the buffers every 10 s while they hold any. */
    private BusyPunctuation idleTables;
    private final List<Level> levels = new ArrayList<>();

    /**
     * One store, what it counts when a piece comes too late for it, and the batch's two tables in the
     * window last added to (asking the store once per batch and window, not once per flow).
     */
    private static final class Level {
        final BufferedTalkerStore store;
        final long size;
        final Counter late;
        long windowStart = Long.MIN_VALUE;
        BufferedTalkerStore.Adder external;
        BufferedTalkerStore.Adder internal;

        Level(BufferedTalkerStore store, long size, Counter late) {
            this.store = store;
            this.size = size;
            this.late = late;
        }

        void add(Ends ends, long windowStart, String externalIp, String internalIp, long bytes, long packets) {
            if (windowStart != this.windowStart) {
                newBatch();
                this.windowStart = windowStart;
            }
            // An add may drop another table from the buffer (written first): ask again for one dropped.
            if (external == null || !external.live()) {
                external = store.adder(ends.externalKey, windowStart);
            }
            external.add(externalIp, bytes, packets);
            if (internal == null || !internal.live()) {
                internal = store.adder(ends.internalKey, windowStart);
            }
            internal.add(internalIp, bytes, packets);
        }

        void newBatch() {
            windowStart = Long.MIN_VALUE;
            external = null;
            internal = null;
        }
    }

    FlowTalkersProcessor(AddressClass.Classifier classifier, FlowStats stats) {
        this.classifier = classifier;
        this.stats = stats;
    }

    static ProcessorSupplier<String, FlowBatch, Void, Void> supplier(AddressClass.Classifier classifier,
                                                                    TalkerSettings settings, FlowStats stats,
                                                                    WindowVersions versions) {
        BufferedTalkerStore.Budget budget = new BufferedTalkerStore.Budget(BUFFER_ENTRIES);
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, FlowBatch, Void, Void> get() {
                return new FlowTalkersProcessor(classifier, stats);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(
                        windowStore(FlowTalkersTopology.STORE_1M, FlowTalkersTopology.MINUTE_RETENTION,
                                FlowTalkersTopology.MINUTE, settings, budget, versions),
                        windowStore(FlowTalkersTopology.STORE_1H, FlowTalkersTopology.HOURLY_RETENTION,
                                FlowTalkersTopology.HOUR, settings, budget, versions),
                        windowStore(FlowTalkersTopology.STORE_1D, FlowTalkersTopology.DAILY_RETENTION,
                                FlowTalkersTopology.DAY, settings, budget, versions));
            }
        };
    }

    /** Buffered instead of cached: Kafka Streams' record cache would hold the tables as bytes. */
    private static StoreBuilder<WindowStore<String, TalkerTable>> windowStore(String name, Duration retention, Duration size,
                                                                             TalkerSettings settings,
                                                                             BufferedTalkerStore.Budget budget,
                                                                             WindowVersions versions) {
        return BufferedTalkerStore.builder(Stores.windowStoreBuilder(Stores.persistentWindowStore(name, retention, size, false),
                Serdes.String(), new TalkerTableSerde()).withCachingDisabled(), settings.capacity(), budget, n -> { },
                versions.store(name, retention));
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.paced = CommitPacer.attach(context);
        levels.add(level(FlowTalkersTopology.STORE_1M, MINUTE, Counter.LATE_FLOW_PIECES_1M));
        levels.add(level(FlowTalkersTopology.STORE_1H, FlowTalkersTopology.HOUR.toMillis(), Counter.LATE_FLOW_PIECES_1H));
        levels.add(level(FlowTalkersTopology.STORE_1D, FlowTalkersTopology.DAY.toMillis(), Counter.LATE_FLOW_PIECES_1D));
        // Idle tables leave the buffers on the wall clock too: a task without input is never flushed.
        this.idleTables = new BusyPunctuation(context, Duration.ofSeconds(10), now -> {
            boolean buffered = false;
            for (Level level : levels) {
                level.newBatch();
                level.store.dropIdle();
                buffered |= !level.store.bufferEmpty();
            }
            return buffered;
        });
    }

    private Level level(String store, long size, Counter late) {
        return new Level(BufferedTalkerStore.of(context.getStateStore(store)), size, late);
    }

    @Override
    public void process(Record<String, FlowBatch> record) {
        paced.seen();
        idleTables.busy();
        stats.increment(Counter.FLOW_BATCHES);
        String gateway = record.key();
        FlowBatch batch = record.value();
        if (gateway == null || gateway.isBlank() || batch == null || batch.getFlows() == null) {
            stats.increment(Counter.MALFORMED_FLOW_BATCHES);
            return;
        }
        stats.add(Counter.FLOWS, batch.getFlows().size());
        Ends ends = new Ends(new StoreKey(gateway, TalkerRole.EXTERNAL).toString(),
                new StoreKey(gateway, TalkerRole.INTERNAL).toString(), context.currentStreamTimeMs());
        for (Level level : levels) {
            level.newBatch();
        }
        for (FlowRecord flow : batch.getFlows()) {
            add(flow, ends);
        }
    }

    /** The two tables' keys of a batch's gateway, and the stream time that decides what is late. */
    private record Ends(String externalKey, String internalKey, long streamTime) {
    }

    private void add(FlowRecord flow, Ends ends) {
        byte[] src = IpText.bytes(flow.getSrcAddr());
        byte[] dst = IpText.bytes(flow.getDstAddr());
        long start = flow.getStart().toEpochMilli();
        long end = flow.getEnd().toEpochMilli();
        if ((src.length != 4 && src.length != 16) || src.length != dst.length || flow.getBytes() < 0
                || flow.getPackets() < 0 || end < start) {
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
        String externalIp = IpText.of(external);
        String internalIp = IpText.of(internal);
        if (Math.floorDiv(start, MINUTE) == Math.floorDiv(end, MINUTE)) {
            addPiece(ends, Math.floorDiv(start, MINUTE) * MINUTE, externalIp, internalIp, flow.getBytes(), flow.getPackets());
            return;
        }
        List<long[]> bytes = splitByMinute(start, end + 1, flow.getBytes());
        List<long[]> packets = splitByMinute(start, end + 1, flow.getPackets());
        for (int i = 0; i < bytes.size(); i++) {
            addPiece(ends, bytes.get(i)[0], externalIp, internalIp, bytes.get(i)[1], packets.get(i)[1]);
        }
    }

    /** One minute's piece of a flow, to both ends' tables in each store that still takes it. */
    private void addPiece(Ends ends, long minute, String externalIp, String internalIp, long bytes, long packets) {
        for (Level level : levels) {
            long windowStart = Math.floorDiv(minute, level.size) * level.size;
            if (windowStart + level.size <= ends.streamTime - FlowTalkersTopology.GRACE.toMillis()) {
                stats.add(level.late, 2); // one piece per role
                continue;
            }
            level.add(ends, windowStart, externalIp, internalIp, bytes, packets);
        }
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
}
