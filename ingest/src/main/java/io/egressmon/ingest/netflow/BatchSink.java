package io.egressmon.ingest.netflow;

import io.egressmon.avro.ExportFormat;
import io.egressmon.avro.FlowBatch;
import io.egressmon.avro.FlowRecord;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Collects an exporter's flows into short batches — one {@link FlowBatch}, the record shape of topic
 * {@code flows.records}, per exporter and at most {@link #MAX_FLOWS} flows or {@link #LINGER_MS} ms —
 * so a busy exporter's datagrams share Kafka records and the streams app updates its tables once per
 * batch rather than once per datagram. One per listener thread.
 */
final class BatchSink implements FlowSink {
    /** Flows per record at most: ~40 KB of Avro. */
    static final int MAX_FLOWS = 1_000;
    /** How long a batch waits for more flows of its exporter. */
    static final long LINGER_MS = 100;
    /** The Avro enum of each wire format, by ordinal (no name lookup per flow). */
    private static final ExportFormat[] FORMATS = formats();

    private final CollectorStats stats;
    private final Map<String, InterfaceCounters> lastCounters;
    private final Function<InetAddress, String> gatewayOf;
    private final Map<InetAddress, Pending> pending = new LinkedHashMap<>();
    private final List<FlowBatch> full = new ArrayList<>();
    private long receivedAtMs;
    private long sweptAtMs;
    private int added;

    /** One exporter's batch in the making. */
    private static final class Pending {
        final ExportFormat format;
        final long since;
        final List<FlowRecord> flows = new ArrayList<>();

        Pending(ExportFormat format, long since) {
            this.format = format;
            this.since = since;
        }
    }

    /** @param gatewayOf the gateway of an exporter, empty for none (asked when its batch closes) */
    BatchSink(CollectorStats stats, Map<String, InterfaceCounters> lastCounters, Function<InetAddress, String> gatewayOf) {
        this.stats = stats;
        this.lastCounters = lastCounters;
        this.gatewayOf = gatewayOf;
    }

    /** The receive time of the datagram about to be decoded (a new batch starts at it). */
    void receiving(long receivedAtMs) {
        this.receivedAtMs = receivedAtMs;
        this.added = 0;
    }

    /** Flows handed on since {@link #receiving}. */
    int added() {
        return added;
    }

    @Override
    public void flow(InetAddress exporter, Flow f) {
        ExportFormat format = FORMATS[f.protocol().ordinal()];
        Pending batch = pending.get(exporter);
        if (batch != null && batch.format != format) { // one format per record: close the other one
            full.add(close(exporter, pending.remove(exporter)));
            batch = null;
        }
        if (batch == null) {
            batch = new Pending(format, receivedAtMs);
            pending.put(exporter, batch);
        }
        batch.flows.add(new FlowRecord(ByteBuffer.wrap(f.srcAddr().getAddress()), ByteBuffer.wrap(f.dstAddr().getAddress()),
                f.srcPort(), f.dstPort(), f.ipProtocol(), f.bytes(), f.packets(), f.samplingRate(),
                Instant.ofEpochMilli(f.startMs()), Instant.ofEpochMilli(f.endMs()), f.domain(),
                f.inputIf(), f.outputIf(), f.tcpFlags()));
        added++;
        if (batch.flows.size() >= MAX_FLOWS) {
            full.add(close(exporter, pending.remove(exporter)));
        }
    }

    @Override
    public void dropped(InetAddress exporter, Dropped reason, long count) {
        stats.dropped(exporter, reason, count);
    }

    /** Keeps the latest sample per agent and interface (exposed on {@code /health}). */
    @Override
    public void interfaceCounters(InetAddress exporter, InterfaceCounters counters) {
        lastCounters.put(exporter.getHostAddress() + "/" + counters.ifIndex(), counters);
    }

    /**
     * The batches to write now: the full ones, and those that waited {@link #LINGER_MS} by
     * {@code nowMs} (all of them when {@code everything}, at close). The waiting batches are looked
     * at no more than every tenth of the linger, not after every datagram: with many exporters that
     * look would otherwise be the listener's hot path.
     */
    List<FlowBatch> due(long nowMs, boolean everything) {
        List<FlowBatch> out = new ArrayList<>(full);
        full.clear();
        if (everything || nowMs - sweptAtMs >= LINGER_MS / 10) {
            sweptAtMs = nowMs;
            for (Iterator<Map.Entry<InetAddress, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<InetAddress, Pending> e = it.next();
                if (everything || nowMs - e.getValue().since >= LINGER_MS) {
                    out.add(close(e.getKey(), e.getValue()));
                    it.remove();
                }
            }
        }
        return out;
    }

    private FlowBatch close(InetAddress exporter, Pending batch) {
        return new FlowBatch(exporter.getHostAddress(), gatewayOf.apply(exporter), batch.format,
                Instant.ofEpochMilli(batch.since), batch.flows);
    }

    private static ExportFormat[] formats() {
        ExportFormat[] out = new ExportFormat[ExportProtocol.values().length];
        for (ExportProtocol p : ExportProtocol.values()) {
            out[p.ordinal()] = ExportFormat.valueOf(p.name());
        }
        return out;
    }
}
