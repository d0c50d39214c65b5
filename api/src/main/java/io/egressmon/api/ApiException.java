package io.egressmon.api;

/**
 * A request the API refuses or cannot answer now, with the answer it gets: {@link BadParameter}
 * (400), {@link NotFound} (404), {@link Unavailable} (503). The message is for people and is sent as
 * it is, so it never carries internals.
 */
public abstract sealed class ApiException extends RuntimeException permits BadParameter, NotFound, Unavailable {
    private final String parameter;

    ApiException(String parameter, String message, Throwable cause) {
        super(message, cause);
        this.parameter = parameter;
    }

    /** The query parameter at fault, as typed in the URL (e.g. {@code days}); null when none is. */
    public String parameter() {
        return parameter;
    }

    /** The HTTP status of the answer. */
    public abstract int status();

    /** The answer's body. */
    public abstract ErrorAnswer answer();
}
