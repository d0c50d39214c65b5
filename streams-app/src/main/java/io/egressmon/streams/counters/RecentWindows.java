package io.egressmon.streams.counters;

import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.streams.MemoryStore;
import io.egressmon.streams.UnloggedStoreBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The recent windows of one counter window store, as arrays in memory: what a period's query adds up.
 * A window store keeps its windows by gateway first, so a query over all gateways for a time range
 * scans every window of the segments it touches: for a 30-day answer over 500 spokes that was a third
 * of a second of RocksDB reads and decoding; adding up arrays takes a millisecond.
 *
 * <p>A copy, not the record: {@code counter-windows} puts every window it writes to the store here
 * too, in the same step before the commit, and builds this from the store whenever it reads its memory
 * back (at start, and after uncommitted work was dropped, when this is cleared first). Nothing is
 * logged or restored. Until built, and for a period starting before what it holds, a query answers
 * "not covered" and the caller reads the window store instead. Per spoke and window it holds 8 longs:
 * the hourly copy of 35 days about 54 KB, the 5-minute copy of 2 days about 37 KB.
 */
public final class RecentWindows extends MemoryStore {
    /** The copy of {@code spoke-bandwidth-1h}: 35 days, as far back as the talkers' hourly tables. */
    public static final String HOURLY = "spoke-bandwidth-1h-recent";
    /** The copy of {@code spoke-bandwidth-5m}: as long as that store keeps its windows. */
    public static final String FINE = "spoke-bandwidth-5m-recent";
    public static final Duration HOURLY_SPAN = Duration.ofDays(35);
    private static final int FIELDS = 7;
    /** The fields a period adds up: eth0 rx/tx, tunnel rx/tx, resets (the open bytes are read per window). */
    private static final int SUMMED = 5;
    /** Windows per block (a UTC day of hourly windows, two hours of 5-minute ones). */
    private static final int BLOCK = 24;

    /**
     * Per gateway, the sums of its windows that start in {@code [fromMs, toMs)}.
     *
     * @param gateway only this gateway, or all when null
     */
    public record SumQuery(long fromMs, long toMs, String gateway) implements Query<Sums> {
    }

    /** What a {@link SumQuery} found: gateways with at least one window in the period, and their sums. */
    public record Sums(boolean covered, Map<String, RawTotals> totals) {
        static final Sums NOT_COVERED = new Sums(false, Map.of());
    }

    /**
     * Per gateway, the {@code open_start_bytes} ({@code start} true) or {@code open_end_bytes} of its
     * window starting at {@code windowStartMs}; gateways without such a window, or with none, are absent.
     */
    public record OpenQuery(long windowStartMs, boolean start, String gateway) implements Query<Open> {
    }

    /** What an {@link OpenQuery} found. */
    public record Open(boolean covered, Map<String, Long> bytes) {
        static final Open NOT_COVERED = new Open(false, Map.of());
    }

    /**
     * The gateways' progress marks ({@code sampled_at} of the latest snapshot processed, epoch ms), only
     * {@code gateway}'s when it is not null. Held by the hourly copy only.
     */
    public record ProgressQuery(String gateway) implements Query<Progress> {
    }

    /** What a {@link ProgressQuery} found: not covered until this copy was built. */
    public record Progress(boolean covered, Map<String, Long> marks) {
        static final Progress NOT_COVERED = new Progress(false, Map.of());
    }

    /**
     * One gateway's ring: slot {@code w mod slots} holds window number {@code w} when {@code windows[slot] == w}.
     * Beside it, per block of {@value #BLOCK} windows (a UTC day of hourly windows), the sums of the
     * block's windows the ring holds, kept as windows are put: a 30-day question adds 30 blocks per
     * gateway and the windows at its edges, not 720 windows.
     */
    private static final class Ring {
        final long[] windows;
        final long[] sums;
        /** Block slot {@code b mod blockSlots} holds block number {@code b} when {@code blocks[slot] == b}. */
        final long[] blocks;
        final long[] blockSums;
        /** Per block slot: how many of its block's windows the ring holds. */
        final int[] blockWindows;

        Ring(int slots) {
            windows = new long[slots];
            sums = new long[slots * FIELDS];
            Arrays.fill(windows, Long.MIN_VALUE);
            // Two more than the ring spans: a block slot is taken over only by a block whose windows
            // are all newer than anything the ring can still hold of the block before it.
            int blockSlots = slots / BLOCK + 2;
            blocks = new long[blockSlots];
            blockSums = new long[blockSlots * SUMMED];
            blockWindows = new int[blockSlots];
            Arrays.fill(blocks, Long.MIN_VALUE);
        }

        /** Adds (sign 1) or takes away (-1) the window in {@code slot}, number {@code window}, to or from its block. */
        void block(long window, int slot, int sign) {
            long block = Math.floorDiv(window, BLOCK);
            int at = (int) Math.floorMod(block, (long) blocks.length);
            if (blocks[at] != block) {
                if (sign < 0) {
                    return; // its block was taken over: nothing of it is read any more
                }
                blocks[at] = block;
                Arrays.fill(blockSums, at * SUMMED, (at + 1) * SUMMED, 0);
                blockWindows[at] = 0;
            }
            for (int f = 0; f < SUMMED; f++) {
                blockSums[at * SUMMED + f] += sign * sums[slot * FIELDS + f];
            }
            blockWindows[at] += sign;
        }
    }

    /** Window size and slots per ring. */
    private final long unit;
    private final int slots;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Ring> rings = new HashMap<>();
    /** Per gateway, its progress mark: put in the same {@link #update} as the windows it stands for. */
    private final Map<String, Long> progress = new HashMap<>();
    /** The first window number from which every ring holds what the store has; MAX while not built. */
    private long coveredFrom = Long.MAX_VALUE;
    private long latest = Long.MIN_VALUE;

    private RecentWindows(String name, Duration size, Duration span) {
        super(name);
        this.unit = size.toMillis();
        this.slots = (int) (span.toMillis() / unit);
    }

    /** The copy named {@code name} of a store of windows {@code size} long, holding {@code span} back from the latest. */
    static StoreBuilder<RecentWindows> builder(String name, Duration size, Duration span) {
        return new UnloggedStoreBuilder<>(name, () -> new RecentWindows(name, size, span));
    }

    /** This store under the decorators Kafka Streams puts around a store it hands a processor. */
    static RecentWindows of(StateStore store) {
        return MemoryStore.find(store, RecentWindows.class);
    }

    /** Forgets everything: not covered until {@link #built}. */
    void clear() {
        lock.writeLock().lock();
        try {
            rings.clear();
            progress.clear();
            coveredFrom = Long.MAX_VALUE;
            latest = Long.MIN_VALUE;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Runs {@code puts} (calls of {@link #put}) with readers held off, so a query sees all of one
     * commit's windows or none.
     */
    void update(Runnable puts) {
        lock.writeLock().lock();
        try {
            puts.run();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Marks the windows put since {@link #clear} as all the store holds from {@code fromMs} on. */
    void built(long fromMs) {
        lock.writeLock().lock();
        try {
            long first = Math.floorDiv(fromMs + unit - 1, unit);
            coveredFrom = latest == Long.MIN_VALUE ? first : Math.max(first, latest - slots + 1);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** What this holds, for the log: gateways, windows, the latest window's start and from where it is complete. */
    String describe() {
        lock.readLock().lock();
        try {
            long windows = rings.values().stream().flatMapToLong(r -> Arrays.stream(r.windows))
                    .filter(w -> w != Long.MIN_VALUE).count();
            return rings.size() + " gateway(s), " + windows + " windows, latest "
                    + (latest == Long.MIN_VALUE ? "none" : Instant.ofEpochMilli(latest * unit))
                    + ", complete from " + (coveredFrom == Long.MAX_VALUE ? "nowhere" : Instant.ofEpochMilli(coveredFrom * unit));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The window of {@code gateway} at {@code windowStart} now holds {@code sum}. Call within {@link #update}. */
    void put(String gateway, long windowStart, WindowSum sum) {
        long window = Math.floorDiv(windowStart, unit);
        if (window > latest) {
            latest = window;
            if (coveredFrom != Long.MAX_VALUE) {
                coveredFrom = Math.max(coveredFrom, latest - slots + 1);
            }
        }
        if (window <= latest - slots) {
            return; // older than anything the rings keep
        }
        Ring ring = rings.computeIfAbsent(gateway, g -> new Ring(slots));
        int slot = (int) Math.floorMod(window, (long) slots);
        long was = ring.windows[slot];
        if (was > window) {
            return;
        }
        if (was != Long.MIN_VALUE) {
            ring.block(was, slot, -1); // the same window written again, or an older one leaving the ring
        }
        ring.windows[slot] = window;
        sum.copyTo(ring.sums, slot * FIELDS);
        ring.block(window, slot, 1);
    }

    /** {@code gateway} was processed up to {@code sampledAtMs}. Call within {@link #update}. */
    void progress(String gateway, long sampledAtMs) {
        progress.put(gateway, sampledAtMs);
    }

    Progress progress(String gateway) {
        lock.readLock().lock();
        try {
            if (coveredFrom == Long.MAX_VALUE) {
                return Progress.NOT_COVERED;
            }
            if (gateway == null) {
                return new Progress(true, new HashMap<>(progress));
            }
            Long at = progress.get(gateway);
            return new Progress(true, at == null ? Map.of() : Map.of(gateway, at));
        } finally {
            lock.readLock().unlock();
        }
    }

    Sums sum(long fromMs, long toMs, String gateway) {
        lock.readLock().lock();
        try {
            long first = Math.floorDiv(fromMs + unit - 1, unit); // the first window starting at or after fromMs
            long end = Math.min(Math.floorDiv(toMs + unit - 1, unit), latest + 1); // exclusive: windows starting before toMs
            if (first < coveredFrom) {
                return Sums.NOT_COVERED;
            }
            Map<String, RawTotals> out = new HashMap<>();
            if (gateway != null) {
                Ring ring = rings.get(gateway);
                if (ring != null) {
                    add(out, gateway, ring, first, end);
                }
            } else {
                rings.forEach((g, ring) -> add(out, g, ring, first, end));
            }
            return new Sums(true, out);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Adds up {@code ring}'s windows numbered {@code [first, end)}: whole blocks from their sums, the edges window by window. */
    private void add(Map<String, RawTotals> out, String gateway, Ring ring, long first, long end) {
        long[] total = new long[SUMMED];
        long firstBlock = Math.floorDiv(first + BLOCK - 1, BLOCK);
        long endBlock = Math.floorDiv(end, BLOCK);
        boolean any;
        if (firstBlock < endBlock) {
            any = addWindows(total, ring, first, firstBlock * BLOCK);
            for (long b = firstBlock; b < endBlock; b++) {
                int at = (int) Math.floorMod(b, (long) ring.blocks.length);
                if (ring.blocks[at] == b && ring.blockWindows[at] > 0) {
                    for (int f = 0; f < SUMMED; f++) {
                        total[f] += ring.blockSums[at * SUMMED + f];
                    }
                    any = true;
                }
            }
            any |= addWindows(total, ring, endBlock * BLOCK, end);
        } else {
            any = addWindows(total, ring, first, end);
        }
        if (any) {
            out.put(gateway, new RawTotals(total[0], total[1], total[2], total[3], (int) total[4]));
        }
    }

    /** Adds {@code ring}'s windows numbered {@code [first, end)} one by one; whether it holds any. */
    private boolean addWindows(long[] total, Ring ring, long first, long end) {
        boolean any = false;
        int slot = (int) Math.floorMod(first, (long) slots);
        for (long w = first; w < end; w++, slot = slot + 1 == slots ? 0 : slot + 1) {
            if (ring.windows[slot] == w) {
                for (int f = 0; f < SUMMED; f++) {
                    total[f] += ring.sums[slot * FIELDS + f];
                }
                any = true;
            }
        }
        return any;
    }

    Open open(long windowStartMs, boolean start, String gateway) {
        lock.readLock().lock();
        try {
            long window = Math.floorDiv(windowStartMs, unit);
            if (window < coveredFrom || window * unit != windowStartMs) {
                return Open.NOT_COVERED;
            }
            int slot = (int) Math.floorMod(window, (long) slots);
            int field = slot * FIELDS + (start ? 5 : 6);
            Map<String, Long> out = new HashMap<>();
            rings.forEach((g, ring) -> {
                if ((gateway == null || gateway.equals(g)) && ring.windows[slot] == window && ring.sums[field] > 0) {
                    out.put(g, ring.sums[field]);
                }
            });
            return new Open(true, out);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        clear();
        super.close();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        Object answer;
        if (query instanceof SumQuery q) {
            answer = sum(q.fromMs(), q.toMs(), q.gateway());
        } else if (query instanceof OpenQuery q) {
            answer = open(q.windowStartMs(), q.start(), q.gateway());
        } else if (query instanceof ProgressQuery q) {
            answer = progress(q.gateway());
        } else {
            return QueryResult.forUnknownQueryType(query, this);
        }
        QueryResult<R> result = (QueryResult<R>) QueryResult.forResult(answer);
        result.setPosition(Position.emptyPosition());
        return result;
    }

}
