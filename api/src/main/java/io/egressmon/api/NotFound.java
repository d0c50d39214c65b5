package io.egressmon.api;

import java.time.Instant;
import java.util.Objects;

/** The thing a parameter names does not exist (e.g. an unknown gateway): 404. */
public final class NotFound extends ApiException {
    public static final String ERROR = "not_found";

    public NotFound(String parameter, String message) {
        super(Objects.requireNonNull(parameter, "parameter"), message, null);
    }

    /** A gateway neither the inventory nor {@code data} (e.g. "counters") knows between {@code from} and {@code to}. */
    public static NotFound unknownGateway(String gateway, String data, Instant from, Instant to) {
        return new NotFound(QueryParameters.GATEWAY, "unknown gateway '" + gateway + "': not in the inventory and no "
                + data + " between " + from + " and " + to);
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
