package io.egressmon.streams.query;

import java.util.Objects;

/** A query parameter the caller must fix; the REST API answers 400 naming {@link #parameter()}. */
public final class BadParameter extends RuntimeException {
    private final String parameter;

    public BadParameter(String parameter, String message) {
        super(message);
        this.parameter = Objects.requireNonNull(parameter, "parameter");
    }

    /** The parameter at fault, as typed in the URL (e.g. {@code days}). */
    public String parameter() {
        return parameter;
    }
}
