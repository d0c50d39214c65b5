package io.egressmon.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The timer of a poller: polls back to back while the poll says it is behind, every
 * {@code interval} otherwise (and after a failure, so a failed slice is tried again on the next
 * tick). Shared by the counter and FlowIQ pollers.
 */
public final class PollLoop implements AutoCloseable {
    private final Vertx vertx;
    private final Duration interval;
    private final Supplier<Future<Boolean>> poll;
    private final BooleanSupplier halted;
    private long timerId = -1;
    private boolean looping;
    private volatile boolean closed;

    /**
     * @param poll   one poll; its result says whether another one is already due ("behind")
     * @param halted true when polling must stop for good (e.g. the writer was fenced)
     */
    public PollLoop(Vertx vertx, Duration interval, Supplier<Future<Boolean>> poll, BooleanSupplier halted) {
        this.vertx = vertx;
        this.interval = interval;
        this.poll = poll;
        this.halted = halted;
    }

    /** Starts polling now; does nothing when already started or closed. */
    public synchronized void start() {
        if (looping || closed) {
            return;
        }
        looping = true;
        schedule(0);
    }

    /** Polls now instead of waiting for the timer (e.g. when the inventory first arrives). */
    public synchronized void kick() {
        if (looping && timerId >= 0 && vertx.cancelTimer(timerId)) {
            schedule(0);
        }
    }

    private synchronized void schedule(long delayMillis) {
        if (closed || halted.getAsBoolean()) {
            timerId = -1;
            return;
        }
        timerId = vertx.setTimer(Math.max(1, delayMillis), id -> tick());
    }

    private void tick() {
        synchronized (this) {
            timerId = -1;
        }
        if (closed) {
            return;
        }
        Future<Boolean> once;
        try {
            once = poll.get();
        } catch (RuntimeException e) {
            once = Future.failedFuture(e);
        }
        once.onComplete(ar -> schedule(ar.succeeded() && Boolean.TRUE.equals(ar.result()) ? 0 : interval.toMillis()));
    }

    /** Stops the timer; a poll in progress finishes on its own. */
    @Override
    public synchronized void close() {
        closed = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }
}
