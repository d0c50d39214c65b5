package io.egressmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The launcher builds the subcommand a command line names, and only that one; help still lists them all. */
class MainTest {

    @Test
    @DisplayName("every subcommand is registered under the name its @Command gives it")
    void namesAreTheCommandsOwn() {
        for (Map.Entry<String, Class<?>> subcommand : Main.SUBCOMMANDS.entrySet()) {
            assertEquals(subcommand.getKey(), new CommandLine(subcommand.getValue()).getCommandName());
        }
    }

    @Test
    @DisplayName("a command line that names a subcommand builds that one alone")
    void namedSubcommandAlone() {
        assertEquals(Set.of("report"), Main.commandLine("report", "bandwidth", "--days", "7").getSubcommands().keySet());
        assertEquals(Set.of("run"), Main.commandLine("run", "--fresh").getSubcommands().keySet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--help", "-V", "reprot"})
    @DisplayName("any other command line (none, help, version, a typo) gets every subcommand")
    void otherwiseAll(String first) {
        String[] args = first.isEmpty() ? new String[0] : new String[] {first};
        assertEquals(List.copyOf(Main.SUBCOMMANDS.keySet()), List.copyOf(Main.commandLine(args).getSubcommands().keySet()));
    }

    @Test
    @DisplayName("help of a report names it in full, as when every subcommand was built, and the top help lists all")
    void helpStaysWhole() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, Main.execute(new String[] {"report", "bandwidth", "--help"}, new PrintWriter(out, true),
                new PrintWriter(err, true)), err::toString);
        assertTrue(out.toString().startsWith("Usage: egressmon report bandwidth "), out::toString);

        out.getBuffer().setLength(0);
        assertEquals(0, Main.execute(new String[] {"--help"}, new PrintWriter(out, true), new PrintWriter(err, true)));
        for (String name : Main.SUBCOMMANDS.keySet()) {
            assertTrue(out.toString().contains("\n  " + name + " "), () -> name + " missing from\n" + out);
        }
    }
}
