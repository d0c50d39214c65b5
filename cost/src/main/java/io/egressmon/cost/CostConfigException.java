package io.egressmon.cost;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A file of the cost module's configuration (price table, budgets) that cannot be used: every
 * problem found, each naming the file, the line and the fix, so one start says everything there is
 * to fix. An {@link IllegalArgumentException}, like the {@code config} module's
 * {@code ConfigException}, so a start that stops on one stops on all; its own type because its
 * problems have a file and a line, which environment settings do not.
 */
public abstract sealed class CostConfigException extends IllegalArgumentException
        permits PriceTableException, BudgetConfigException {
    /** One thing wrong: where ({@code file}, 1-based {@code line}), what, and how to fix it. */
    public record Problem(String file, int line, String message, String fix) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + message + " — " + fix;
        }
    }

    private final List<Problem> problems;

    /** @param what the file's kind, e.g. "price table", heading the message */
    CostConfigException(String what, List<Problem> problems) {
        super("invalid " + what + ":\n" + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
