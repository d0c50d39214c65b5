package io.egressmon.app.cli;

import io.egressmon.api.BadParameter;
import io.egressmon.api.GroupBy;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Turns refused flags into picocli usage errors (exit 2): the API's own checks of a request
 * ({@link BadParameter}, the same the server makes) and other {@link IllegalArgumentException}s.
 */
final class Usage {
    private Usage() {
    }

    /** {@code step}'s value, or a usage error carrying its message. */
    static <T> T check(CommandSpec spec, Supplier<T> step) {
        try {
            return step.get();
        } catch (BadParameter | IllegalArgumentException e) {
            throw error(spec, e.getMessage());
        }
    }

    /** The grouping {@code --group-by KEY} names, null without it, or a usage error naming the keys. */
    static GroupBy groupBy(CommandSpec spec, String key) {
        return key == null ? null : check(spec, () -> GroupBy.fromKey(key));
    }

    static ParameterException error(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
