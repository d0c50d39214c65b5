package io.egressmon.streams.query;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * Values kept with the versions they were made from, least recently used dropped first once their
 * weights add up beyond a bound. A value is handed out only for the very versions it was kept with.
 * Thread-safe; values are made outside of it, so two threads may make the same one at once (the
 * later one is kept).
 */
final class VersionedLru<K, V> {
    private record Kept<V>(long[] versions, V value, long weight) {
    }

    private final long maxWeight;
    private final ToLongFunction<V> weigher;
    /** Least recently used first. */
    private final LinkedHashMap<K, Kept<V>> kept = new LinkedHashMap<>(64, 0.75f, true);
    private long weight;

    /**
     * @param maxWeight what the kept values may weigh together (one heavier value alone is not kept)
     * @param weigher   a value's weight (at least 1 is counted)
     */
    VersionedLru(long maxWeight, ToLongFunction<V> weigher) {
        if (maxWeight < 1) {
            throw new IllegalArgumentException("maxWeight must be at least 1, got " + maxWeight);
        }
        this.maxWeight = maxWeight;
        this.weigher = Objects.requireNonNull(weigher, "weigher");
    }

    /** The value kept for {@code key} if it was made from exactly {@code versions}, else null. */
    synchronized V get(K key, long[] versions) {
        Kept<V> k = kept.get(key);
        return k != null && Arrays.equals(k.versions, versions) ? k.value : null;
    }

    /** Keeps {@code value}, made from {@code versions} (not copied: not to be changed after), for {@code key}. */
    synchronized void put(K key, long[] versions, V value) {
        long w = Math.max(1, weigher.applyAsLong(value));
        Kept<V> old = kept.remove(key);
        if (old != null) {
            weight -= old.weight;
        }
        if (w > maxWeight) {
            return;
        }
        kept.put(key, new Kept<>(versions, value, w));
        weight += w;
        Iterator<Map.Entry<K, Kept<V>>> eldest = kept.entrySet().iterator();
        while (weight > maxWeight && eldest.hasNext()) {
            weight -= eldest.next().getValue().weight;
            eldest.remove();
        }
    }

    /** Values kept now. */
    synchronized int size() {
        return kept.size();
    }

    /** Their weight together. */
    synchronized long weight() {
        return weight;
    }
}
