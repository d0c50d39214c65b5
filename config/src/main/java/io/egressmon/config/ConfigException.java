package io.egressmon.config;

import java.util.List;

/** A configuration that cannot run: every problem, each saying which setting fixes it. */
public final class ConfigException extends IllegalArgumentException {
    private final List<String> problems;

    public ConfigException(String what, List<String> problems) {
        super("invalid " + what + " configuration: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
