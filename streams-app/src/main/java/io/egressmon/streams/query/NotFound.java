package io.egressmon.streams.query;

import java.util.Objects;

/** The thing a parameter names does not exist (e.g. an unknown gateway); the REST API answers 404. */
public final class NotFound extends RuntimeException {
    private final String parameter;

    public NotFound(String parameter, String message) {
        super(message);
        this.parameter = Objects.requireNonNull(parameter, "parameter");
    }

    public String parameter() {
        return parameter;
    }
}
