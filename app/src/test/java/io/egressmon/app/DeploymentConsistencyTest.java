package io.egressmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** docker-compose.yml, README and CI are written for users and not run here, so they are checked against the code. */
class DeploymentConsistencyTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern SETTING = Pattern.compile("\\b(EGRESSMON_[A-Z0-9_]+)\\b");

    @Test
    @DisplayName("every EGRESSMON_ setting in docker-compose.yml is one the configuration declares")
    void composeSettingsAreReadByTheCode() {
        Set<String> inCompose = settingsIn(read(ROOT.resolve("docker-compose.yml")));
        assertFalse(inCompose.isEmpty(), "docker-compose.yml names no EGRESSMON_ settings");
        Set<String> inCode = new TreeSet<>();
        Configuration.ALL.forEach(setting -> inCode.add(setting.name()));
        Set<String> unknown = new TreeSet<>(inCompose);
        unknown.removeAll(inCode);
        assertTrue(unknown.isEmpty(), "docker-compose.yml sets what no code reads: " + unknown);
    }

    @Test
    @DisplayName("docker-compose publishes ports on the loopback address only")
    void composePublishesOnLoopback() {
        Matcher ports = Pattern.compile("^\\s*-\\s*\"([^\"]+:\\d+)\"\\s*$", Pattern.MULTILINE)
                .matcher(read(ROOT.resolve("docker-compose.yml")));
        int seen = 0;
        while (ports.find()) {
            seen++;
            assertTrue(ports.group(1).startsWith("127.0.0.1:"), "port published beyond loopback: " + ports.group(1));
        }
        assertTrue(seen >= 2, "expected the two streams instances' ports, found " + seen);
    }

    @Test
    @DisplayName(".ci/run runs exactly the test command README gives")
    void ciRunsTheReadmeTestCommand() {
        String readme = read(ROOT.resolve("README.md"));
        Matcher block = Pattern.compile("Run every test[^`]*```bash\\n([^\\n]+)\\n```", Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(), "README has no 'Run every test' command block");
        String testCommand = block.group(1).trim();
        List<String> ciCommands = read(ROOT.resolve(".ci/run")).lines()
                .map(String::trim).filter(l -> l.startsWith("./mvnw")).toList();
        assertEquals(List.of(testCommand), ciCommands);
    }

    private static Set<String> settingsIn(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = SETTING.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
