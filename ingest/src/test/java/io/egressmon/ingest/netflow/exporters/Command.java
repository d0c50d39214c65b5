package io.egressmon.ingest.netflow.exporters;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the real exporters' and nfdump's binaries. A missing binary fails the test with the line that
 * installs it: these tests are the project's proof against real exporters and are never skipped.
 */
final class Command {
    /** What a finished command said. */
    record Result(int exitCode, String output) {
    }

    private Command() {
    }

    /** The binary's absolute path, looked up on PATH and in the sbin directories (pmacctd, softflowd, OvS live there). */
    static String require(String binary, String debianPackage) {
        String path = System.getenv().getOrDefault("PATH", "");
        List<String> dirs = new ArrayList<>(List.of(path.split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/local/sbin", "/usr/bin"));
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, binary))
            .filter(Files::isExecutable).findFirst().map(Path::toString)
            .orElseGet(() -> fail(binary + " is not installed: install " + debianPackage
                + " (apt-get install -y " + debianPackage + "); .ci/run does"));
    }

    /** Runs {@code argv} to its end, output and errors merged; fails the test after {@code timeout}. */
    static Result run(Duration timeout, String... argv) {
        return run(Map.of(), timeout, argv);
    }

    /** As {@link #run(Duration, String...)}, with {@code environment} added to this process's. */
    static Result run(Map<String, String> environment, Duration timeout, String... argv) {
        Path log = tempLog();
        Process process = start(environment, log, argv);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", argv) + " still running after " + timeout + "; it said:\n" + read(log));
            }
            return new Result(process.exitValue(), read(log));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + argv[0], e);
        } finally {
            deleteQuietly(log);
        }
    }

    /** Runs {@code argv} and fails the test, with what it said, unless it exits 0. */
    static String check(Duration timeout, String... argv) {
        return check(Map.of(), timeout, argv);
    }

    static String check(Map<String, String> environment, Duration timeout, String... argv) {
        Result result = run(environment, timeout, argv);
        if (result.exitCode() != 0) {
            fail(String.join(" ", argv) + " exited " + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    /** Starts {@code argv} in the background, output and errors to {@code log}. */
    static Process start(Path log, String... argv) {
        return start(Map.of(), log, argv);
    }

    static Process start(Map<String, String> environment, Path log, String... argv) {
        try {
            ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            return builder.start();
        } catch (IOException e) {
            return fail("cannot start " + String.join(" ", argv), e);
        }
    }

    static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** The pid written to {@code pidFile}, if the daemon wrote one. */
    static void killByPidFile(Path pidFile) {
        try (Stream<String> lines = Files.lines(pidFile)) {
            long pid = Long.parseLong(lines.findFirst().orElse("").trim());
            ProcessHandle.of(pid).ifPresent(h -> {
                h.destroy();
                try {
                    h.onExit().get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    h.destroyForcibly();
                }
            });
        } catch (IOException | NumberFormatException e) {
            // No pid file: the daemon never started, nothing to stop.
        }
    }

    private static Path tempLog() {
        try {
            return Files.createTempFile("rx-cmd-", ".log");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a temporary file", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover temporary log is harmless.
        }
    }
}
