package io.egressmon.registry;

/** A schema registry call failed; the message says which call and why. */
public final class SchemaRegistryException extends RuntimeException {
    public SchemaRegistryException(String message) {
        super(message);
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
