package io.egressmon.streams;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongPredicate;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * A task's wall-clock punctuation that runs only while the task has work for it: {@link #busy} (the
 * task took a record) schedules it unless it is scheduled, and a run after which there is nothing
 * left to do cancels it, until the next record.
 *
 * <p>Why not always: each time any punctuation runs, Kafka Streams halves how many records it
 * processes per task before it looks at every task again, and each look at an idle task formats a
 * log text whether the level is on or not ({@code PartitionGroup.readyToProcess}, Kafka Streams 4.4).
 * With every task of a 36-task topology punctuating each second, that was 11–15 % of a backfill's
 * stream thread, most tasks idle (docs/benchmarks.md, session 15).
 */
public final class BusyPunctuation {
    private final ProcessorContext<?, ?> context;
    private final Duration interval;
    private final LongPredicate step;
    /** The punctuation while scheduled; null while the task is idle. */
    private Cancellable scheduled;

    /**
     * @param step one run at the given wall-clock time (ms); returns whether work is left for the
     *             next run
     */
    public BusyPunctuation(ProcessorContext<?, ?> context, Duration interval, LongPredicate step) {
        this.context = Objects.requireNonNull(context, "context");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.step = Objects.requireNonNull(step, "step");
    }

    /**
     * The task has work: schedules the punctuation unless it is scheduled.
     *
     * @return whether it was idle until now (the punctuation was not scheduled)
     */
    public boolean busy() {
        if (scheduled != null) {
            return false;
        }
        scheduled = context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::run);
        return true;
    }

    private void run(long now) {
        if (!step.test(now) && scheduled != null) {
            scheduled.cancel();
            scheduled = null;
        }
    }
}
