package io.egressmon.ingest.netflow;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Data sets that came before their template, copied and kept per exporter until it comes: exporters
 * send templates only now and then (softflowd once, Open vSwitch every ten minutes), so a collector that
 * starts, or loses a datagram, sees data first. At most {@code holdLimit} per exporter, each for at most
 * {@code holdTime}; the ones pushed out or expired are counted {@link Dropped#NO_TEMPLATE}, one per set.
 */
final class HeldSets {
    /** One data set waiting for template {@code templateId} of its export's domain. */
    record Held(ExportContext export, int templateId, byte[] set, long heldAtMs) {
        ByteBuffer buffer() {
            return ByteBuffer.wrap(set);
        }
    }

    private final int limit;
    private final long holdMs;
    private final Map<InetAddress, ArrayDeque<Held>> byExporter = new HashMap<>();
    private int size;
    private long lastSweepMs = Long.MIN_VALUE / 2;

    HeldSets(DecoderSettings settings) {
        this.limit = settings.holdLimit();
        this.holdMs = settings.holdTime().toMillis();
    }

    /** Keeps a copy of {@code b[from, to)}, the records of a data set for the unknown {@code templateId}. */
    void hold(ExportContext export, int templateId, ByteBuffer b, int from, int to, long nowMs, FlowSink sink) {
        if (limit == 0) {
            sink.dropped(export.exporter(), Dropped.NO_TEMPLATE, 1);
            return;
        }
        ArrayDeque<Held> held = byExporter.computeIfAbsent(export.exporter(), e -> new ArrayDeque<>());
        if (held.size() >= limit) {
            held.removeFirst();
            size--;
            sink.dropped(export.exporter(), Dropped.NO_TEMPLATE, 1);
        }
        byte[] set = new byte[to - from];
        b.get(from, set);
        held.addLast(new Held(export, templateId, set, nowMs));
        size++;
    }

    /** Takes out, oldest first, the sets waiting for the template just defined. */
    List<Held> release(InetAddress exporter, ExportProtocol protocol, long domain, int templateId) {
        ArrayDeque<Held> held = byExporter.get(exporter);
        if (held == null) {
            return List.of();
        }
        List<Held> released = new ArrayList<>();
        for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
            Held h = it.next();
            if (h.templateId() == templateId && h.export().domain() == domain && h.export().protocol() == protocol) {
                released.add(h);
                it.remove();
                size--;
            }
        }
        if (held.isEmpty()) {
            byExporter.remove(exporter);
        }
        return released;
    }

    /** Drops the sets held longer than the hold time, counting them per exporter; looks at most once a second. */
    void expire(long nowMs, FlowSink sink) {
        if (size == 0 || nowMs >= lastSweepMs && nowMs - lastSweepMs < 1000) {
            return;
        }
        lastSweepMs = nowMs;
        for (Iterator<Map.Entry<InetAddress, ArrayDeque<Held>>> it = byExporter.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<InetAddress, ArrayDeque<Held>> e = it.next();
            ArrayDeque<Held> held = e.getValue();
            long expired = 0;
            for (Iterator<Held> h = held.iterator(); h.hasNext(); ) {
                if (nowMs - h.next().heldAtMs() > holdMs) {
                    h.remove();
                    expired++;
                }
            }
            if (expired > 0) {
                size -= expired;
                sink.dropped(e.getKey(), Dropped.NO_TEMPLATE, expired);
            }
            if (held.isEmpty()) {
                it.remove();
            }
        }
    }

    /** How many sets wait, over all exporters. */
    int size() {
        return size;
    }
}
