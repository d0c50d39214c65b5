package io.egressmon.streams;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Commits every {@code EGRESSMON_COMMIT_INTERVAL} while the instance keeps up with its input, and
 * only every {@code EGRESSMON_CATCHUP_COMMIT_INTERVAL} (Kafka Streams' {@code commit.interval.ms})
 * while it catches up: from a lag above {@link #BEHIND_RECORDS} until one at or below
 * {@link #CAUGHT_UP_RECORDS} for a live interval, or none (or one that stays at or below
 * {@link #BEHIND_RECORDS}: {@link #STEADY_INTERVALS}).
 *
 * <p>A commit under exactly-once is a transaction, and each one writes what changed since the last:
 * every changed window, every re-priced spoke-hour and its alerts, every changed talker table. In a
 * backfill most of these change again within seconds, so a commit a second rewrites them (and makes
 * the parts downstream redo their work) many times over; answers can lag by a few seconds while
 * hours of input wait anyway. Live, a second's lag is what users see, so the short interval stays.
 *
 * <p>Kafka Streams has one commit interval, so the long one is its setting and the short one is asked
 * for: the first processor of each sub-topology {@link #attach}es, marks each record it takes
 * ({@link Paced#seen}), and a wall-clock punctuation requests a commit
 * ({@link ProcessorContext#commit}) when it saw records since its last request and the instance is
 * not behind. A request commits every task of its stream thread, so one request per thread and half
 * interval is enough: the others are skipped, and a task whose records a request of its thread came
 * after has nothing left to ask for. A task punctuates only while it takes records
 * ({@link BusyPunctuation}).
 *
 * <p>Behind or not is what the instance's active tasks have yet to process, per input partition: what
 * the consumer has not fetched yet (its {@code records-lag}, known from the partition's first fetch)
 * and what Kafka Streams holds fetched but not processed — from the next offset one of the
 * partition's processors took (marked by {@link Paced#seen}), or the committed one before any, to
 * the last offset polled ({@link TaskMetadata#endOffsets}). Not the consumer's lag alone: Kafka
 * Streams fetches far ahead of what it processes (its input buffer holds up to 512 MB), so a
 * backfill's whole backlog can be fetched, reading as no lag, within seconds of a start. A partition
 * not fetched yet counts as catching up for at most {@link #UNKNOWN_LAG_GRACE}; no inputs at all
 * (Kafka Streams not RUNNING, no task yet), as long as that lasts.
 *
 * <p>The pacer reaches processors through Kafka Streams' settings ({@link #CONFIG} in
 * {@link ProcessorContext#appConfigs}); without it (TopologyTestDriver) they commit as configured.
 */
public final class CommitPacer {
    /** The pacer's key among the settings handed to Kafka Streams. */
    public static final String CONFIG = "egressmon.commit.pacer";
    /**
     * Input not yet processed, in records, above which the instance is catching up: a fraction of a
     * second of backfill work, above what a live poll or a second of flows leaves waiting.
     */
    static final long BEHIND_RECORDS = 10_000;
    /**
     * Input not yet processed, in records, at or below which an instance that was catching up is
     * caught up once it has stayed there for a live interval (at once when nothing is left): a
     * backfill's last records then go into the transaction of its first commit instead of waiting
     * seconds behind it (docs/design.md, "What behind means").
     */
    static final long CAUGHT_UP_RECORDS = 1_000;
    /**
     * Live intervals after which a lag that stays at or below {@link #BEHIND_RECORDS} ends catching up
     * however many records it holds: an instance that always has a few thousand in hand (steady
     * flows) is keeping up, and must not commit only every catch-up interval.
     */
    static final int STEADY_INTERVALS = 10;
    /**
     * How long an active input partition without a fetch lag counts as far behind: the consumer
     * fetches it within a poll or two of its assignment, so one still unknown after this counts only
     * what was polled from it.
     */
    static final Duration UNKNOWN_LAG_GRACE = Duration.ofSeconds(30);

    /**
     * What the lag is read from: the instance's active tasks (their offsets read live) and the main
     * consumers' {@code records-lag} per partition.
     */
    public record Inputs(Collection<TaskMetadata> tasks, Map<TopicPartition, Metric> fetchLag) {
    }

    private final Duration live;
    private final Supplier<Inputs> inputs;
    private final boolean asks;
    private final LongSupplier nanoTime;
    // Whether the lag was last seen above BEHIND_RECORDS and has not come down to caught up since; and
    // since when (nanoTime) it has been at or below BEHIND_RECORDS, and at or below CAUGHT_UP_RECORDS,
    // while catching up (null while not). Guarded by this: the stream threads look in turn.
    private boolean catchingUp;
    private Long belowBehindSince;
    private Long lowSince;
    /** Since when ({@link #nanoTime}) some input partition's lag has been unknown; null while none is. */
    private volatile Long unknownSince;
    /** Per input partition, the next offset after the last record a processor took; -1 before any. */
    private final Map<TopicPartition, AtomicLong> processed = new ConcurrentHashMap<>();
    /** Per stream thread: its tasks' requests for a commit — when the last was (wall clock, ms), and how many so far. */
    private final ThreadLocal<ThreadRequests> threadRequests = ThreadLocal.withInitial(ThreadRequests::new);

    /** One stream thread's requests for a commit (each commits every task of the thread). */
    private static final class ThreadRequests {
        final Thread thread = Thread.currentThread();
        long lastMs;
        long count;
    }

    /** @param inputs what the lag is read from; null while not known (Kafka Streams not RUNNING) */
    public CommitPacer(Duration live, Supplier<Inputs> inputs) {
        this(live, inputs, true);
    }

    /**
     * @param asks whether to ask for commits; without, the pacer only follows what the processors
     *             take, for {@link #lagRecords} ({@code /health}), and Kafka Streams commits as configured
     */
    public CommitPacer(Duration live, Supplier<Inputs> inputs, boolean asks) {
        this(live, inputs, asks, System::nanoTime);
    }

    /** @param nanoTime the clock of {@link System#nanoTime} (tests move their own) */
    CommitPacer(Duration live, Supplier<Inputs> inputs, boolean asks, LongSupplier nanoTime) {
        this.live = Objects.requireNonNull(live, "live");
        this.inputs = Objects.requireNonNull(inputs, "inputs");
        this.asks = asks;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** What a processor tells the pacer. */
    public interface Paced {
        /** A record was taken: the task has something to commit. */
        void seen();
    }

    private static final Paced UNPACED = () -> { };

    /** The instance's pacer for {@code context}'s task, or one that does nothing when there is none. */
    public static Paced attach(ProcessorContext<?, ?> context) {
        return context.appConfigs().get(CONFIG) instanceof CommitPacer pacer ? pacer.pace(context) : UNPACED;
    }

    /**
     * Whether the instance is catching up: the lag is unknown, above {@link #BEHIND_RECORDS}, or was
     * above it and since then has been neither 0, nor at or below {@link #CAUGHT_UP_RECORDS} for a
     * live interval, nor at or below {@link #BEHIND_RECORDS} for {@link #STEADY_INTERVALS} of them.
     * An unknown lag changes none of that.
     */
    synchronized boolean behind() {
        Long lag = lagRecords();
        if (lag == null) {
            return true;
        }
        if (lag > BEHIND_RECORDS) {
            catchingUp = true;
            belowBehindSince = null;
            lowSince = null;
            return true;
        }
        if (!catchingUp) {
            return false;
        }
        long now = nanoTime.getAsLong();
        belowBehindSince = belowBehindSince == null ? now : belowBehindSince;
        lowSince = lag > CAUGHT_UP_RECORDS ? null : lowSince == null ? now : lowSince;
        boolean caughtUp = lag == 0
                || lowSince != null && now - lowSince >= live.toNanos()
                || now - belowBehindSince >= live.toNanos() * STEADY_INTERVALS;
        if (caughtUp) {
            catchingUp = false;
            belowBehindSince = null;
            lowSince = null;
        }
        return !caughtUp;
    }

    /**
     * Records the active tasks have yet to process, summed over their input partitions, or null while
     * that is not known: no inputs, or a partition not fetched yet (for at most
     * {@link #UNKNOWN_LAG_GRACE}). What {@code /health} says as {@code processing_lag_records}.
     */
    Long lagRecords() {
        Inputs in = inputs.get();
        if (in == null) {
            return null;
        }
        long lag = 0;
        boolean unknown = false;
        for (TaskMetadata task : in.tasks()) {
            Map<TopicPartition, Long> lastPolled = task.endOffsets();
            Map<TopicPartition, Long> committed = task.committedOffsets();
            for (TopicPartition tp : task.topicPartitions()) {
                long polled = lastPolled.getOrDefault(tp, -1L);
                if (polled >= 0) {
                    AtomicLong taken = processed.get(tp);
                    long next = Math.max(taken == null ? -1 : taken.get(), committed.getOrDefault(tp, -1L));
                    lag += Math.max(0, polled + 1 - Math.max(0, next));
                }
                Metric fetchLag = in.fetchLag().get(tp);
                if (fetchLag != null && fetchLag.metricValue() instanceof Number n && Double.isFinite(n.doubleValue())) {
                    lag += Math.max(0, (long) n.doubleValue());
                } else {
                    unknown = true;
                }
            }
        }
        if (!unknown) {
            unknownSince = null;
            return lag;
        }
        Long since = unknownSince;
        if (since == null) {
            unknownSince = nanoTime.getAsLong();
            return null;
        }
        return nanoTime.getAsLong() - since > UNKNOWN_LAG_GRACE.toNanos() ? lag : null;
    }

    private Paced pace(ProcessorContext<?, ?> context) {
        long halfInterval = Math.max(1, live.toMillis() / 2);
        return new Paced() {
            /**
             * The requests of the thread the task took its last record on (null before any), and how
             * many had been made then: records wait for a request while no other has been made since.
             */
            private ThreadRequests thread;
            private long requestsBefore;
            /** Asks for commits while the task takes records; null when not asking. */
            private final BusyPunctuation requests = asks ? new BusyPunctuation(context, live, this::request) : null;
            /** The partition of the last record taken, and its entry in {@link #processed}: one lookup per partition change. */
            private String topic;
            private int partition = -1;
            private AtomicLong next;

            @Override
            public void seen() {
                if (thread == null || thread.thread != Thread.currentThread()) {
                    thread = threadRequests.get();
                }
                requestsBefore = thread.count;
                if (requests != null) {
                    requests.busy();
                }
                Optional<RecordMetadata> taken = context.recordMetadata();
                if (taken.isEmpty()) {
                    return;
                }
                RecordMetadata m = taken.get();
                if (m.partition() != partition || !m.topic().equals(topic)) {
                    topic = m.topic();
                    partition = m.partition();
                    next = processed.computeIfAbsent(new TopicPartition(topic, partition), tp -> new AtomicLong(-1));
                }
                next.lazySet(m.offset() + 1);
            }

            /**
             * Asks for a commit when the task took records since a request of its thread, the thread
             * has not asked within half an interval, and the instance is not behind; returns whether
             * records wait for a request (none: it stops punctuating until its next record). A request
             * by another task of the thread after the task's last record covers it: without that, each
             * task that took records would ask in turn after the input stopped, a commit of the whole
             * thread every half interval until every one had asked (26 in 23 s after a backfill).
             */
            private boolean request(long now) {
                ThreadRequests mine = threadRequests.get();
                boolean waiting = thread != null && (thread != mine || mine.count == requestsBefore);
                if (!waiting) {
                    return false;
                }
                if (now - mine.lastMs >= halfInterval && !behind()) {
                    mine.lastMs = now;
                    thread = mine;
                    requestsBefore = mine.count++;
                    context.commit();
                }
                return true;
            }
        };
    }
}
