package io.egressmon.streams;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Commits every {@code EGRESSMON_COMMIT_INTERVAL} while the instance keeps up with its input, and
 * only every {@code EGRESSMON_CATCHUP_COMMIT_INTERVAL} (Kafka Streams' {@code commit.interval.ms})
 * while it is behind by more than {@link #BEHIND_RECORDS}.
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
 * interval is enough: the others are skipped. Behind is a stream thread that took more than
 * {@link #BUSY_RECORDS_PER_SECOND} in one of its tasks over the last interval, or Kafka Streams'
 * consumer lag ({@link StreamsHealth#processingLagRecords}) above {@link #BEHIND_RECORDS}; an
 * unknown lag counts as keeping up.
 *
 * <p>The pacer reaches processors through Kafka Streams' settings ({@link #CONFIG} in
 * {@link ProcessorContext#appConfigs}); without it (TopologyTestDriver) they commit as configured.
 */
public final class CommitPacer {
    /** The pacer's key among the settings handed to Kafka Streams. */
    public static final String CONFIG = "egressmon.commit.pacer";
    /**
     * Input not yet read, in records, above which the instance is catching up: a few seconds of
     * backfill work, far above what a live poll or a second of flows leaves unread.
     */
    static final long BEHIND_RECORDS = 10_000;
    /**
     * Records a second a task took, above which its stream thread is busy catching up whatever the
     * lag says: the consumer's lag counts records not yet fetched only, and its per-partition metrics
     * appear partition by partition at the first fetches, so a start's backlog reads as none at first.
     * Live input is far below it (a poll's snapshots, flows in batches of hundreds).
     */
    static final long BUSY_RECORDS_PER_SECOND = 5_000;

    private final Duration live;
    private final Supplier<Long> lagRecords;
    /** Per stream thread: when one of its tasks last requested a commit, and until when it is busy (wall clock, ms). */
    private final ThreadLocal<ThreadGate> gates = ThreadLocal.withInitial(ThreadGate::new);

    private static final class ThreadGate {
        long lastRequest;
        long busyUntil;
    }

    /** @param lagRecords input records not read yet, or null when not known */
    public CommitPacer(Duration live, Supplier<Long> lagRecords) {
        this.live = Objects.requireNonNull(live, "live");
        this.lagRecords = Objects.requireNonNull(lagRecords, "lagRecords");
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

    boolean behind() {
        Long lag = lagRecords.get();
        return lag != null && lag > BEHIND_RECORDS;
    }

    private Paced pace(ProcessorContext<?, ?> context) {
        long interval = live.toMillis();
        long halfInterval = Math.max(1, interval / 2);
        boolean[] seen = {false};
        // Records taken, and at the last punctuation: how many and when (-1: none yet).
        long[] taken = {0, 0, -1};
        context.schedule(live, PunctuationType.WALL_CLOCK_TIME, now -> {
            ThreadGate gate = gates.get();
            long took = taken[0] - taken[1];
            long elapsed = taken[2] < 0 ? interval : Math.max(1, now - taken[2]);
            taken[1] = taken[0];
            taken[2] = now;
            if (took * 1000 / elapsed > BUSY_RECORDS_PER_SECOND) {
                // Holds off the thread's other tasks too (a request would commit this one with
                // them) until this one's next look, and half an interval more for the order in
                // which the tasks' punctuations come.
                gate.busyUntil = now + interval + halfInterval;
            }
            if (seen[0] && now - gate.lastRequest >= halfInterval && now >= gate.busyUntil && !behind()) {
                seen[0] = false;
                gate.lastRequest = now;
                context.commit();
            }
        });
        return () -> {
            seen[0] = true;
            taken[0]++;
        };
    }
}
