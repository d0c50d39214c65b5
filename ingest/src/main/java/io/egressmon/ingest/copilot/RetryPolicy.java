package io.egressmon.ingest.copilot;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often a CoPilot call (or a login) is tried on 5xx answers, timeouts and I/O errors, and how
 * long it waits in between: exponential back-off, so a struggling CoPilot gets room, with jitter,
 * so calls that failed together do not all come back at the same moment.
 *
 * @param maxAttempts tries per call, the first included; less than 1 is taken as 1
 * @param baseDelay   the wait before the second try; it doubles per try, up to {@code maxDelay}
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    public RetryPolicy {
        maxAttempts = Math.max(1, maxAttempts);
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
    }

    /**
     * The wait after {@code tries} failed tries: a random time in [d/2, d] milliseconds,
     * d = base·2^(tries−1) capped at the maximum.
     */
    long delayMillis(int tries) {
        long base = Math.max(0, baseDelay.toMillis());
        long cap = Math.max(base, maxDelay.toMillis());
        long d = base << Math.min(20, Math.max(0, tries - 1));
        d = Math.min(cap, d < 0 ? cap : d);
        return d <= 1 ? d : d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1);
    }

    /** Completes after {@link #delayMillis}, on a Vert.x timer. */
    Future<Void> pause(Vertx vertx, int tries) {
        long millis = delayMillis(tries);
        if (millis <= 0) {
            return Future.succeededFuture();
        }
        return vertx.timer(millis).mapEmpty();
    }
}
