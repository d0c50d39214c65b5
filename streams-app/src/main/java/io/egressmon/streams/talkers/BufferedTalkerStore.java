package io.egressmon.streams.talkers;

import io.egressmon.streams.LayeredStoreBuilder;
import io.egressmon.streams.MemoryStore;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A talker window store whose tables being added to stay deserialized and mutable between commits.
 *
 * <p>A table is thousands of entries. Fetching, merging and putting it for every input record costs
 * a deserialization, a sort and a serialization each time, and Kafka Streams' record cache holds
 * bytes, so it does not help. This outermost layer keeps one {@link TalkerTable.Merger} per key and
 * window that a processor adds to ({@link #adder}), and writes the changed ones to the store below
 * (changelog, RocksDB):
 * <ul>
 *   <li>when Kafka Streams flushes caches, which it does before every commit ({@link #flushCache}),
 *       so a commit never covers input whose effect is not in the same transaction;</li>
 *   <li>when the buffers sharing a {@link Budget} hold more IPs than it allows (this buffer's least
 *       recently used tables first);</li>
 *   <li>before a read through this store's own methods on the thread that adds, so a processor of
 *       the task reads every add: the tables the read covers (its keys and windows), not the others.</li>
 * </ul>
 * Interactive queries ({@link #query}) and reads from other threads go to the store below: they see
 * the tables as of the last commit, at most {@code commit.interval.ms} behind. A written table stays
 * in the buffer, so the next add does not read it back, until it is idle for {@link #IDLE}. A dirty close or a corrupted task drops the
 * buffer unwritten, as Kafka Streams drops its own cache.
 *
 * <p>Being the outermost layer, it sees every change of the store but restoration: it stamps the
 * {@link WindowVersions} of a window after each write below and after the commit that makes the
 * write readable, and resets its partition's when it opens, closes or drops its buffer.
 */
public final class BufferedTalkerStore extends WrappedStateStore<WindowStore<String, TalkerTable>, String, TalkerTable>
        implements WindowStore<String, TalkerTable> {

    /** One table of the buffer: a key and the start of its window. */
    private record Slot(String key, long windowStart) {
    }

    /** A table not added to for this long is dropped from the buffer at the next flush. */
    public static final long IDLE = TimeUnit.SECONDS.toNanos(30);
    /** Commits before the current one in which a table added to counts as in use for {@link Budget} (default). */
    public static final int IN_USE_COMMITS = 1;

    /**
     * The IPs all buffers built with it may hold together (an IPv4 entry costs ~30 bytes of heap, a
     * text one ~100, see {@link IpCounts}); a buffer that goes over drops its own least recently used
     * tables.
     */
    public static final class Budget {
        private final long maxEntries;
        private final int inUseCommits;
        private final AtomicLong used = new AtomicLong();

        public Budget(long maxEntries) {
            this(maxEntries, IN_USE_COMMITS);
        }

        /**
         * @param inUseCommits a table asked for since the commit this many commits back is not dropped
         *                     to keep the budget: it is being added to (every spoke's table of the day,
         *                     during a backfill), and dropping it would read and write it whole again
         *                     for its next record; the budget may then be exceeded by what is in use.
         *                     Counted in commits, not in time: a commit that takes long (a slow broker)
         *                     makes no table look unused.
         */
        public Budget(long maxEntries, int inUseCommits) {
            if (maxEntries < 1 || inUseCommits < 0) {
                throw new IllegalArgumentException("need maxEntries ≥ 1 and inUseCommits ≥ 0, got " + maxEntries + " and "
                        + inUseCommits);
            }
            this.maxEntries = maxEntries;
            this.inUseCommits = inUseCommits;
        }

        /** IPs held now by all buffers of this budget. */
        public long used() {
            return used.get();
        }
    }

    private final int capacity;
    private final Budget budget;
    private final LongConsumer dropped;
    private final WindowVersions.Store versions;
    /** The partition of the task, once opened. */
    private int partition = -1;
    /** Windows written since the last commit: stamped again once the commit makes them readable. */
    private final Set<Long> uncommitted = new HashSet<>();
    /** Least recently used first. */
    private final LinkedHashMap<Slot, Adder> buffer = new LinkedHashMap<>(64, 0.75f, true);
    /** Cache flushes so far: commits of the task, the clock of "in use" ({@link Budget}). */
    private long flushes;
    /** The flush count when every table left was found in use (-1: not since the last flush). */
    private long allInUseAt = -1;
    private volatile Thread adding;

    BufferedTalkerStore(WindowStore<String, TalkerTable> inner, int capacity, Budget budget, LongConsumer dropped,
                        WindowVersions.Store versions) {
        super(inner);
        this.capacity = capacity;
        this.budget = Objects.requireNonNull(budget, "budget");
        this.dropped = Objects.requireNonNull(dropped, "dropped");
        this.versions = Objects.requireNonNull(versions, "versions");
    }

    /**
     * A builder of this layer over {@code inner}, best without Kafka Streams' record cache: this layer
     * is the cache.
     *
     * @param capacity the capacity of new tables
     * @param budget   shared with the other buffers (a table may hold twice its capacity between trims)
     */
    public static StoreBuilder<WindowStore<String, TalkerTable>> builder(StoreBuilder<WindowStore<String, TalkerTable>> inner,
                                                                        int capacity, Budget budget) {
        return builder(inner, capacity, budget, n -> { });
    }

    /**
     * {@link #builder(StoreBuilder, int, Budget)}, telling {@code dropped} how many IPs each trim
     * of a full table dropped ({@link TalkerTable.Merger#dropped()}), on the adding thread.
     */
    public static StoreBuilder<WindowStore<String, TalkerTable>> builder(StoreBuilder<WindowStore<String, TalkerTable>> inner,
                                                                        int capacity, Budget budget, LongConsumer dropped) {
        return builder(inner, capacity, budget, dropped, new WindowVersions().store(inner.name(), Duration.ZERO));
    }

    /**
     * {@link #builder(StoreBuilder, int, Budget, LongConsumer)}, stamping {@code versions} (registered
     * with the store's name and retention) as its windows change.
     */
    public static StoreBuilder<WindowStore<String, TalkerTable>> builder(StoreBuilder<WindowStore<String, TalkerTable>> inner,
                                                                        int capacity, Budget budget, LongConsumer dropped,
                                                                        WindowVersions.Store versions) {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(dropped, "dropped");
        Objects.requireNonNull(versions, "versions");
        return new LayeredStoreBuilder<>(inner, store -> new BufferedTalkerStore(store, capacity, budget, dropped, versions));
    }

    /**
     * This layer under the decorators Kafka Streams puts around a store it hands a processor.
     *
     * @throws IllegalStateException when {@code store} was not built by {@link #builder}
     */
    public static BufferedTalkerStore of(StateStore store) {
        return MemoryStore.find(store, BufferedTalkerStore.class);
    }

    /** The running sum of {@code key}'s table in the window starting at {@code windowStart}, for adding to. */
    public Adder adder(String key, long windowStart) {
        adding = Thread.currentThread();
        Slot slot = new Slot(Objects.requireNonNull(key, "key"), windowStart);
        Adder adder = buffer.get(slot);
        if (adder != null) {
            adder.touchedAt = flushes;
        } else {
            TalkerTable stored = wrapped().fetch(key, windowStart);
            TalkerTable.Merger merger = new TalkerTable.Merger(stored == null ? capacity : stored.capacity());
            if (stored != null) {
                merger.add(stored);
            }
            adder = new Adder(slot, merger);
            buffer.put(slot, adder);
            budget.used.addAndGet(merger.size());
            evictBeyondBudget(adder);
        }
        return adder;
    }

    /**
     * Adds to one table of the buffer; written to the store below at the next flush. Adding to another
     * table may drop this one from the buffer (written first): {@link #live()} says whether it still
     * belongs to it, else ask {@link #adder} again. A processor may keep an adder and add to it while
     * it is live, without asking the store each time.
     */
    public final class Adder {
        private final Slot slot;
        private final TalkerTable.Merger merger;
        private boolean dirty;
        private boolean live = true;
        /** When it was last seen added to: at its making, or at the end of a commit in which it was. */
        private long touched = System.nanoTime();
        /** The flush count when it was last asked for or added to. */
        private long touchedAt = flushes;
        /** {@link TalkerTable.Merger#dropped()} as last reported. */
        private long reported;

        private Adder(Slot slot, TalkerTable.Merger merger) {
            this.slot = slot;
            this.merger = merger;
            this.reported = merger.dropped();
        }

        /** See {@link TalkerTable.Merger#add(String, long, long)}. */
        public void add(String ip, long bytes, long packets) {
            int before = merger.size();
            merger.add(ip, bytes, packets);
            added(before);
        }

        /** See {@link TalkerTable.Merger#addIpv4(long, long, long)}. */
        public void addIpv4(long address, long bytes, long packets) {
            int before = merger.size();
            merger.addIpv4(address, bytes, packets);
            added(before);
        }

        private void added(int before) {
            dirty = true;
            touchedAt = flushes;
            if (merger.size() != before) {
                if (merger.size() < before) {
                    reportDropped(); // trimmed
                }
                if (budget.used.addAndGet(merger.size() - before) > budget.maxEntries) {
                    evictBeyondBudget(this);
                }
            }
        }

        /** See {@link TalkerTable.Merger#markTruncated()}. */
        public void markTruncated() {
            merger.markTruncated();
            dirty = true;
            touchedAt = flushes;
        }

        /** The start of its table's window. */
        public long windowStart() {
            return slot.windowStart;
        }

        private void reportDropped() {
            long now = merger.dropped();
            if (now != reported) {
                dropped.accept(now - reported);
                reported = now;
            }
        }

        /** Still in the buffer: adds to it reach the store. */
        public boolean live() {
            return live;
        }

        private void write() {
            if (dirty) {
                int before = merger.size();
                wrapped().put(slot.key, merger.result(), slot.windowStart);
                written(slot.windowStart);
                budget.used.addAndGet(merger.size() - before);
                reportDropped();
                dirty = false;
            }
        }
    }

    private void evictBeyondBudget(Adder keep) {
        if (allInUseAt == flushes) {
            return; // no table leaves "in use" before the next flush: over the budget, every add would look again
        }
        long recent = flushes - budget.inUseCommits;
        // Least recently asked for first; adders kept by a processor are not reordered, so look at all.
        Iterator<Adder> lru = buffer.values().iterator();
        while (budget.used.get() > budget.maxEntries) {
            if (!lru.hasNext()) {
                allInUseAt = flushes;
                return;
            }
            Adder eldest = lru.next();
            if (eldest != keep && eldest.touchedAt < recent) {
                eldest.write();
                budget.used.addAndGet(-eldest.merger.size());
                eldest.live = false;
                lru.remove();
            }
        }
    }

    /**
     * Writes and drops the tables not added to for {@link #IDLE} (as seen at flushes: a table added to
     * since the last one is not idle). Also called on the wall clock by the processor, since caches are
     * flushed only when a task has had input: an idle task would keep its share of the budget.
     */
    public void dropIdle() {
        long now = System.nanoTime();
        Iterator<Adder> all = buffer.values().iterator();
        while (all.hasNext()) {
            Adder adder = all.next();
            if (adder.touchedAt == flushes) {
                adder.touched = now; // added to since the last flush
            } else if (now - adder.touched >= IDLE) {
                adder.write();
                budget.used.addAndGet(-adder.merger.size());
                adder.live = false;
                all.remove();
            }
        }
    }

    /** Whether no table waits in the buffer (every one written and dropped). */
    public boolean bufferEmpty() {
        return buffer.isEmpty();
    }

    /** Writes every changed table to the store below. */
    private void writeDirty() {
        for (Adder adder : buffer.values()) {
            adder.write();
        }
    }

    /**
     * Before a read on the adding thread of the windows starting in {@code [timeFrom, timeTo]} (of
     * {@code key} only, unless null): the store below must hold every add to them. The other tables
     * stay unwritten, so a processor reading the hour that just closed does not write every open table.
     */
    private WindowStore<String, TalkerTable> readable(String key, long timeFrom, long timeTo) {
        if (Thread.currentThread() == adding) {
            for (Adder adder : buffer.values()) {
                Slot slot = adder.slot;
                if (slot.windowStart >= timeFrom && slot.windowStart <= timeTo && (key == null || slot.key.equals(key))) {
                    adder.write();
                }
            }
        }
        return wrapped();
    }

    /**
     * {@link #readable(String, long, long)} for a range of keys: every key of the windows (the store
     * orders keys by their serialized bytes, which String order does not always follow).
     */
    private WindowStore<String, TalkerTable> readable(long timeFrom, long timeTo) {
        return readable(null, timeFrom, timeTo);
    }

    private void drop() {
        for (Adder adder : buffer.values()) {
            budget.used.addAndGet(-adder.merger.size());
            adder.live = false;
        }
        buffer.clear();
    }

    /** After a write of the window starting at {@code windowStart} to the store below. */
    private void written(long windowStart) {
        if (partition >= 0) {
            versions.written(partition, windowStart);
        }
        uncommitted.add(windowStart);
    }

    /** After the store below may have changed in any window (opened, closed, rolled back). */
    private void reset() {
        uncommitted.clear();
        if (partition >= 0) {
            versions.reset(partition);
        }
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        drop();
        super.init(context, root);
        partition = context.taskId().partition();
        reset();
    }

    /**
     * The writes since the last commit become readable to queries (which read committed state) here:
     * their windows are stamped again.
     */
    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        super.commit(changelogOffsets);
        if (partition >= 0) {
            for (long windowStart : uncommitted) {
                versions.written(partition, windowStart);
            }
        }
        uncommitted.clear();
    }

    @Override
    public void flushCache() {
        writeDirty();
        dropIdle();
        flushes++;
        super.flushCache();
    }

    @Override
    public void clearCache() {
        drop();
        super.clearCache();
        reset();
    }

    @Override
    public void close() {
        drop();
        super.close();
        reset();
    }

    @Override
    public void put(String key, TalkerTable value, long windowStart) {
        Adder buffered = buffer.remove(new Slot(key, windowStart));
        if (buffered != null) {
            budget.used.addAndGet(-buffered.merger.size());
            buffered.live = false;
        }
        wrapped().put(key, value, windowStart);
        written(windowStart);
    }

    @Override
    public TalkerTable fetch(String key, long time) {
        return readable(key, time, time).fetch(key, time);
    }

    @Override
    public WindowStoreIterator<TalkerTable> fetch(String key, long timeFrom, long timeTo) {
        return readable(key, timeFrom, timeTo).fetch(key, timeFrom, timeTo);
    }

    @Override
    public WindowStoreIterator<TalkerTable> backwardFetch(String key, long timeFrom, long timeTo) {
        return readable(key, timeFrom, timeTo).backwardFetch(key, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<String>, TalkerTable> fetch(String keyFrom, String keyTo, long timeFrom, long timeTo) {
        return readable(timeFrom, timeTo).fetch(keyFrom, keyTo, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<String>, TalkerTable> backwardFetch(String keyFrom, String keyTo, long timeFrom, long timeTo) {
        return readable(timeFrom, timeTo).backwardFetch(keyFrom, keyTo, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<String>, TalkerTable> fetchAll(long timeFrom, long timeTo) {
        return readable(timeFrom, timeTo).fetchAll(timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<String>, TalkerTable> backwardFetchAll(long timeFrom, long timeTo) {
        return readable(timeFrom, timeTo).backwardFetchAll(timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<String>, TalkerTable> all() {
        return readable(Long.MIN_VALUE, Long.MAX_VALUE).all();
    }

    @Override
    public KeyValueIterator<Windowed<String>, TalkerTable> backwardAll() {
        return readable(Long.MIN_VALUE, Long.MAX_VALUE).backwardAll();
    }
}
