package io.egressmon.ingest.copilot;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/** At most {@code max} asynchronous tasks running at once; the others wait in arrival order. */
public final class InFlightLimit {
    private final int max;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int running;

    public InFlightLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1, got " + max);
        }
        this.max = max;
    }

    public <T> Future<T> run(Supplier<Future<T>> task) {
        Promise<T> result = Promise.promise();
        Runnable start = () -> {
            Future<T> f;
            try {
                f = task.get();
            } catch (RuntimeException e) {
                f = Future.failedFuture(e);
            }
            f.onComplete(ar -> {
                release();
                result.handle(ar);
            });
        };
        boolean now;
        synchronized (this) {
            now = running < max;
            if (now) {
                running++;
            } else {
                waiting.add(start);
            }
        }
        if (now) {
            start.run();
        }
        return result.future();
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
            }
        }
        if (next != null) {
            next.run();
        }
    }

    public synchronized int running() {
        return running;
    }
}
