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
    /** Environment variable with more log levels for every child, e.g. {@code org.apache.kafka.streams=info}. */
    static final String EXTRA_LOG_LEVELS = "EGRESSMON_IT_LOG";
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
        command.addAll(extraLogLevels(System.getenv(EXTRA_LOG_LEVELS)));
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

    /**
     * {@code logger=level,...} from {@link #EXTRA_LOG_LEVELS} as slf4j-simple options, to look into a
     * failure with more of Kafka's own log than the WARN every child writes by default.
     */
    static List<String> extraLogLevels(String spec) {
        List<String> options = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return options;
        }
        for (String entry : spec.split(",")) {
            String[] parts = entry.strip().split("=", 2);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException(EXTRA_LOG_LEVELS + ": \"" + entry + "\" is not logger=level");
            }
            options.add("-Dorg.slf4j.simpleLogger.log." + parts[0].strip() + "=" + parts[1].strip());
        }
        return options;
    }

    /**
     * Asks the JVM for a thread dump ({@code SIGQUIT}), which it writes to its own log: what a
     * child that stopped making progress is waiting for. Returns false when it could not be asked.
     */
    boolean threadDump() {
        if (!process.isAlive()) {
            return false;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-QUIT", Long.toString(process.pid())).inheritIO().start();
            boolean asked = kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0;
            // The JVM writes the dump from a thread of its own; give it a moment before the log is read.
            Thread.sleep(1_000);
            return asked;
        } catch (IOException e) {
            System.out.printf("[%s] no thread dump: %s%n", name, e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The stack of each thread whose name holds {@code fragment}, from the last thread dump in the
     * log ({@link #threadDump()}); empty when there is none.
     */
    String stacksFromLastDump(String fragment) {
        List<String> lines = lines();
        int dump = -1;
        for (int i = lines.size() - 1; i >= 0 && dump < 0; i--) {
            if (lines.get(i).startsWith("Full thread dump")) {
                dump = i;
            }
        }
        StringBuilder out = new StringBuilder();
        if (dump < 0) {
            return "";
        }
        boolean in = false;
        for (int i = dump; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("\"")) {
                in = line.contains(fragment);
            } else if (line.isBlank()) {
                if (in) {
                    out.append(System.lineSeparator());
                }
                in = false;
            }
            if (in) {
                out.append(line).append(System.lineSeparator());
            }
        }
        return out.toString();
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
