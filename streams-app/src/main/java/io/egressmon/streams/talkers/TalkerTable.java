package io.egressmon.streams.talkers;

import io.egressmon.api.talkers.Ranking;
import io.egressmon.api.talkers.TalkerEntry;
import io.egressmon.api.talkers.TalkerTableData;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A bounded IP → bytes table of one spoke, role and window (design.md, "FlowIQ top talkers").
 *
 * <p>While it holds at most {@link #capacity()} IPs it is exact. Beyond that it keeps the largest
 * counts: a {@link Merger} sums what it is given and trims to the capacity (keeping the largest, ties
 * by IP), and an IP that comes after a trim starts from the largest count trimmed so far, which it
 * carries as its {@link TalkerEntry#error()} ({@link #add} instead replaces the smallest entry, as
 * Space-Saving does). Every operation keeps two promises, for the true byte count {@code t(ip)} of
 * everything added:
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
 * <p>Immutable; "mutators" return a new table. The counts are kept in flat arrays ({@link IpCounts});
 * {@link TalkerEntry}s are made when asked for.
 */
public final class TalkerTable {
    public static final int DEFAULT_CAPACITY = 4096;

    private final int capacity;
    private final long totalBytes;
    private final long missingBound;
    private final boolean truncated;
    /** Never changed: a copy of a merger's counts, or filled once when read. */
    private final IpCounts counts;

    private TalkerTable(int capacity, long totalBytes, long missingBound, boolean truncated, IpCounts counts) {
        this.capacity = capacity;
        this.totalBytes = totalBytes;
        this.missingBound = missingBound;
        this.truncated = truncated;
        this.counts = counts;
    }

    /** An empty, exact table. */
    public static TalkerTable empty(int capacity) {
        requireCapacity(capacity);
        return new TalkerTable(capacity, 0, 0, false, new IpCounts());
    }

    /**
     * A table as stored (for serdes and answers from other instances).
     *
     * @throws IllegalArgumentException when the parts cannot form a table (too many entries, an IP twice, negatives)
     */
    public static TalkerTable of(int capacity, long totalBytes, long missingBound, boolean truncated, Collection<TalkerEntry> entries) {
        Reader reader = reader(capacity, totalBytes, missingBound, truncated, entries.size());
        for (TalkerEntry e : entries) {
            reader.entry(e.ip(), e.bytes(), e.error(), e.packets());
        }
        return reader.table();
    }

    /**
     * Builds a table entry by entry, checking it as {@link #of(int, long, long, boolean, Collection)}
     * does (for the serde, which reads entries one at a time).
     *
     * @param expectedEntries how many entries will come (room is made for them)
     */
    static Reader reader(int capacity, long totalBytes, long missingBound, boolean truncated, long expectedEntries) {
        requireCapacity(capacity);
        if (totalBytes < 0 || missingBound < 0) {
            throw new IllegalArgumentException("negative total (" + totalBytes + ") or missing bound (" + missingBound + ")");
        }
        if (expectedEntries > capacity) {
            throw new IllegalArgumentException(expectedEntries + " entries exceed the capacity " + capacity);
        }
        return new Reader(capacity, totalBytes, missingBound, truncated, IpCounts.withRoomFor((int) expectedEntries));
    }

    /**
     * See {@link #reader}. The table is made from the counts once they are complete, so it is
     * immutable in the Java memory model's sense too (final fields), whichever thread reads it.
     */
    static final class Reader {
        private final int capacity;
        private final long totalBytes;
        private final long missingBound;
        private final boolean truncated;
        private final IpCounts counts;

        private Reader(int capacity, long totalBytes, long missingBound, boolean truncated, IpCounts counts) {
            this.capacity = capacity;
            this.totalBytes = totalBytes;
            this.missingBound = missingBound;
            this.truncated = truncated;
            this.counts = counts;
        }

        /** @throws IllegalArgumentException when the entry is impossible, the IP came before, or the table is full */
        Reader entry(String ip, long bytes, long error, long packets) {
            Objects.requireNonNull(ip, "ip");
            if (bytes < 0 || error < 0 || error > bytes || packets < 0) {
                throw new IllegalArgumentException("entry " + ip + ": need 0 ≤ error (" + error + ") ≤ bytes (" + bytes
                        + ") and packets (" + packets + ") ≥ 0");
            }
            if (counts.size() == capacity) {
                throw new IllegalArgumentException("more entries than the capacity " + capacity);
            }
            int before = counts.size();
            int slot = counts.slotOf(ip);
            if (counts.size() == before) {
                throw new IllegalArgumentException("IP " + ip + " appears twice");
            }
            counts.addBytes(slot, bytes);
            counts.addError(slot, error);
            counts.addPackets(slot, packets);
            return this;
        }

        TalkerTable table() {
            return new TalkerTable(capacity, totalBytes, missingBound, truncated, counts);
        }
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
     * This table plus {@code bytes} and {@code packets} for {@code ip}, Space-Saving style: a
     * newcomer to a full table replaces the smallest entry and starts from its count. Packets follow
     * their IP: such a newcomer starts from its own packets (a lower bound, as its error says it is
     * not exact). Copies the table: for building tables, not for streams of adds (use a {@link Merger}).
     */
    public TalkerTable add(String ip, long bytes, long packets, boolean truncatedInput) {
        Objects.requireNonNull(ip, "ip");
        if (bytes < 0 || packets < 0) {
            throw new IllegalArgumentException("negative bytes " + bytes + " or packets " + packets + " for " + ip);
        }
        IpCounts next = counts.copy();
        long missing = missingBound;
        int known = next.find(ip);
        if (known >= 0) {
            next.addBytes(known, bytes);
            next.addPackets(known, packets);
        } else if (next.size() < capacity) {
            // Room left. Only a table made by a trimming merge can have a missing bound here: the
            // newcomer may have had up to that much before.
            int slot = next.slotOf(ip);
            next.addBytes(slot, missing + bytes);
            next.addError(slot, missing);
            next.addPackets(slot, packets);
        } else {
            int smallest = last(next);
            long smallestBytes = next.bytes(smallest);
            next.retain(slot -> slot != smallest);
            int slot = next.slotOf(ip);
            next.addBytes(slot, smallestBytes + bytes);
            next.addError(slot, smallestBytes);
            next.addPackets(slot, packets);
            // The evicted IP had at most its stored count; every other absent IP at most the old bound.
            missing = Math.max(missing, smallestBytes);
        }
        return new TalkerTable(capacity, totalBytes + bytes, missing, truncated || truncatedInput, next);
    }

    /** The slot of the entry ranked last: the smallest count, of those the largest IP. */
    private static int last(IpCounts counts) {
        int last = -1;
        for (int s = 0; s < counts.slots(); s++) {
            if (counts.used(s) && (last < 0 || counts.bytes(s) < counts.bytes(last)
                    || (counts.bytes(s) == counts.bytes(last) && counts.ip(s).compareTo(counts.ip(last)) > 0))) {
                last = s;
            }
        }
        return last;
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

    /** A running {@link #mergeAll}, for sums that arrive one table (or one IP) at a time. */
    public static final class Merger {
        private final int capacity;
        private final IpCounts sums = new IpCounts();
        private long missing;
        private long total;
        private boolean truncated;
        private long dropped;

        public Merger(int capacity) {
            requireCapacity(capacity);
            this.capacity = capacity;
        }

        public Merger add(TalkerTable t) {
            IpCounts in = t.counts;
            if (t.missingBound > 0) {
                // IPs summed so far but absent from t may have had up to t's bound in it.
                for (int s = 0; s < sums.slots(); s++) {
                    if (sums.used(s) && in.find(sums, s) < 0) {
                        sums.addBytes(s, t.missingBound);
                        sums.addError(s, t.missingBound);
                    }
                }
            }
            for (int s = 0; s < in.slots(); s++) {
                if (in.used(s)) {
                    int before = sums.size();
                    int sum = sums.slotOf(in, s);
                    if (sums.size() != before) {
                        sums.addBytes(sum, missing);
                        sums.addError(sum, missing);
                    }
                    sums.addBytes(sum, in.bytes(s));
                    sums.addError(sum, in.error(s));
                    sums.addPackets(sum, in.packets(s));
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
            requireCounts(ip, bytes, packets);
            int before = sums.size();
            return added(sums.slotOf(ip), sums.size() != before, bytes, packets);
        }

        /**
         * {@link #add(String, long, long)} of an IPv4 address ({@code 0 ≤ address < 2³²}): the same
         * entry as its canonical text, without making that text.
         */
        public Merger addIpv4(long address, long bytes, long packets) {
            if (address < 0 || address > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("not an IPv4 address: " + address);
            }
            requireCounts(address, bytes, packets);
            int before = sums.size();
            return added(sums.slotOfIpv4(address), sums.size() != before, bytes, packets);
        }

        private static void requireCounts(Object ip, long bytes, long packets) {
            if (bytes < 0 || packets < 0) {
                throw new IllegalArgumentException("negative bytes " + bytes + " or packets " + packets + " for " + ip);
            }
        }

        private Merger added(int slot, boolean newcomer, long bytes, long packets) {
            if (newcomer) {
                sums.addBytes(slot, missing);
                sums.addError(slot, missing);
            }
            sums.addBytes(slot, bytes);
            sums.addPackets(slot, packets);
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
            return new TalkerTable(capacity, total, missing, truncated, sums.copy());
        }

        /**
         * Keeps the {@code capacity} first by {@link TalkerEntry#RANKING}: the bytes of the
         * capacity-th are selected on a copy of the counts (linear on average), and only IPs tied with
         * them are compared by name.
         */
        private void trim() {
            int before = sums.size();
            if (before <= capacity) {
                return;
            }
            long[] bytes = new long[before];
            int i = 0;
            for (int s = 0; s < sums.slots(); s++) {
                if (sums.used(s)) {
                    bytes[i++] = sums.bytes(s);
                }
            }
            int cutIndex = before - capacity; // ascending order: the smallest count kept
            long cut = CountSelection.select(bytes, cutIndex);
            long firstDropped = CountSelection.select(bytes, cutIndex - 1, 0, cutIndex - 1); // the largest left of the cut
            // One pass counts what is above the cut and gathers the ties; only surplus ties are compared by name.
            int above = 0;
            List<Tie> tied = new ArrayList<>();
            for (int s = 0; s < sums.slots(); s++) {
                if (sums.used(s)) {
                    long b = sums.bytes(s);
                    if (b > cut) {
                        above++;
                    } else if (b == cut) {
                        tied.add(new Tie(sums.ip(s), s));
                    }
                }
            }
            BitSet surplus = new BitSet();
            if (tied.size() > capacity - above) {
                tied.sort(Comparator.comparing(Tie::ip));
                for (Tie t : tied.subList(capacity - above, tied.size())) {
                    surplus.set(t.slot());
                }
            }
            sums.retain(s -> sums.bytes(s) > cut || (sums.bytes(s) == cut && !surplus.get(s)));
            missing = Math.max(missing, firstDropped);
            dropped += before - sums.size();
        }

        private record Tie(String ip, int slot) {
        }
    }

    /** The {@code n} largest entries, ranked by {@link TalkerEntry#RANKING}. */
    public List<TalkerEntry> top(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, got " + n);
        }
        List<TalkerEntry> all = unranked();
        all.sort(TalkerEntry.RANKING);
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
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

    /** The counts, for writing them without making entries ({@link TalkerTableSerde}); never to be changed. */
    IpCounts counts() {
        return counts;
    }

    /** All entries, in no particular order (a new list). */
    private List<TalkerEntry> unranked() {
        List<TalkerEntry> all = new ArrayList<>(counts.size());
        for (int s = 0; s < counts.slots(); s++) {
            if (counts.used(s)) {
                all.add(entry(s));
            }
        }
        return all;
    }

    private TalkerEntry entry(int slot) {
        return new TalkerEntry(counts.ip(slot), counts.bytes(slot), counts.error(slot), counts.packets(slot));
    }

    /** All entries, ranked. */
    public List<TalkerEntry> entries() {
        return top(counts.size());
    }

    public Optional<TalkerEntry> get(String ip) {
        int slot = counts.find(ip);
        return slot < 0 ? Optional.empty() : Optional.of(entry(slot));
    }

    public int size() {
        return counts.size();
    }

    public boolean isEmpty() {
        return counts.size() == 0;
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
        return missingBound == 0 && counts.maxError() == 0;
    }

    /** The largest error of any stored count, or the missing bound if larger. */
    public long errorBound() {
        return Math.max(missingBound, counts.maxError());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TalkerTable t && capacity == t.capacity && totalBytes == t.totalBytes
                && missingBound == t.missingBound && truncated == t.truncated && counts.sameAs(t.counts);
    }

    @Override
    public int hashCode() {
        int entries = 0; // as a map's: the sum over entries, whatever their order
        for (int s = 0; s < counts.slots(); s++) {
            if (counts.used(s)) {
                entries += entry(s).hashCode();
            }
        }
        return Objects.hash(capacity, totalBytes, missingBound, truncated, entries);
    }

    @Override
    public String toString() {
        List<TalkerEntry> head = top(5);
        return "TalkerTable{capacity=" + capacity + ", size=" + counts.size() + ", total=" + totalBytes
                + ", missingBound=" + missingBound + (truncated ? ", truncated" : "") + ", top=" + head
                + (counts.size() > head.size() ? " …" : "") + "}";
    }
}
