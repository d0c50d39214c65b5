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

    /**
     * The refusal an error answer of this API stands for, to relay it unchanged (its {@link #answer()}
     * is {@code error} again); null when {@code status} is not one of the API's refusals or the answer
     * lacks what that refusal carries (a 400 or 404 names its parameter).
     */
    public static ApiException of(int status, ErrorAnswer error) {
        return switch (status) {
            case 400 -> error.parameter() == null ? null : new BadParameter(error.parameter(), error.message());
            case 404 -> error.parameter() == null ? null : new NotFound(error.parameter(), error.message());
            case 503 -> new Unavailable(error.message());
            default -> null;
        };
    }
}
