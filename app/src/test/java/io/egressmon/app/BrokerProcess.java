package io.egressmon.app;

import io.egressmon.embedded.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft Kafka in a JVM of its own ({@code kafka.Kafka}, the same jars as the
 * embedded broker, the same configuration: one replica of every internal topic,
 * {@code transaction.state.log.min.isr=1}), on fixed loopback ports so that it comes back where
 * its clients look for it after a {@code kill -9}.
 */
final class BrokerProcess implements AutoCloseable {
    private final Path dir;
    private final Path properties;
    private final Path log;
    private final int port;
    private ChildJvm jvm;

    private BrokerProcess(Path dir, Path properties, Path log, int port) {
        this.dir = dir;
        this.properties = properties;
        this.log = log;
        this.port = port;
    }

    /** Writes the configuration and formats the log directory (with {@code kafka.tools.StorageTool}); does not start it. */
    static BrokerProcess format(Path dir) {
        int[] ports = freePorts(2);
        Path data = dir.resolve("data");
        Path properties = dir.resolve("server.properties");
        Path log = dir.resolve("broker.log");
        Properties config = new Properties();
        config.putAll(EmbeddedKafka.singleNodeConfig(data, ports[0], ports[1]));
        try {
            Files.createDirectories(data);
            try (var out = Files.newBufferedWriter(properties)) {
                config.store(out, "egressmon broker-fault test: one KRaft node");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + properties, e);
        }
        try (ChildJvm format = ChildJvm.start("kafka-storage format", log, List.of("-Xmx256m"), "kafka.tools.StorageTool",
                List.of("format", "--cluster-id", Uuid.randomUuid().toString(), "--config", properties.toString()), Map.of())) {
            int exit = format.exitCode(Duration.ofSeconds(60));
            if (exit != 0) {
                throw new AssertionError("kafka-storage format exited with " + exit + "; see " + log);
            }
        }
        if (!Files.exists(data.resolve("meta.properties"))) {
            throw new AssertionError("kafka-storage did not format " + data + "; see " + log);
        }
        return new BrokerProcess(dir, properties, log, ports[0]);
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts {@code kafka.Kafka} and waits until it answers. */
    void start() {
        if (jvm != null && jvm.alive()) {
            throw new IllegalStateException("the broker is running");
        }
        jvm = ChildJvm.start("broker", log, List.of("-Xmx512m"), "kafka.Kafka", List.of(properties.toString()), Map.of());
        awaitAnswering(Duration.ofSeconds(90));
    }

    /** {@code kill -9} the broker: no controlled shutdown, no flush. */
    void kill9() {
        jvm.kill9();
    }

    private void awaitAnswering(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000))) {
            while (true) {
                if (!jvm.alive()) {
                    throw new AssertionError("the broker exited while starting; see " + log);
                }
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("the broker at " + bootstrapServers() + " did not answer within "
                                + timeout + ": " + e + "; see " + log, e);
                    }
                }
                PipelineHarness.sleep(Duration.ofMillis(500));
            }
        }
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        if (jvm != null) {
            jvm.close();
        }
    }

    private static int[] freePorts(int n) {
        int[] ports = new int[n];
        ServerSocket[] sockets = new ServerSocket[n];
        try {
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            for (ServerSocket s : sockets) {
                s.close();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free ports", e);
        }
    }

    static int freePort() {
        return freePorts(1)[0];
    }
}
