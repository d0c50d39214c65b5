package io.egressmon.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.cost.CostConfigException.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Checks on a configuration file refused with its problems at file:line (price table, budgets). */
final class ConfigProblems {
    private ConfigProblems() {
    }

    static Path write(Path file, String yaml) {
        try {
            return Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one problem that loading {@code file} is refused with, as a {@code kind}, named by file and line. */
    static Problem onlyProblem(Class<? extends CostConfigException> kind, Path file, Consumer<Path> load) {
        CostConfigException e = assertThrows(kind, () -> load.accept(file));
        assertEquals(1, e.problems().size(), e::getMessage);
        Problem p = e.problems().get(0);
        assertEquals(file.toString(), p.file(), "the problem names the user's file");
        assertTrue(e.getMessage().contains(file + ":" + p.line() + ": "), e::getMessage);
        return p;
    }

    static void assertProblem(Problem p, int line, String message, String fix) {
        assertEquals(line, p.line(), p::toString);
        assertTrue(p.message().contains(message), () -> "message: " + p);
        assertTrue(p.fix().contains(fix), () -> "fix: " + p);
    }
}
