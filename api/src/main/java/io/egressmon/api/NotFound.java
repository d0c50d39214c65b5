package io.egressmon.api;

import java.util.Objects;

/** The thing a parameter names does not exist (e.g. an unknown gateway): 404. */
public final class NotFound extends ApiException {
    public static final String ERROR = "not_found";

    public NotFound(String parameter, String message) {
        super(Objects.requireNonNull(parameter, "parameter"), message, null);
    }

    @Override
    public int status() {
        return 404;
    }

    @Override
    public ErrorAnswer answer() {
        return ErrorAnswer.of(ERROR, parameter(), getMessage());
    }
}
