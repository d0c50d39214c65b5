package io.egressmon.streams;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream thread died of an exception Kafka Streams could not handle. Replace it (the task is
 * retried from its last commit, nothing is lost) unless threads keep dying, which means the
 * error is not transient: then shut this client down, loudly, and let {@code /health} say DOWN.
 */
final class ThreadDeaths {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadDeaths.class);
    /** A stream thread that dies more often than this within {@link #THREAD_DEATH_WINDOW} is not replaced again. */
    private static final int MAX_THREAD_REPLACEMENTS = 5;
    private static final Duration THREAD_DEATH_WINDOW = Duration.ofMinutes(10);

    private final Deque<Long> deaths = new ArrayDeque<>();

    synchronized StreamThreadExceptionResponse decide(Throwable e) {
        long now = System.nanoTime();
        deaths.addLast(now);
        while (!deaths.isEmpty() && now - deaths.peekFirst() > THREAD_DEATH_WINDOW.toNanos()) {
            deaths.removeFirst();
        }
        if (deaths.size() > MAX_THREAD_REPLACEMENTS) {
            LOG.error("stream thread died {} times within {}; shutting this Kafka Streams client down "
                    + "(/health reports DOWN). Last error:", deaths.size(), THREAD_DEATH_WINDOW, e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        LOG.error("stream thread died; replacing it (it resumes from the last commit)", e);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
