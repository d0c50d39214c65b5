package io.egressmon.streams.talkers;

import io.egressmon.api.talkers.Ranking;
import io.egressmon.api.talkers.TalkerEntry;
import io.egressmon.api.talkers.TalkerTableData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Collection;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A bounded IP → bytes table of one spoke, role and window (design.md, "FlowIQ top talkers").
 *
 * <p>While it holds at most {@link #capacity()} IPs it is exact. Beyond that it is a weighted
 * Space-Saving summary: a newcomer replaces the smallest entry, starts from that entry's count and
 * carries it as its {@link TalkerEntry#error()}. Every operation keeps two promises, for the true byte
 * count {@code t(ip)} of everything added:
 * <ul>
 *   <li>an IP in the table: {@code bytes − error ≤ t(ip) ≤ bytes};</li>
 *   <li>an IP not in the table: {@code t(ip) ≤ }{@link #missingBound()} (0 while nothing was dropped),
 *       which never exceeds the smallest stored count — so every IP whose true count is above the
 *       table's minimum is in it.</li>
 * </ul>
 * {@link #merge} keeps both promises, so tables of windows, spokes and instances add up in any order;
 * exactly (and then associatively) as long as the sum fits the capacity.
 *
 * <p>{@link #truncated()} is a different caveat: some input came from a FlowIQ answer cut at its
 * {@code size}, so IPs below that cut were never seen, and no bound is known for them.
 *
 * <p>Immutable; "mutators" return a new table.
 */
public final class TalkerTable {
    public static final int DEFAULT_CAPACITY = 4096;

    private final int capacity;
    private final long totalBytes;
    private final long missingBound;
    private final boolean truncated;
    private final Map<String, TalkerEntry> entries;

    private TalkerTable(int capacity, long totalBytes, long missingBound, boolean truncated, Map<String, TalkerEntry> entries) {
        this.capacity = capacity;
        this.totalBytes = totalBytes;
        this.missingBound = missingBound;
        this.truncated = truncated;
        this.entries = entries;
    }

    /** An empty, exact table. */
    public static TalkerTable empty(int capacity) {
        requireCapacity(capacity);
        return new TalkerTable(capacity, 0, 0, false, Map.of());
    }

    /**
     * A table as stored (for serdes and answers from other instances).
     *
     * @throws IllegalArgumentException when the parts cannot form a table (too many entries, an IP twice, negatives)
     */
    public static TalkerTable of(int capacity, long totalBytes, long missingBound, boolean truncated, Collection<TalkerEntry> entries) {
        requireCapacity(capacity);
        if (totalBytes < 0 || missingBound < 0) {
            throw new IllegalArgumentException("negative total (" + totalBytes + ") or missing bound (" + missingBound + ")");
        }
        if (entries.size() > capacity) {
            throw new IllegalArgumentException(entries.size() + " entries exceed the capacity " + capacity);
        }
        Map<String, TalkerEntry> map = new HashMap<>(entries.size() * 2);
        for (TalkerEntry e : entries) {
            if (map.put(e.ip(), e) != null) {
                throw new IllegalArgumentException("IP " + e.ip() + " appears twice");
            }
        }
        return new TalkerTable(capacity, totalBytes, missingBound, truncated, Map.copyOf(map));
    }

    private static void requireCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
    }

    /**
     * This table plus {@code bytes} for {@code ip}.
     *
     * @param truncatedInput the bytes come from a FlowIQ answer that was cut at its size
     */
    public TalkerTable add(String ip, long bytes, boolean truncatedInput) {
        return add(ip, bytes, 0, truncatedInput);
    }

    /**
     * This table plus {@code bytes} and {@code packets} for {@code ip}. Packets follow their IP: a
     * newcomer that replaces the smallest entry starts from its own packets (a lower bound, as its
     * error says it is not exact).
     */
    public TalkerTable add(String ip, long bytes, long packets, boolean truncatedInput) {
        Objects.requireNonNull(ip, "ip");
        if (bytes < 0 || packets < 0) {
            throw new IllegalArgumentException("negative bytes " + bytes + " or packets " + packets + " for " + ip);
        }
        Map<String, TalkerEntry> next = new HashMap<>(entries);
        long missing = missingBound;
        TalkerEntry known = next.get(ip);
        if (known != null) {
            next.put(ip, new TalkerEntry(ip, known.bytes() + bytes, known.error(), known.packets() + packets));
        } else if (next.size() < capacity) {
            // Room left. Only a table made by a trimming merge can have a missing bound here: the
            // newcomer may have had up to that much before.
            next.put(ip, new TalkerEntry(ip, missing + bytes, missing, packets));
        } else {
            TalkerEntry smallest = last(next.values());
            next.remove(smallest.ip());
            next.put(ip, new TalkerEntry(ip, smallest.bytes() + bytes, smallest.bytes(), packets));
            // The evicted IP had at most its stored count; every other absent IP at most the old bound.
            missing = Math.max(missing, smallest.bytes());
        }
        return new TalkerTable(capacity, totalBytes + bytes, missing, truncated || truncatedInput, Map.copyOf(next));
    }

    /** The sum of both tables, trimmed to the larger capacity (see {@link #mergeAll}). */
    public TalkerTable merge(TalkerTable other) {
        return mergeAll(Math.max(capacity, other.capacity), List.of(this, other));
    }

    /**
     * The sum of {@code tables} by IP, trimmed to {@code capacity} keeping the largest counts. An IP
     * missing from one table is counted with that table's missing bound (as bytes and as error), so
     * stored counts stay upper bounds; trimmed IPs raise the result's missing bound to the largest
     * trimmed count. Exact tables whose sum fits are summed exactly.
     *
     * <p>Memory stays within about twice the capacity however many tables there are: the running sum
     * is trimmed whenever it grows beyond that, which keeps both promises too.
     */
    public static TalkerTable mergeAll(int capacity, Iterable<TalkerTable> tables) {
        Merger merger = new Merger(capacity);
        for (TalkerTable t : tables) {
            merger.add(t);
        }
        return merger.result();
    }

    /** A running {@link #mergeAll}, for sums that arrive one table at a time (e.g. from a store iterator). */
    public static final class Merger {
        private final int capacity;
        /** ip → {bytes, error, packets}. */
        private final Map<String, long[]> sums = new HashMap<>();
        private long missing;
        private long total;
        private boolean truncated;
        private long dropped;

        public Merger(int capacity) {
            requireCapacity(capacity);
            this.capacity = capacity;
        }

        public Merger add(TalkerTable t) {
            if (t.missingBound > 0) {
                // IPs summed so far but absent from t may have had up to t's bound in it.
                for (Map.Entry<String, long[]> e : sums.entrySet()) {
                    if (!t.entries.containsKey(e.getKey())) {
                        e.getValue()[0] += t.missingBound;
                        e.getValue()[1] += t.missingBound;
                    }
                }
            }
            for (TalkerEntry e : t.entries.values()) {
                long[] sum = sums.get(e.ip());
                if (sum == null) {
                    sums.put(e.ip(), new long[] {missing + e.bytes(), missing + e.error(), e.packets()});
                } else {
                    sum[0] += e.bytes();
                    sum[1] += e.error();
                    sum[2] += e.packets();
                }
            }
            missing += t.missingBound;
            total += t.totalBytes;
            truncated |= t.truncated;
            if (sums.size() > 2 * capacity) {
                trim();
            }
            return this;
        }

        /**
         * Adds {@code bytes} and {@code packets} of one IP, exactly as adding an exact one-entry table
         * would: a newcomer starts from the running missing bound.
         */
        public Merger add(String ip, long bytes, long packets) {
            Objects.requireNonNull(ip, "ip");
            if (bytes < 0 || packets < 0) {
                throw new IllegalArgumentException("negative bytes " + bytes + " or packets " + packets + " for " + ip);
            }
            long[] sum = sums.get(ip);
            if (sum == null) {
                sums.put(ip, new long[] {missing + bytes, missing, packets});
            } else {
                sum[0] += bytes;
                sum[2] += packets;
            }
            total += bytes;
            if (sums.size() > 2 * capacity) {
                trim();
            }
            return this;
        }

        /**
         * Marks the sum as resting on a FlowIQ answer cut at its size ({@link TalkerTable#truncated()}),
         * as adding a truncated table would.
         */
        public Merger markTruncated() {
            truncated = true;
            return this;
        }

        /** IPs held now: up to twice the capacity between trims. */
        public int size() {
            return sums.size();
        }

        /**
         * IPs trimmed away so far to keep the capacity (an IP trimmed, added again and trimmed again
         * counts twice): what made the sum approximate.
         */
        public long dropped() {
            return dropped;
        }

        /**
         * The sum so far, trimmed to the capacity. The merger goes on from the trimmed sum, as a new
         * merger given the result would.
         */
        public TalkerTable result() {
            trim();
            Map<String, TalkerEntry> entries = new HashMap<>(sums.size() * 2);
            sums.forEach((ip, s) -> entries.put(ip, new TalkerEntry(ip, s[0], s[1], s[2])));
            return new TalkerTable(capacity, total, missing, truncated, Collections.unmodifiableMap(entries));
        }

        /**
         * Keeps the {@code capacity} first by {@link TalkerEntry#RANKING}: the bytes of the
         * capacity-th are selected on a primitive copy (linear on average), and only IPs tied with
         * them are compared by name.
         */
        private void trim() {
            if (sums.size() <= capacity) {
                return;
            }
            int before = sums.size();
            long[] bytes = new long[sums.size()];
            int i = 0;
            for (long[] s : sums.values()) {
                bytes[i++] = s[0];
            }
            int cutIndex = bytes.length - capacity; // ascending order: the smallest count kept
            long cut = CountSelection.select(bytes, cutIndex);
            long firstDropped = CountSelection.select(bytes, cutIndex - 1, 0, cutIndex - 1); // the largest left of the cut
            // One pass drops what is below the cut and gathers the ties; only surplus ties are compared by name.
            int above = 0;
            List<String> tied = new ArrayList<>();
            for (Iterator<Map.Entry<String, long[]>> it = sums.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, long[]> e = it.next();
                long b = e.getValue()[0];
                if (b > cut) {
                    above++;
                } else if (b == cut) {
                    tied.add(e.getKey());
                } else {
                    it.remove();
                }
            }
            if (tied.size() > capacity - above) {
                Collections.sort(tied);
                for (String surplus : tied.subList(capacity - above, tied.size())) {
                    sums.remove(surplus);
                }
            }
            missing = Math.max(missing, firstDropped);
            dropped += before - sums.size();
        }
    }

    /** The {@code n} largest entries, ranked by {@link TalkerEntry#RANKING}. */
    public List<TalkerEntry> top(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, got " + n);
        }
        return entries.values().stream().sorted(TalkerEntry.RANKING).limit(n).toList();
    }

    /** The top {@code n}, with what this table knows about its own accuracy. */
    public Ranking rank(int n) {
        List<TalkerEntry> rows = top(n);
        long bound = missingBound;
        for (TalkerEntry e : rows) {
            bound = Math.max(bound, e.error());
        }
        return new Ranking(!exact() || truncated, bound, truncated, rows);
    }

    /** This table as one instance hands it to another. */
    public TalkerTableData toData() {
        return new TalkerTableData(capacity, totalBytes, missingBound, truncated, entries());
    }

    /** A table handed over by another instance. @throws IllegalArgumentException when it cannot be a table */
    public static TalkerTable of(TalkerTableData data) {
        return of(data.capacity(), data.totalBytes(), data.missingBound(), data.truncated(), data.entries());
    }

    /** All entries, in no particular order (for writing a table, where order does not matter). */
    Collection<TalkerEntry> unranked() {
        return entries.values();
    }

    /** All entries, ranked. */
    public List<TalkerEntry> entries() {
        return top(entries.size());
    }

    public Optional<TalkerEntry> get(String ip) {
        return Optional.ofNullable(entries.get(ip));
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int capacity() {
        return capacity;
    }

    /** Every byte ever added, whether its IP is still in the table or not. */
    public long totalBytes() {
        return totalBytes;
    }

    /** No IP missing from the table had more than this; 0 while nothing was dropped. */
    public long missingBound() {
        return missingBound;
    }

    /** Some input was a FlowIQ answer cut at its size: IPs below the cut were never seen. */
    public boolean truncated() {
        return truncated;
    }

    /** True while nothing was dropped for lack of room: every count is the true one (for the input seen). */
    public boolean exact() {
        return missingBound == 0 && entries.values().stream().allMatch(e -> e.error() == 0);
    }

    /** The largest error of any stored count, or the missing bound if larger. */
    public long errorBound() {
        long max = missingBound;
        for (TalkerEntry e : entries.values()) {
            max = Math.max(max, e.error());
        }
        return max;
    }

    private static TalkerEntry last(Collection<TalkerEntry> entries) {
        TalkerEntry last = null;
        for (TalkerEntry e : entries) {
            if (last == null || TalkerEntry.RANKING.compare(e, last) > 0) {
                last = e;
            }
        }
        return last;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TalkerTable t && capacity == t.capacity && totalBytes == t.totalBytes
                && missingBound == t.missingBound && truncated == t.truncated && entries.equals(t.entries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(capacity, totalBytes, missingBound, truncated, entries);
    }

    @Override
    public String toString() {
        List<TalkerEntry> head = top(5);
        return "TalkerTable{capacity=" + capacity + ", size=" + entries.size() + ", total=" + totalBytes
                + ", missingBound=" + missingBound + (truncated ? ", truncated" : "") + ", top=" + head
                + (entries.size() > head.size() ? " …" : "") + "}";
    }
}
