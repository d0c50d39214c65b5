package io.egressmon.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A JVM of its own on the test classpath, where {@code kill -9} and {@code SIGTERM} mean what they
 * mean in production: a broker that vanishes, a launcher stopped by its service manager. Its
 * stdout and stderr go to a file the test reads back.
 */
final class ChildJvm implements AutoCloseable {
    /** A line slf4j-simple writes at ERROR ({@code 12:34:56.789 ERROR Logger - ...}, with or without the time or brackets). */
    private static final Pattern ERROR_LINE = Pattern.compile("^(\\S+ )?\\[?ERROR]? .*");

    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code mainClass} with {@code args}; {@code env} is added to this JVM's environment. */
    static ChildJvm start(String name, Path log, List<String> jvmOptions, String mainClass, List<String> args,
                          Map<String, String> env) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(testClasspath());
        command.add("-XX:+UseSerialGC");
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-Dorg.slf4j.simpleLogger.log.io.egressmon=info");
        command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        command.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");
        command.add("-Dorg.slf4j.simpleLogger.showShortLogName=true");
        command.add("-Dorg.slf4j.simpleLogger.showThreadName=false");
        command.addAll(jvmOptions);
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            Files.writeString(log, "=== start " + name + " " + String.join(" ", args) + System.lineSeparator(),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            return new ChildJvm(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** The classpath this test runs with: the reactor's classes and every dependency. */
    private static String testClasspath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    boolean alive() {
        return process.isAlive();
    }

    /** {@code kill -9}: no shutdown hook, no flush, no goodbye to the group or the coordinator. */
    void kill9() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** {@code SIGTERM}, as a service manager stops it; returns how long it took to exit. */
    Duration terminate(Duration atMost) {
        long started = System.nanoTime();
        process.destroy();
        awaitExit(atMost);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Waits for it to exit by itself; returns its exit code. */
    int exitCode(Duration atMost) {
        awaitExit(atMost);
        return process.exitValue();
    }

    private void awaitExit(Duration atMost) {
        try {
            if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
                throw new AssertionError(name + " did not exit within " + atMost + "; killed. Log: " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Every line of its log (all its runs, when restarted into the same file). */
    List<String> lines() {
        return lines(log);
    }

    static List<String> lines(Path log) {
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    /** The ERROR lines of {@code lines}, each with the line after it (the exception, usually). */
    static List<String> errorLines(List<String> lines) {
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (ERROR_LINE.matcher(lines.get(i)).matches() || lines.get(i).startsWith("Exception in thread")) {
                errors.add(lines.get(i) + (i + 1 < lines.size() ? System.lineSeparator() + lines.get(i + 1) : ""));
            }
        }
        return errors;
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
