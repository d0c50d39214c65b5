package io.egressmon.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the counter and FlowIQ pollers share: a state restored from Kafka before anything runs, one
 * transactional writer, and a loop that polls back to back while behind and every interval once
 * caught up, until closed or fenced by another ingest with the same transactional id.
 *
 * @param <S> the poller's restored state
 */
public abstract class SlicePoller<S> implements AutoCloseable {
    protected final TransactionalWriter writer;
    private final PollLoop loop;
    protected volatile S state;
    protected volatile boolean closed;

    protected SlicePoller(Vertx vertx, Duration interval, TransactionalWriter writer) {
        this.writer = writer;
        this.loop = new PollLoop(vertx, interval, this::pollForLoop, writer::fenced);
    }

    /** Polls the due slice; the future says whether the poller is still behind (poll again at once). */
    protected abstract Future<Boolean> pollForLoop();

    /** Starts the loop: back to back while behind, every interval once caught up. */
    public void start() {
        requireState();
        if (!closed) {
            loop.start();
        }
    }

    /** True once another ingest with the same transactional id took over: this one no longer writes. */
    public boolean fenced() {
        return writer.fenced();
    }

    /** When this poller's last commit succeeded; null before the first. */
    public java.time.Instant lastCommit() {
        return writer.lastCommit();
    }

    /** Since when this poller's commits fail and why; null while the last one succeeded. */
    public TransactionalWriter.Failure commitFailure() {
        return writer.failure();
    }

    /** Polls now instead of waiting for the timer (e.g. when the inventory first arrives). */
    public void kick() {
        loop.kick();
    }

    /**
     * Stops the loop and closes the writer without waiting for Kafka: a commit in progress fails
     * (its slice is not written), and a slice still being read is dropped; both are polled again
     * after the restart, from the last committed watermark.
     */
    @Override
    public void close() {
        closed = true;
        loop.close();
        writer.close();
    }

    protected S requireState() {
        S s = state;
        if (s == null) {
            throw new IllegalStateException("restore() has not run");
        }
        return s;
    }

    /** Up to five names for a log line. */
    protected static String abbreviate(Set<String> names) {
        List<String> list = new ArrayList<>(names);
        return list.size() <= 5 ? String.join(", ", list) : String.join(", ", list.subList(0, 5)) + ", …";
    }
}
