package io.egressmon.ingest.netflow.exporters;

import io.egressmon.ingest.netflow.DatagramDecoder;
import io.egressmon.ingest.netflow.Dropped;
import io.egressmon.ingest.netflow.Flow;
import io.egressmon.ingest.netflow.FlowSink;
import io.egressmon.ingest.netflow.Malformed;
import io.egressmon.ingest.netflow.exporters.Capture.Datagram;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Feeds captured datagrams to one of our decoders, as the listener will, and adds up what it hands on:
 * per-IP bytes and packets (already scaled by the decoder), the sampling rates it used, its drops, and
 * the datagrams it could not read.
 */
final class SummingSink implements FlowSink {
    private final Totals.Tally tally = new Totals.Tally();
    private final Map<Dropped, Long> dropped = new EnumMap<>(Dropped.class);
    private final Map<Malformed, Long> malformed = new EnumMap<>(Malformed.class);
    private final Set<Long> samplingRates = new TreeSet<>();
    private long flows;

    /** Decodes every datagram in order, as sent from 127.0.0.1. */
    static SummingSink decode(DatagramDecoder decoder, List<Datagram> datagrams) {
        SummingSink sink = new SummingSink();
        InetAddress exporter = InetAddress.getLoopbackAddress();
        for (Datagram d : datagrams) {
            Malformed why = decoder.decode(exporter, ByteBuffer.wrap(d.bytes()), d.receivedAtMs(), sink);
            if (why != null) {
                sink.malformed.merge(why, 1L, Long::sum);
            }
        }
        return sink;
    }

    @Override
    public void flow(InetAddress exporter, Flow flow) {
        flows++;
        samplingRates.add(flow.samplingRate());
        tally.add(flow.srcAddr(), flow.dstAddr(), flow.bytes(), flow.packets());
    }

    @Override
    public void dropped(InetAddress exporter, Dropped reason, long count) {
        dropped.merge(reason, count, Long::sum);
    }

    Totals totals() {
        return tally.totals();
    }

    Map<Malformed, Long> malformed() {
        return Map.copyOf(malformed);
    }

    Map<Dropped, Long> dropped() {
        return Map.copyOf(dropped);
    }

    Set<Long> samplingRates() {
        return Set.copyOf(samplingRates);
    }

    long flows() {
        return flows;
    }
}
