package io.egressmon.streams.query;

import io.egressmon.api.talkers.RoleRankings;
import io.egressmon.api.talkers.RoleTableData;
import io.egressmon.api.talkers.TalkersPartial;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a global answer (all spokes, no group, no per-spoke rows) takes from the partials: the ranking
 * of all their tables merged, and their progress marks — those of gateways with data in the period
 * folded into the oldest, the others kept apart, since they count only for spokes of the inventory
 * ({@link TalkersAnswers#global}).
 *
 * @param ranking     the top of all tables merged
 * @param dataUntil   the oldest mark of a gateway with data, or null
 * @param withoutData the marks of gateways without data in the period
 */
record GlobalParts(RoleRankings ranking, Instant dataUntil, Map<String, Instant> withoutData) {

    static GlobalParts of(Collection<TalkersPartial> partials, int capacity, int top) {
        Set<String> withData = new HashSet<>();
        List<RoleTableData> tables = new ArrayList<>();
        for (TalkersPartial p : partials) {
            withData.addAll(p.gateways());
            tables.addAll(p.groups().values());
        }
        Instant until = null;
        Map<String, Instant> others = new TreeMap<>();
        for (TalkersPartial p : partials) {
            for (Map.Entry<String, Instant> e : p.dataUntil().entrySet()) {
                if (!withData.contains(e.getKey())) {
                    others.merge(e.getKey(), e.getValue(), (a, b) -> a.isBefore(b) ? a : b);
                } else if (until == null || e.getValue().isBefore(until)) {
                    until = e.getValue();
                }
            }
        }
        return new GlobalParts(TalkersAnswers.merge(tables, capacity).rank(top), until, Collections.unmodifiableMap(others));
    }

    /**
     * The parts of the last few lists of partials, made again only for other partial objects: the
     * partials this instance answers from what it keeps ({@link GlobalTalkers}) are the same objects
     * every time, so this is an identity check, not a comparison of thousands of entries. Partials
     * from other instances are new objects every time. Thread-safe.
     */
    static final class Kept {
        private static final long[] NO_VERSIONS = new long[0];

        private final VersionedLru<SameObjects, GlobalParts> kept;
        private final LongAdder hits = new LongAdder();
        private final LongAdder misses = new LongAdder();

        /** @param size how many lists of partials to keep the parts of */
        Kept(int size) {
            kept = new VersionedLru<>(size, parts -> 1);
        }

        GlobalParts of(List<TalkersPartial> partials, int capacity, int top) {
            SameObjects key = new SameObjects(partials.toArray(), capacity, top);
            GlobalParts parts = kept.get(key, NO_VERSIONS);
            if (parts != null) {
                hits.increment();
                return parts;
            }
            misses.increment();
            parts = GlobalParts.of(partials, capacity, top);
            kept.put(key, NO_VERSIONS, parts);
            return parts;
        }

        long hits() {
            return hits.sum();
        }

        long misses() {
            return misses.sum();
        }
    }

    /** Some objects, equal only to the very same objects in the same order (and the same numbers). */
    private static final class SameObjects {
        private final Object[] objects;
        private final int capacity;
        private final int top;

        SameObjects(Object[] objects, int capacity, int top) {
            this.objects = objects;
            this.capacity = capacity;
            this.top = top;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof SameObjects t) || t.capacity != capacity || t.top != top || t.objects.length != objects.length) {
                return false;
            }
            for (int i = 0; i < objects.length; i++) {
                if (t.objects[i] != objects[i]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = 31 * capacity + top;
            for (Object o : objects) {
                h = 31 * h + System.identityHashCode(o);
            }
            return h;
        }
    }
}
