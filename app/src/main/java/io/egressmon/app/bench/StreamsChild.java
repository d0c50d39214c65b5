package io.egressmon.app.bench;

import io.egressmon.config.KafkaSettings;
import io.egressmon.streams.StreamsAppConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The streams role in a JVM of its own ({@code egressmon streams}, the same jar as this one) against
 * the benchmark's broker and registry, as it runs in production: its memory is then its own, not
 * shared with the broker's. Its output goes to {@code streams.log} in its directory.
 */
final class StreamsChild implements AutoCloseable {
    /** A line of {@code jcmd GC.heap_info}: a heap or one of its generations, with what it uses. */
    private static final Pattern HEAP_USED = Pattern.compile("(heap|generation|Gen)\\s+total \\d+K, used (\\d+)K");

    private final Process process;
    private final Path log;
    private final int httpPort;

    private StreamsChild(Process process, Path log, int httpPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
    }

    /**
     * Starts {@code egressmon streams} with {@code jvmOptions} (its {@code -Xmx}, say), state in
     * {@code dir}, the REST API on a port that was free a moment before, and {@code settings}; this
     * JVM's environment is passed on (so are its {@code EGRESSMON_*} settings).
     */
    static StreamsChild start(LocalCluster cluster, Path dir, List<String> jvmOptions, Map<String, String> settings) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path")); // the jar, when run with -jar
        command.add("io.egressmon.app.Main");
        command.add("streams");
        Path log = dir.resolve("streams.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put(KafkaSettings.BOOTSTRAP_SERVERS.name(), cluster.kafka.bootstrapServers());
        builder.environment().put(KafkaSettings.SCHEMA_REGISTRY_URL.name(), cluster.registry.url());
        int httpPort = freePort();
        builder.environment().put(StreamsAppConfig.HTTP_PORT.name(), Integer.toString(httpPort));
        builder.environment().put(StreamsAppConfig.STATE_DIR.name(), dir.resolve("state").toString());
        builder.environment().putAll(settings);
        try {
            return new StreamsChild(builder.start(), log, httpPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
    }

    /** A loopback port nothing listens on now (the child binds it a second or two later). */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        }
    }

    long pid() {
        return process.pid();
    }

    int httpPort() {
        return httpPort;
    }

    boolean alive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /**
     * Its heap in use after a full GC, in MiB, asked with {@code jcmd} (-1 when this JVM has no
     * {@code jcmd}, a JRE, or it does not answer).
     */
    long heapAfterGcMib() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return -1;
        }
        run(jcmd.toString(), Long.toString(pid()), "GC.run");
        Matcher m = HEAP_USED.matcher(run(jcmd.toString(), Long.toString(pid()), "GC.heap_info"));
        long usedKib = 0;
        boolean found = false;
        while (m.find()) {
            usedKib += Long.parseLong(m.group(2));
            found = true;
        }
        return found ? usedKib >> 10 : -1;
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** {@code SIGSTOP}: frozen, as a whole, until {@link #resume}. */
    void pause() {
        signal("-STOP");
    }

    /** {@code SIGCONT}. */
    void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        String out = run("kill", signal, Long.toString(pid()));
        if (!out.isBlank()) {
            throw new IllegalStateException("kill " + signal + " " + pid() + ": " + out);
        }
    }

    /** SIGTERM (a clean close, as a service manager stops it), then {@code kill -9} after 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
