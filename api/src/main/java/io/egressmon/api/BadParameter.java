package io.egressmon.api;

import java.util.Objects;

/** A query parameter the caller must fix: 400, naming the parameter. */
public final class BadParameter extends ApiException {
    public static final String ERROR = "bad_request";

    public BadParameter(String parameter, String message) {
        super(Objects.requireNonNull(parameter, "parameter"), message, null);
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public ErrorAnswer answer() {
        return ErrorAnswer.of(ERROR, parameter(), getMessage());
    }
}
