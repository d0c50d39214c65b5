package io.egressmon.api;

/**
 * The answer cannot be complete right now: Kafka Streams is not running, partitions are moving, or
 * the instance that owns some of them did not answer. 503 with {@code Retry-After}; never a partial
 * answer instead.
 */
public final class Unavailable extends ApiException {
    public static final String ERROR = "unavailable";
    /** What clients are told to wait before asking again. */
    public static final int RETRY_AFTER_SECONDS = 2;

    public Unavailable(String message) {
        super(null, message, null);
    }

    public Unavailable(String message, Throwable cause) {
        super(null, message, cause);
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public ErrorAnswer answer() {
        return new ErrorAnswer(ERROR, null, getMessage(), RETRY_AFTER_SECONDS, null);
    }
}
