package io.egressmon.api.flows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * ovs-flowmon's aggregates: wildcarding a column collapses the rows that are equal on every other
 * column into one, their bytes, packets and flows summed (and so their rates: a rate is the bytes over
 * the same window). Collapsing twice, or partial results of instances, gives the same rows as once.
 */
public final class FlowAggregation {
    private FlowAggregation() {
    }

    /** The key of a row once {@code wildcard}'s columns are blanked. */
    private record Key(String gateway, String srcAddr, String dstAddr, Integer srcPort, Integer dstPort, Integer protocol) {
        static Key of(FlowRow r, Set<FlowColumn> wildcard) {
            return new Key(wildcard.contains(FlowColumn.GATEWAY) ? null : r.gateway(),
                    wildcard.contains(FlowColumn.SRC_ADDR) ? null : r.srcAddr(),
                    wildcard.contains(FlowColumn.DST_ADDR) ? null : r.dstAddr(),
                    wildcard.contains(FlowColumn.SRC_PORT) ? null : r.srcPort(),
                    wildcard.contains(FlowColumn.DST_PORT) ? null : r.dstPort(),
                    wildcard.contains(FlowColumn.PROTOCOL) ? null : r.protocol());
        }
    }

    /** Sums of one collapsed row. */
    private static final class Sum {
        long bytes;
        long packets;
        long flows;
        Instant first;
        Instant last;

        void add(long bytes, long packets, long flows, Instant first, Instant last) {
            this.bytes += bytes;
            this.packets += packets;
            this.flows += flows;
            this.first = this.first == null || first.isBefore(this.first) ? first : this.first;
            this.last = this.last == null || last.isAfter(this.last) ? last : this.last;
        }
    }

    /** A running collapse, for rows that arrive one at a time (a store's flows, instances' partials). */
    public static final class Collapser {
        private final Set<FlowColumn> wildcard;
        private final long windowSeconds;
        private final Map<Key, Sum> sums = new LinkedHashMap<>();

        public Collapser(Set<FlowColumn> wildcard, long windowSeconds) {
            this.wildcard = Set.copyOf(wildcard);
            if (windowSeconds < 1) {
                throw new IllegalArgumentException("a window lasts at least 1 s, got " + windowSeconds);
            }
            this.windowSeconds = windowSeconds;
        }

        public Collapser add(FlowRow row) {
            sums.computeIfAbsent(Key.of(row, wildcard), k -> new Sum())
                    .add(row.bytes(), row.packets(), row.flows(), row.firstSeen(), row.lastSeen());
            return this;
        }

        /** One flow record, without building a row first (the store's hot path). */
        public Collapser add(String gateway, String srcAddr, String dstAddr, int srcPort, int dstPort, int protocol,
                             long bytes, long packets, long flows, Instant first, Instant last) {
            Key key = new Key(wildcard.contains(FlowColumn.GATEWAY) ? null : gateway,
                    wildcard.contains(FlowColumn.SRC_ADDR) ? null : srcAddr,
                    wildcard.contains(FlowColumn.DST_ADDR) ? null : dstAddr,
                    wildcard.contains(FlowColumn.SRC_PORT) ? null : srcPort,
                    wildcard.contains(FlowColumn.DST_PORT) ? null : dstPort,
                    wildcard.contains(FlowColumn.PROTOCOL) ? null : protocol);
            sums.computeIfAbsent(key, k -> new Sum()).add(bytes, packets, flows, first, last);
            return this;
        }

        /** The collapsed rows, in no particular order. */
        public List<FlowRow> rows() {
            List<FlowRow> rows = new ArrayList<>(sums.size());
            sums.forEach((k, s) -> rows.add(FlowRow.of(k.gateway, k.srcAddr, k.dstAddr, k.srcPort, k.dstPort, k.protocol,
                    s.bytes, s.packets, s.flows, s.first, s.last, windowSeconds)));
            return rows;
        }
    }

    /** {@code rows} collapsed on {@code wildcard}'s columns, in no particular order. */
    public static List<FlowRow> collapse(Collection<FlowRow> rows, Set<FlowColumn> wildcard, long windowSeconds) {
        Collapser c = new Collapser(wildcard, windowSeconds);
        rows.forEach(c::add);
        return c.rows();
    }

    /**
     * The first {@code limit} of {@code rows} in {@code sort}'s order: a bounded heap, not a sort of all
     * of them (a live table may hold 100 000 rows for a view of 50).
     */
    public static List<FlowRow> top(Collection<FlowRow> rows, FlowSort sort, boolean descending, int limit) {
        Comparator<FlowRow> order = sort.comparator(descending);
        PriorityQueue<FlowRow> kept = new PriorityQueue<>(Math.min(limit, rows.size()) + 1, order.reversed());
        for (FlowRow r : rows) {
            kept.add(r);
            if (kept.size() > limit) {
                kept.poll(); // the last in order
            }
        }
        List<FlowRow> out = new ArrayList<>(kept);
        out.sort(order);
        return out;
    }

    /**
     * Whether rows of different partitions can never collapse together: they can only when the gateway
     * (the partitioning key) is wildcarded. Then each partition may sort and cut its own rows.
     */
    public static boolean disjointByPartition(Set<FlowColumn> wildcard) {
        return !wildcard.contains(FlowColumn.GATEWAY);
    }
}
