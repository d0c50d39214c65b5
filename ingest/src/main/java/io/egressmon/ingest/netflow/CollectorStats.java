package io.egressmon.ingest.netflow;

import java.net.InetAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the collector received, per exporter: every datagram counted once, as decoded or as malformed
 * by reason; flows written; records dropped by reason; and what Kafka refused. Written by the
 * listener threads, read by {@code /health} and, as totals, by {@code /metrics} ({@link CollectorMetrics}).
 */
public final class CollectorStats {
    private final Map<InetAddress, Exporter> exporters = new ConcurrentHashMap<>();
    /** Batches Kafka did not accept (the producer's callback reported an error), and their flows. */
    public final AtomicLong failedBatches = new AtomicLong(), failedFlows = new AtomicLong();
    /** Datagrams a decoder threw on (a bug, logged): also counted malformed. */
    public final AtomicLong decoderErrors = new AtomicLong();
    /** Batches and flows Kafka acknowledged. */
    public final AtomicLong writtenBatches = new AtomicLong(), writtenFlows = new AtomicLong();

    /** One exporter's counts. */
    public static final class Exporter {
        final AtomicLong datagrams = new AtomicLong();
        final AtomicLong decoded = new AtomicLong();
        final AtomicLong flows = new AtomicLong();
        final AtomicLongArray malformed = new AtomicLongArray(Malformed.values().length);
        final AtomicLongArray dropped = new AtomicLongArray(Dropped.values().length);

        public long datagrams() {
            return datagrams.get();
        }

        public long decoded() {
            return decoded.get();
        }

        public long flows() {
            return flows.get();
        }

        public long malformed(Malformed reason) {
            return malformed.get(reason.ordinal());
        }

        public long dropped(Dropped reason) {
            return dropped.get(reason.ordinal());
        }

        /** Datagrams, decoded, flows, then every non-zero malformed and dropped count by reason (lower case). */
        public Map<String, Long> asMap() {
            Map<String, Long> m = new java.util.LinkedHashMap<>();
            m.put("datagrams", datagrams());
            m.put("decoded", decoded());
            m.put("flows", flows());
            for (Malformed r : Malformed.values()) {
                if (malformed(r) > 0) {
                    m.put("malformed_" + r.name().toLowerCase(java.util.Locale.ROOT), malformed(r));
                }
            }
            for (Dropped r : Dropped.values()) {
                if (dropped(r) > 0) {
                    m.put("dropped_" + r.name().toLowerCase(java.util.Locale.ROOT), dropped(r));
                }
            }
            return m;
        }
    }

    /** The counts of {@code exporter}, created on its first datagram. */
    public Exporter exporter(InetAddress exporter) {
        return exporters.computeIfAbsent(exporter, e -> new Exporter());
    }

    void received(InetAddress exporter, Malformed outcome) {
        Exporter e = exporter(exporter);
        e.datagrams.incrementAndGet();
        if (outcome == null) {
            e.decoded.incrementAndGet();
        } else {
            e.malformed.incrementAndGet(outcome.ordinal());
        }
    }

    void flows(InetAddress exporter, int n) {
        exporter(exporter).flows.addAndGet(n);
    }

    void dropped(InetAddress exporter, Dropped reason, long n) {
        exporter(exporter).dropped.addAndGet(reason.ordinal(), n);
    }

    /** {@code count} summed over all exporters (for {@code /metrics}: no per-exporter label there). */
    public long sum(java.util.function.ToLongFunction<Exporter> count) {
        long sum = 0;
        for (Exporter e : exporters.values()) {
            sum += count.applyAsLong(e);
        }
        return sum;
    }

    /** How many exporters have sent a datagram. */
    public int exporterCount() {
        return exporters.size();
    }

    /** Totals over all exporters: datagrams, decoded, malformed and dropped by reason, flows. */
    public Map<String, Long> totals() {
        Map<String, Long> sum = new TreeMap<>();
        for (Exporter e : exporters.values()) {
            e.asMap().forEach((k, v) -> sum.merge(k, v, Long::sum));
        }
        sum.putIfAbsent("datagrams", 0L);
        sum.put("written_flows", writtenFlows.get());
        sum.put("failed_flows", failedFlows.get());
        return sum;
    }

    /** Per exporter address (text), its counts. */
    public Map<String, Map<String, Long>> byExporter() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        exporters.forEach((a, e) -> out.put(a.getHostAddress(), e.asMap()));
        return out;
    }

    /** Malformed datagrams over all exporters, by reason. */
    public Map<Malformed, Long> malformed() {
        Map<Malformed, Long> out = new EnumMap<>(Malformed.class);
        for (Malformed r : Malformed.values()) {
            out.put(r, exporters.values().stream().mapToLong(e -> e.malformed(r)).sum());
        }
        return out;
    }
}
