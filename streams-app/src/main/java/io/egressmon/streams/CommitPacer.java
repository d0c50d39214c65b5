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
 * interval is enough: the others are skipped. Behind or not is Kafka Streams' consumer lag
 * ({@link StreamsHealth#processingLagRecords}); unknown counts as keeping up.
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

    private final Duration live;
    private final Supplier<Long> lagRecords;
    /** Per stream thread: when one of its tasks last requested a commit (wall clock, ms). */
    private final ThreadLocal<long[]> lastRequest = ThreadLocal.withInitial(() -> new long[] {0});

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
        long halfInterval = Math.max(1, live.toMillis() / 2);
        boolean[] seen = {false};
        context.schedule(live, PunctuationType.WALL_CLOCK_TIME, now -> {
            long[] last = lastRequest.get();
            if (seen[0] && now - last[0] >= halfInterval && !behind()) {
                seen[0] = false;
                last[0] = now;
                context.commit();
            }
        });
        return () -> seen[0] = true;
    }
}
