package io.egressmon.streams.counters;

import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Per owner (a gateway, a gateway's month), the latest time a store holds for it: read from the store
 * the first time the owner is met, then moved on by the owner's writes. A time after it is not in the
 * store, so a processor can skip the get that would look for it — and during a backfill most
 * spoke-hours are written for the first time. A RocksDB get that finds nothing is not free: it
 * probes the memtables and the filter and index blocks of every file that might hold the key, and
 * per spoke-hour cost record those gets were a fifth of the stream thread (docs/benchmarks.md,
 * "Counter throughput").
 *
 * <p>It errs only towards reading: a time at or before the latest is looked for even if it is not
 * there (after a rollback, or after old months were deleted). {@link #forget} when the store's
 * uncommitted writes are dropped, so that the next owner met is read again. One stream thread only.
 */
public final class StoredLatest<O> {
    private final ToLongFunction<O> read;
    /** Per owner, a one-element array: the latest time, moved on in place. */
    private final Map<O, long[]> latest = new HashMap<>();

    /**
     * @param read the latest time the store holds for an owner, or {@link Long#MIN_VALUE} if it holds
     *             none (one reverse seek, read once per owner)
     */
    public StoredLatest(ToLongFunction<O> read) {
        this.read = read;
    }

    /** Whether the store may hold {@code owner}'s {@code time}: false means a get would find nothing. */
    public boolean mayHold(O owner, long time) {
        return time <= latestOf(owner)[0];
    }

    /** Notes that {@code owner}'s {@code time} was written to the store. */
    public void wrote(O owner, long time) {
        long[] l = latestOf(owner);
        if (time > l[0]) {
            l[0] = time;
        }
    }

    /** Forgets every owner: the store's uncommitted writes are being dropped. */
    public void forget() {
        latest.clear();
    }

    private long[] latestOf(O owner) {
        long[] l = latest.get(owner);
        if (l == null) {
            l = new long[] {read.applyAsLong(owner)};
            latest.put(owner, l);
        }
        return l;
    }
}
