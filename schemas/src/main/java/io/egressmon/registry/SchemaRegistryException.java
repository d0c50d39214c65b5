package io.egressmon.registry;

/**
 * A schema registry call failed; the message says which call and why. {@link #status()} and
 * {@link #errorCode()} are the registry's HTTP status and Confluent {@code error_code} (e.g. 404 and
 * 40403 for an unknown schema id), or 0 when there was no such answer (unreachable, timeout). A
 * {@link LocalSchemaRegistry} refuses with the status and code Confluent's registry would answer with.
 */
public final class SchemaRegistryException extends RuntimeException {
    /** Confluent's error code for "Schema not found". */
    public static final int SCHEMA_NOT_FOUND = 40403;

    private final int status;
    private final int errorCode;

    public SchemaRegistryException(String message) {
        this(message, 0, 0, null);
    }

    public SchemaRegistryException(String message, Throwable cause) {
        this(message, 0, 0, cause);
    }

    public SchemaRegistryException(String message, int status, int errorCode, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** The registry's HTTP status, 0 if it did not answer. */
    public int status() {
        return status;
    }

    /** The {@code error_code} of the registry's error body, 0 if there was none. */
    public int errorCode() {
        return errorCode;
    }
}
