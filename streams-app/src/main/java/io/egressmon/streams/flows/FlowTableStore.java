package io.egressmon.streams.flows;

import io.egressmon.streams.MemoryStore;
import io.egressmon.streams.UnloggedStoreBuilder;
import io.egressmon.api.flows.FlowAggregation;
import io.egressmon.api.flows.FlowFilter;
import io.egressmon.api.flows.FlowRow;
import io.egressmon.api.flows.FlowWindow;
import io.egressmon.api.flows.FlowsRequest;
import io.egressmon.avro.FlowBatch;
import io.egressmon.avro.FlowRecord;
import io.egressmon.avro.FlowTableEntry;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * {@code flow-table}: the flows of one partition received in the last {@link FlowWindow#LONGEST}, by
 * the second they arrived at the collector, summed per flow (gateway, exporter, addresses, ports,
 * protocol) within a second. In memory only, without a changelog: a live view that a restarted
 * instance fills again from new flows, and says so ({@link Part#coveredFromMs()}); the talker stores
 * keep what must survive. The tables of an instance's partitions share a bound of entries: past it,
 * the adding table drops its oldest seconds and covers less than five minutes, which answers over the
 * longer windows say. Read with
 * {@link FlowTableQuery} through interactive queries; the stream thread adds and query threads read
 * under the store's lock.
 */
public final class FlowTableStore extends MemoryStore {
    public static final String NAME = "flow-table";
    private static final long SECOND = 1000;
    private static final long KEPT = FlowWindow.LONGEST.toMillis();

    /** One flow's identity within a second. Addresses are 4 or 16 bytes. */
    private static final class FlowKey {
        final String gateway;
        final String exporter;
        final byte[] src;
        final byte[] dst;
        final int srcPort;
        final int dstPort;
        final int protocol;
        private final int hash;

        FlowKey(String gateway, String exporter, byte[] src, byte[] dst, int srcPort, int dstPort, int protocol) {
            this.gateway = gateway;
            this.exporter = exporter;
            this.src = src;
            this.dst = dst;
            this.srcPort = srcPort;
            this.dstPort = dstPort;
            this.protocol = protocol;
            // Written out: Objects.hash would box and allocate for every flow of every batch.
            int h = gateway.hashCode();
            h = 31 * h + exporter.hashCode();
            h = 31 * h + Arrays.hashCode(src);
            h = 31 * h + Arrays.hashCode(dst);
            h = 31 * h + srcPort;
            h = 31 * h + dstPort;
            this.hash = 31 * h + protocol;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FlowKey k && hash == k.hash && srcPort == k.srcPort && dstPort == k.dstPort
                    && protocol == k.protocol && gateway.equals(k.gateway) && exporter.equals(k.exporter)
                    && Arrays.equals(src, k.src) && Arrays.equals(dst, k.dst);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * One partition's answer: rows collapsed on the request's wildcarded columns, sorted and cut at its
     * limit when no other partition's rows can collapse with them
     * ({@link FlowAggregation#disjointByPartition}); {@code totalRows} counts them before any cut.
     *
     * @param coveredFromMs from this second on, every flow the partition received is in the table
     */
    public record Part(long coveredFromMs, long matchedFlows, long totalRows, List<FlowRow> rows) {
    }

    private final long maxFlows;
    private final AtomicLong used;
    private final Clock clock;
    private final FlowStats stats;
    /** second (epoch ms) → flow → {bytes, packets, records, first start ms, last end ms}; guarded by this. */
    private final TreeMap<Long, Map<FlowKey, long[]>> seconds = new TreeMap<>();
    private long entries;
    private long coveredFromMs = Long.MAX_VALUE;

    /**
     * @param maxFlows entries all tables sharing {@code used} may hold together
     * @param used     their running count
     */
    FlowTableStore(long maxFlows, AtomicLong used, Clock clock, FlowStats stats) {
        super(NAME);
        if (maxFlows < 1) {
            throw new IllegalArgumentException("maxFlows must be at least 1, got " + maxFlows);
        }
        this.maxFlows = maxFlows;
        this.used = Objects.requireNonNull(used, "used");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.stats = Objects.requireNonNull(stats, "stats");
    }

    /** A builder of this store, whose tables share a bound of {@code maxFlows}: in memory, no changelog, no cache. */
    static StoreBuilder<FlowTableStore> builder(long maxFlows, Clock clock, FlowStats stats) {
        AtomicLong used = new AtomicLong();
        return new UnloggedStoreBuilder<>(NAME, () -> new FlowTableStore(maxFlows, used, clock, stats));
    }

    /** Adds {@code batch}'s flows, received at its {@code received_at}, as flows of {@code gateway}. */
    synchronized void add(String gateway, FlowBatch batch) {
        long second = Math.floorDiv(batch.getReceivedAt().toEpochMilli(), SECOND) * SECOND;
        Map<FlowKey, long[]> flows = seconds.computeIfAbsent(second, s -> new HashMap<>());
        String exporter = batch.getExporter() == null ? "" : batch.getExporter();
        for (FlowRecord f : batch.getFlows()) {
            byte[] src = IpText.bytes(f.getSrcAddr());
            byte[] dst = IpText.bytes(f.getDstAddr());
            if ((src.length != 4 && src.length != 16) || src.length != dst.length || f.getBytes() < 0 || f.getPackets() < 0) {
                continue; // counted once, as bad_flows, by the talkers' processor of the same record
            }
            FlowKey key = new FlowKey(gateway, exporter, src, dst, f.getSrcPort(), f.getDstPort(), f.getIpProtocol());
            long[] sums = flows.get(key);
            long start = f.getStart().toEpochMilli();
            long end = f.getEnd().toEpochMilli();
            if (sums == null) {
                flows.put(key, new long[] {f.getBytes(), f.getPackets(), 1, start, end});
                entries++;
                used.incrementAndGet();
            } else {
                addTo(sums, f.getBytes(), f.getPackets(), 1, start, end);
            }
        }
        // Against this host's clock as well: one batch stamped far ahead (a collector's clock, a bogus
        // time) must not expire every current second.
        dropOld(Math.min(seconds.lastKey(), clock.millis()) - KEPT);
    }

    /** Whether it holds no flow. */
    synchronized boolean isEmpty() {
        return seconds.isEmpty();
    }

    /** Drops what is older than five minutes by this host's clock: an idle table gives its entries back. */
    synchronized void expire() {
        dropOld(clock.millis() - KEPT);
    }

    /** Adds to {@code sum} ({bytes, packets, records, first start, last end}), which is returned. */
    private static long[] addTo(long[] sum, long bytes, long packets, long records, long first, long last) {
        sum[0] += bytes;
        sum[1] += packets;
        sum[2] += records;
        sum[3] = Math.min(sum[3], first);
        sum[4] = Math.max(sum[4], last);
        return sum;
    }

    /** Drops the seconds before {@code keepFrom}, then the oldest until the table fits its bound. */
    private void dropOld(long keepFrom) {
        for (Iterator<Map.Entry<Long, Map<FlowKey, long[]>>> it = seconds.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Map<FlowKey, long[]>> oldest = it.next();
            boolean expired = oldest.getKey() < keepFrom;
            if (!expired && (used.get() <= maxFlows || seconds.size() == 1)) {
                return;
            }
            entries -= oldest.getValue().size();
            used.addAndGet(-oldest.getValue().size());
            if (!expired) {
                // Dropped for room: the table no longer covers that second.
                coveredFromMs = Math.max(coveredFromMs, oldest.getKey() + SECOND);
                stats.add(FlowStats.Counter.FLOW_TABLE_DROPPED, oldest.getValue().size());
            }
            it.remove();
        }
    }

    /** The flows received in {@code [toMs − window, toMs)} that pass the filter, collapsed. */
    synchronized Part part(FlowsRequest request, long toMs) {
        long window = request.window().length().toMillis();
        FlowFilter filter = request.filter();
        FlowAggregation.Collapser collapser = new FlowAggregation.Collapser(request.aggregate(), window / SECOND);
        long matched = 0;
        NavigableMap<Long, Map<FlowKey, long[]>> in = seconds.subMap(toMs - window, true, toMs, false);
        Map<byte[], String> texts = new HashMap<>(); // identity: one address object per flow key
        for (Map<FlowKey, long[]> flows : in.values()) {
            for (Map.Entry<FlowKey, long[]> e : flows.entrySet()) {
                FlowKey k = e.getKey();
                if (!filter.matches(k.gateway, k.exporter, k.src, k.dst, k.srcPort, k.dstPort, k.protocol)) {
                    continue;
                }
                long[] s = e.getValue();
                matched += s[2];
                collapser.add(k.gateway, texts.computeIfAbsent(k.src, IpText::of), texts.computeIfAbsent(k.dst, IpText::of),
                        k.srcPort, k.dstPort, k.protocol, s[0], s[1], s[2], Instant.ofEpochMilli(s[3]), Instant.ofEpochMilli(s[4]));
            }
        }
        List<FlowRow> rows = collapser.rows();
        return new Part(coveredFromMs, matched, rows.size(), FlowAggregation.disjointByPartition(request.aggregate())
                ? FlowAggregation.top(rows, request.sort(), request.descending(), request.limit()) : rows);
    }

    /**
     * The flows received in {@code [fromMs, toMs)}, summed per flow across its seconds, per gateway; and
     * whether the table covers the whole of it.
     */
    synchronized Window window(long fromMs, long toMs) {
        Map<String, Map<FlowKey, long[]>> byGateway = new TreeMap<>();
        for (Map<FlowKey, long[]> flows : seconds.subMap(fromMs, true, toMs, false).values()) {
            flows.forEach((k, s) -> byGateway.computeIfAbsent(k.gateway, g -> new HashMap<>())
                    .merge(k, s.clone(), (sum, more) -> addTo(sum, more[0], more[1], more[2], more[3], more[4])));
        }
        Map<String, List<FlowTableEntry>> entries = new TreeMap<>();
        byGateway.forEach((gateway, flows) -> {
            List<FlowTableEntry> list = new ArrayList<>(flows.size());
            flows.forEach((k, s) -> list.add(new FlowTableEntry(k.exporter, ByteBuffer.wrap(k.src), ByteBuffer.wrap(k.dst),
                    k.srcPort, k.dstPort, k.protocol, s[0], s[1], s[2], Instant.ofEpochMilli(s[3]), Instant.ofEpochMilli(s[4]))));
            entries.put(gateway, list);
        });
        return new Window(coveredFromMs <= fromMs, entries);
    }

    /** A window's flows per gateway, and whether every flow the partition received in it is there. */
    record Window(boolean complete, Map<String, List<FlowTableEntry>> flows) {
    }


    @Override
    public synchronized void init(StateStoreContext context, StateStore root) {
        clear();
        // The first whole second after the start: earlier ones may have missed flows.
        coveredFromMs = Math.floorDiv(clock.millis(), SECOND) * SECOND + SECOND;
        super.init(context, root);
    }

    @Override
    public synchronized void close() {
        super.close();
        clear();
    }

    private void clear() {
        seconds.clear();
        used.addAndGet(-entries);
        entries = 0;
    }



    @Override
    @SuppressWarnings("unchecked")
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        if (!(query instanceof FlowTableQuery q)) {
            return QueryResult.forUnknownQueryType(query, this);
        }
        QueryResult<R> result = (QueryResult<R>) QueryResult.forResult(part(q.request(), q.toMs()));
        result.setPosition(Position.emptyPosition());
        return result;
    }

}
