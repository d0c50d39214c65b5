package io.egressmon.ingest.netflow;

import io.egressmon.avro.ExportFormat;
import io.egressmon.avro.FlowBatch;
import io.egressmon.avro.FlowRecord;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects the flows of one datagram (and of any held sets it released) into one {@link FlowBatch}:
 * the record shape of topic {@code flows.records}. One per listener thread.
 */
final class BatchSink implements FlowSink {
    private final CollectorStats stats;
    private final Map<String, InterfaceCounters> lastCounters;
    /** The Avro enum of each wire format, by ordinal (no name lookup per flow). */
    private static final ExportFormat[] FORMATS = formats();
    private final List<FlowRecord> flows = new ArrayList<>();
    private ExportFormat format;

    BatchSink(CollectorStats stats, Map<String, InterfaceCounters> lastCounters) {
        this.stats = stats;
        this.lastCounters = lastCounters;
    }

    @Override
    public void flow(InetAddress exporter, Flow f) {
        if (format == null) {
            format = FORMATS[f.protocol().ordinal()];
        }
        flows.add(new FlowRecord(ByteBuffer.wrap(f.srcAddr().getAddress()), ByteBuffer.wrap(f.dstAddr().getAddress()),
                f.srcPort(), f.dstPort(), f.ipProtocol(), f.bytes(), f.packets(), f.samplingRate(),
                java.time.Instant.ofEpochMilli(f.startMs()), java.time.Instant.ofEpochMilli(f.endMs()), f.domain(),
                f.inputIf(), f.outputIf(), f.tcpFlags()));
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

    /** The batch of what was collected since the last call, or null when no flow was; starts a new one. */
    FlowBatch drain(InetAddress exporter, String gateway, long receivedAtMs) {
        if (flows.isEmpty()) {
            return null;
        }
        FlowBatch batch = new FlowBatch(exporter.getHostAddress(), gateway, format,
                java.time.Instant.ofEpochMilli(receivedAtMs), new ArrayList<>(flows));
        flows.clear();
        format = null;
        return batch;
    }

    private static ExportFormat[] formats() {
        ExportFormat[] out = new ExportFormat[ExportProtocol.values().length];
        for (ExportProtocol p : ExportProtocol.values()) {
            out[p.ordinal()] = ExportFormat.valueOf(p.name());
        }
        return out;
    }

    /** For the collector: a shared, concurrent place for the latest interface counters. */
    static Map<String, InterfaceCounters> counterTable() {
        return new ConcurrentHashMap<>();
    }
}
