package io.egressmon.config;

import java.util.Objects;

/**
 * A value that must never reach a log line or an exception message: {@link #toString()} is
 * {@code ***}, and the only way to the value is the explicit {@link #reveal()}.
 */
public final class Secret {
    private static final Secret EMPTY = new Secret("");

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return value == null || value.isEmpty() ? EMPTY : new Secret(value);
    }

    public static Secret empty() {
        return EMPTY;
    }

    /** The value itself; call it only where the value is sent (the login body). */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(value);
    }

    @Override
    public String toString() {
        return "***";
    }
}
