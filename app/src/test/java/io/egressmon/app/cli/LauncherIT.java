package io.egressmon.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.Endpoints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/egressmon report} as a user runs it, a new JVM against a stub of the REST API, after
 * {@code ./mvnw package} made {@code app/target/egressmon.jar} and its start-up archive: it prints what
 * the report prints, loads its classes from the archive and nothing of the server's libraries; with an
 * archive of another build of the jar, or none, it prints the same and says nothing about it.
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "egressmon");
    private static final Path JAR = Path.of("target", "egressmon.jar");
    private static final Path ARCHIVE = Path.of("target", "egressmon.jsa");
    private static final String REPORT = "spoke_bandwidth_7d.txt";

    /** A checkout of its own: the launcher, a copy of the jar (a rebuild: same bytes, a later time) and the archive. */
    @TempDir
    static Path rebuilt;

    @BeforeAll
    static void copyCheckout() throws IOException {
        Files.createDirectories(rebuilt.resolve("bin"));
        Files.createDirectories(rebuilt.resolve("app/target"));
        Files.copy(LAUNCHER, rebuilt.resolve("bin/egressmon"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(JAR, rebuilt.resolve("app/target/egressmon.jar"));
        Files.copy(ARCHIVE, rebuilt.resolve("app/target/egressmon.jsa"));
        Files.setLastModifiedTime(rebuilt.resolve("app/target/egressmon.jar"),
                FileTime.fromMillis(Files.getLastModifiedTime(JAR).toMillis() + 60_000));
    }

    @Test
    @DisplayName("bin/egressmon report prints the report, its classes from the archive, none of Kafka, Vert.x, Avro or slf4j")
    void fromTheArchive(@TempDir Path tmp) throws Exception {
        Run run = report(LAUNCHER, tmp);
        run.assertPrintedTheReport();
        assertTrue(run.loaded.contains("io.egressmon.app.cli.BandwidthCommand source: shared objects file (top)"),
                "the report's classes come from the archive, app/target/egressmon.jsa");
        List<String> server = run.loaded.stream()
                .filter(line -> line.matches("(org\\.apache\\.kafka|io\\.vertx|org\\.apache\\.avro|org\\.slf4j)\\..*"))
                .toList();
        assertEquals(List.of(), server, "a report loads none of the server's libraries");
    }

    @Test
    @DisplayName("with the archive of another build of the jar, the report is printed the same and nothing is said about it")
    void staleArchive(@TempDir Path tmp) throws Exception {
        Run run = report(rebuilt.resolve("bin/egressmon"), tmp);
        run.assertPrintedTheReport();
        assertFalse(run.loaded.stream().anyMatch(line -> line.contains("(top)")), "the JVM refused the archive");
    }

    @Test
    @DisplayName("without an archive, the report is printed the same and nothing is said about it")
    void noArchive(@TempDir Path tmp) throws Exception {
        Path checkout = tmp.resolve("checkout");
        Files.createDirectories(checkout.resolve("bin"));
        Files.createDirectories(checkout.resolve("app/target"));
        Files.copy(LAUNCHER, checkout.resolve("bin/egressmon"), StandardCopyOption.COPY_ATTRIBUTES);
        Path jar = Files.createSymbolicLink(checkout.resolve("app/target/egressmon.jar"), JAR.toAbsolutePath());
        try {
            report(checkout.resolve("bin/egressmon"), tmp).assertPrintedTheReport();
        } finally {
            Files.delete(jar);
        }
    }

    /** {@code launcher report bandwidth --days 7} against a stub answering the recorded answer, its class loading logged. */
    private static Run report(Path launcher, Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        Path err = tmp.resolve("err");
        Path classes = tmp.resolve("classes");
        try (StubApi api = StubApi.answering(Endpoints.BANDWIDTH, "api_bandwidth_7d.json")) {
            ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "report", "bandwidth", "--days", "7",
                    "--url", api.url()).redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> env = builder.environment();
            env.remove("JDK_JAVA_OPTIONS");
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classes);
            Process process = builder.start();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the report ended");
            List<String> stderr = Files.readAllLines(err, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.startsWith("Picked up JAVA_TOOL_OPTIONS"))
                    .toList();
            List<String> loaded = Files.readAllLines(classes).stream()
                    .map(line -> line.replaceFirst("^\\[[^]]*]\\[[^]]*]\\[[^]]*] *", ""))
                    .collect(Collectors.toList());
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), stderr, loaded);
        }
    }

    private record Run(int exit, String stdout, List<String> stderr, List<String> loaded) {
        void assertPrintedTheReport() {
            assertEquals(0, exit, () -> String.join("\n", stderr));
            assertEquals(StubApi.resource(REPORT), stdout);
            assertEquals(List.of(), stderr);
        }
    }
}
