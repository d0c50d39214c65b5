package io.egressmon.ingest.copilot;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * The body of one answer, held in memory up to a limit. The Web Client's own codec would hold any
 * answer whole, however large; this one fails the exchange with {@link BadAnswerReason#BODY_TOO_LARGE}
 * as soon as the limit is passed (the Web Client then reads the rest and throws it away, so the
 * connection can be used again). It also tells whether the answer had begun when an exchange
 * failed: a connection that closes after the status line is an answer cut off.
 *
 * <p>One per exchange: it keeps what that answer has received.
 */
final class CappedBody implements BodyCodec<Buffer> {
    private final long maxBytes;
    private volatile boolean started;
    private volatile long received;

    CappedBody(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** True once the answer's status line and headers arrived (its body is being read). */
    boolean started() {
        return started;
    }

    /** Body bytes received so far. */
    long received() {
        return received;
    }

    @Override
    public BodyStream<Buffer> stream() {
        started = true;
        return new Capped();
    }

    private final class Capped implements BodyStream<Buffer> {
        private final Buffer body = Buffer.buffer();
        private final Promise<Buffer> result = Promise.promise();

        @Override
        public Future<Buffer> result() {
            return result.future();
        }

        @Override
        public Future<Void> write(Buffer data) {
            received += data.length();
            if (result.future().isComplete()) {
                return result.future().mapEmpty();
            }
            if (body.length() + (long) data.length() > maxBytes) {
                UnusableAnswer tooLarge = new UnusableAnswer(BadAnswerReason.BODY_TOO_LARGE, "the answer is longer than "
                        + maxBytes + " bytes (EGRESSMON_MAX_RESPONSE_BYTES)", null);
                result.tryFail(tooLarge);
                return Future.failedFuture(tooLarge);
            }
            body.appendBuffer(data);
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> end() {
            result.tryComplete(body);
            return result.future().mapEmpty();
        }

        @Override
        public void handle(Throwable failure) {
            result.tryFail(failure);
        }

        @Override
        public BodyStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            // Failures are the result's: a write over the limit fails, and the pipe fails with it.
            return this;
        }

        @Override
        public BodyStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public BodyStream<Buffer> drainHandler(Handler<Void> handler) {
            return this;
        }
    }
}
