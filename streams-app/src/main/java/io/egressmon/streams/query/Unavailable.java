package io.egressmon.streams.query;

/**
 * The answer cannot be complete right now: Kafka Streams is not running, partitions are moving, or
 * the instance that owns some of them did not answer. The REST API answers 503 with
 * {@code Retry-After}; it never sends a partial answer instead.
 */
public final class Unavailable extends RuntimeException {
    /** What clients are told to wait before asking again. */
    public static final int RETRY_AFTER_SECONDS = 2;

    public Unavailable(String message) {
        super(message);
    }

    public Unavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
