package io.egressmon.app.cli;

import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Turns the report library's {@link IllegalArgumentException}s about flags into picocli usage errors (exit 2). */
final class Usage {
    private Usage() {
    }

    /** {@code step}'s value, or a usage error carrying its message. */
    static <T> T check(CommandSpec spec, Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            throw error(spec, e.getMessage());
        }
    }

    static ParameterException error(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
