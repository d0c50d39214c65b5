package io.egressmon.ingest.counters;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds up counter snapshots the way design.md's {@code counter-deltas} step does, so tests can
 * compare what ingest wrote with the simulator's truth: per gateway and interface the last reading;
 * {@code v >= l} adds {@code v − l}, {@code v < l} is a reset and adds {@code v}; the first reading
 * adds nothing; null is "not read". A snapshot not later than the gateway's last one only brings
 * first readings of interfaces not seen yet (a new interface's BASELINE at the slice start); else it
 * is a duplicate.
 */
public final class Ledger {
    private final Map<String, Instant> lastAt = new HashMap<>();
    private final Map<String, Map<String, Counters>> last = new HashMap<>();
    private final Map<String, Map<String, long[]>> totals = new TreeMap<>();
    private int duplicates;
    private int resets;
    private int outOfOrder;

    public void apply(Snapshot s) {
        Map<String, Counters> l = last.computeIfAbsent(s.gateway(), k -> new HashMap<>());
        Instant previous = lastAt.get(s.gateway());
        if (previous != null && !s.sampledAt().isAfter(previous)) {
            boolean any = false;
            for (Map.Entry<String, Counters> e : s.interfaces().entrySet()) {
                if (!l.containsKey(e.getKey())) {
                    l.put(e.getKey(), e.getValue());
                    any = true;
                }
            }
            if (!any) {
                duplicates++;
            }
            if (s.sampledAt().isBefore(previous)) {
                outOfOrder++;
            }
            return;
        }
        for (Map.Entry<String, Counters> e : s.interfaces().entrySet()) {
            Counters prev = l.getOrDefault(e.getKey(), new Counters(null, null));
            Counters next = prev;
            boolean reset = false;
            long[] sum = totals.computeIfAbsent(s.gateway(), k -> new TreeMap<>()).computeIfAbsent(e.getKey(), k -> new long[2]);
            for (Metric m : Metric.values()) {
                Long v = e.getValue().get(m);
                if (v == null) {
                    continue;
                }
                Long p = prev.get(m);
                if (p != null) {
                    if (v >= p) {
                        sum[m.ordinal()] += v - p;
                    } else {
                        sum[m.ordinal()] += v;
                        reset = true;
                    }
                }
                next = next.with(m, v);
            }
            if (reset) {
                resets++;
            }
            l.put(e.getKey(), next);
        }
        lastAt.put(s.gateway(), s.sampledAt());
    }

    /** Bytes added up for one gateway's interface and metric. */
    public long total(String gateway, String iface, Metric metric) {
        long[] sum = totals.getOrDefault(gateway, Map.of()).get(iface);
        return sum == null ? 0 : sum[metric.ordinal()];
    }

    /** Per interface: {rx, tx}. */
    public Map<String, long[]> totals(String gateway) {
        return totals.getOrDefault(gateway, Map.of());
    }

    public int duplicates() {
        return duplicates;
    }

    public int resets() {
        return resets;
    }

    /** Snapshots strictly earlier than the gateway's previous one: ingest must never write those. */
    public int outOfOrder() {
        return outOfOrder;
    }
}
