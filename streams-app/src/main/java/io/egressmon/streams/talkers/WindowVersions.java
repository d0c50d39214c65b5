package io.egressmon.streams.talkers;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StandbyUpdateListener;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.processor.TaskId;

/**
 * Versions of an instance's talker windows, so that queries can keep what they merged from a window
 * and know when it is stale (design.md, "Top-talker query caches").
 *
 * <p>A version is a stamp of one clock shared by all stores of the instance. Every window of a
 * store's partition has the stamp of its last write, and the partition a reset stamp; a window's
 * {@link #version} is the larger of the two. Stamps are taken <em>after</em> the change they stand for
 * is readable, and a reader takes the version <em>before</em> it reads: a change made while it reads
 * can only make what it read look stale, never stale data look current. What stamps what:
 * <ul>
 *   <li>{@link BufferedTalkerStore} stamps a window after every write to the store below, and again
 *       after the commit that makes the write readable (queries read committed state only);</li>
 *   <li>it bumps the partition's reset stamp when the store opens, closes or drops its buffer;</li>
 *   <li>restoration and standby updates write into RocksDB below every layer, so the
 *       {@link #restoreListener()} and {@link #standbyListener()} bump the reset stamp at their start,
 *       after every batch, and at their end.</li>
 * </ul>
 * A store filters out windows older than its retention (behind the latest window written) when it
 * is read, without a write: such windows, and those within {@link #AHEAD} of expiring, have no
 * version ({@link #UNVERSIONED}) and are read afresh each time. Their stamps are dropped.
 *
 * <p>Thread-safe: stream threads and the restoring thread stamp, query threads read.
 */
public final class WindowVersions {
    /** The version of a window that must not be cached: it may leave the store without a write. */
    public static final long UNVERSIONED = -1;
    /**
     * How far stream time may run ahead of the wall clock for a window near expiry to still count as
     * retained: the margin the query plans trust retention with (TalkerPlan.HOURLY_SAFETY).
     */
    static final Duration AHEAD = Duration.ofHours(1);

    private final AtomicLong clock = new AtomicLong();
    private final Map<String, Long> retentions = new ConcurrentHashMap<>();
    private final Map<Slot, Partition> partitions = new ConcurrentHashMap<>();

    private record Slot(String store, int partition) {
    }

    /** One partition of one store: its reset stamp, its windows' stamps, and the latest window written. */
    private static final class Partition {
        final long retentionMs;
        final ConcurrentSkipListMap<Long, Long> windows = new ConcurrentSkipListMap<>();
        volatile long reset;
        volatile long latest = Long.MIN_VALUE;

        Partition(long retentionMs) {
            this.retentionMs = retentionMs;
        }
    }

    /**
     * Registers the window store {@code name}, retaining windows for {@code retention}, and returns
     * what its layer stamps with.
     */
    public Store store(String name, Duration retention) {
        Objects.requireNonNull(name, "name");
        retentions.put(name, retention.toMillis());
        return new Store(name);
    }

    /** {@link #store(String, Duration)} for a store that keeps its entries until they are overwritten. */
    public Store store(String name) {
        return store(name, Duration.ofMillis(Long.MAX_VALUE));
    }

    /** What one store's layer stamps: its writes and its resets, per partition. */
    public final class Store {
        private final String name;

        private Store(String name) {
            this.name = name;
        }

        /** The window starting at {@code windowStart} of {@code partition} changed (and the change is readable). */
        public void written(int partition, long windowStart) {
            Partition p = partition(name, partition);
            p.windows.put(windowStart, clock.incrementAndGet());
            if (windowStart > p.latest) {
                p.latest = windowStart;
                p.windows.headMap(windowStart - p.retentionMs, true).clear();
            }
        }

        /** Anything of {@code partition} may have changed: every window's version moves on. */
        public void reset(int partition) {
            partition(name, partition).reset = clock.incrementAndGet();
        }
    }

    /**
     * The version of the window starting at {@code windowStart} in {@code store}'s {@code partition}:
     * unchanged as long as the window reads the same; {@link #UNVERSIONED} for a store not registered
     * here and for a window near its expiry.
     *
     * @param nowMs the wall clock: stream time is taken to be at most {@link #AHEAD} beyond it
     */
    public long version(String store, int partition, long windowStart, long nowMs) {
        long[] out = new long[1];
        versions(store, partition, windowStart, 1, 1, nowMs, out, 0);
        return out[0];
    }

    /**
     * The {@link #version}s of {@code n} windows of {@code store}'s {@code partition}, starting at
     * {@code from} every {@code step} ms, into {@code out} from {@code offset}: one look-up of the
     * partition, one walk over its stamps.
     */
    public void versions(String store, int partition, long from, long step, int n, long nowMs, long[] out, int offset) {
        Long retention = retentions.get(store);
        if (retention == null) {
            Arrays.fill(out, offset, offset + n, UNVERSIONED);
            return;
        }
        Partition p = partitions.get(new Slot(store, partition));
        if (p == null) {
            // Never opened nor written here: whatever comes later has a larger stamp.
            Arrays.fill(out, offset, offset + n, 0);
        } else {
            long reset = p.reset; // read before the windows' stamps: a reset in between shows as a change
            Arrays.fill(out, offset, offset + n, reset);
            for (Map.Entry<Long, Long> e : p.windows.subMap(from, true, from + n * step, false).entrySet()) {
                long offsetInRange = e.getKey() - from;
                if (offsetInRange % step == 0) {
                    int i = offset + (int) (offsetInRange / step);
                    out[i] = Math.max(reset, e.getValue());
                }
            }
        }
        long expired = Math.max(p == null ? Long.MIN_VALUE : p.latest, nowMs + AHEAD.toMillis()) - retention;
        for (int j = 0; j < n && from + j * step <= expired; j++) {
            out[offset + j] = UNVERSIONED;
        }
    }

    /** Bumps the reset stamp of {@code store}'s {@code partition}, if the store is registered here. */
    void reset(String store, int partition) {
        if (retentions.containsKey(store)) {
            partition(store, partition).reset = clock.incrementAndGet();
        }
    }

    private Partition partition(String store, int partition) {
        return partitions.computeIfAbsent(new Slot(store, partition), s -> new Partition(retentions.get(store)));
    }

    /**
     * A restore listener that resets the partitions being restored, calling {@code next} (if not
     * null) as well: Kafka Streams takes one listener per client.
     */
    public StateRestoreListener restoreListener(StateRestoreListener next) {
        return new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition changelog, String store, long startingOffset, long endingOffset) {
                reset(store, changelog.partition());
                if (next != null) {
                    next.onRestoreStart(changelog, store, startingOffset, endingOffset);
                }
            }

            @Override
            public void onBatchRestored(TopicPartition changelog, String store, long batchEndOffset, long numRestored) {
                reset(store, changelog.partition());
                if (next != null) {
                    next.onBatchRestored(changelog, store, batchEndOffset, numRestored);
                }
            }

            @Override
            public void onRestoreEnd(TopicPartition changelog, String store, long totalRestored) {
                reset(store, changelog.partition());
                if (next != null) {
                    next.onRestoreEnd(changelog, store, totalRestored);
                }
            }

            @Override
            public void onRestoreSuspended(TopicPartition changelog, String store, long totalRestored) {
                reset(store, changelog.partition());
                if (next != null) {
                    next.onRestoreSuspended(changelog, store, totalRestored);
                }
            }
        };
    }

    /** {@link #restoreListener(StateRestoreListener)} without another listener. */
    public StateRestoreListener restoreListener() {
        return restoreListener(null);
    }

    /**
     * A standby listener that resets the partitions a standby task loads into; with standbys, a task
     * can turn active without its stores being opened again.
     */
    public StandbyUpdateListener standbyListener() {
        return new StandbyUpdateListener() {
            @Override
            public void onUpdateStart(TopicPartition changelog, String store, long startingOffset) {
                reset(store, changelog.partition());
            }

            @Override
            public void onBatchLoaded(TopicPartition changelog, String store, TaskId task, long batchEndOffset,
                                      long batchSize, long currentEndOffset) {
                reset(store, changelog.partition());
            }

            @Override
            public void onUpdateSuspended(TopicPartition changelog, String store, long storeOffset, long currentEndOffset,
                                          SuspendReason reason) {
                reset(store, changelog.partition());
            }
        };
    }
}
