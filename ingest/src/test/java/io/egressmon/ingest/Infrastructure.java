package io.egressmon.ingest;

import io.egressmon.copilot.sim.CopilotSimulator;
import io.egressmon.copilot.sim.SimulatorConfig;
import io.egressmon.embedded.EmbeddedKafka;
import io.egressmon.embedded.InMemorySchemaRegistry;
import io.egressmon.registry.SchemaRegistryClient;
import io.egressmon.config.Settings;
import io.egressmon.schemas.Topic;
import io.egressmon.schemas.TopicSpec;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** A real broker, registry and CoPilot simulator for one integration test, and ways to look at what was written. */
final class Infrastructure implements AutoCloseable {
    final EmbeddedKafka kafka;
    final InMemorySchemaRegistry registry;
    final CopilotSimulator sim;
    final SchemaRegistryClient registryClient;

    Infrastructure() {
        this(SimulatorConfig.defaults());
    }

    Infrastructure(SimulatorConfig simulator) {
        kafka = EmbeddedKafka.start();
        registry = InMemorySchemaRegistry.start("127.0.0.1", 0);
        sim = CopilotSimulator.start(simulator.withPort(0));
        registryClient = new SchemaRegistryClient(registry.url());
    }

    /** A clock standing still at {@code now}: the ingest's "present" in a test. */
    static Clock at(Instant now) {
        return Clock.fixed(now, ZoneOffset.UTC);
    }

    /** The result of {@code f}, waiting up to a minute. */
    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    /**
     * Talks to the simulator and this broker; quick retries so faults cost little time. FlowIQ is
     * off, so the counter tests count only the counters' calls; {@link #flowiqConfig()} turns it on.
     */
    IngestConfig config(String... more) {
        return IngestConfig.from(settings(more));
    }

    /** {@link #config} with the FlowIQ poller on. */
    IngestConfig flowiqConfig(String... more) {
        return IngestConfig.from(settings(more).with("EGRESSMON_FLOWIQ_ENABLED", "true"));
    }

    /** The settings of {@link #config}, then {@code more} as name, value, name, value… */
    Settings settings(String... more) {
        Map<String, String> values = new HashMap<>(Map.of(
                "COPILOT_URL", sim.baseUrl(),
                "USERNAME", sim.config().username(),
                "PASSWORD", sim.config().password(),
                "EGRESSMON_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "EGRESSMON_SCHEMA_REGISTRY_URL", registry.url(),
                "EGRESSMON_PARTITIONS", "3",
                "EGRESSMON_POLL_INTERVAL", "200ms",
                "EGRESSMON_RETRY_BASE_DELAY", "20ms",
                "EGRESSMON_RETRY_MAX_DELAY", "200ms",
                "EGRESSMON_REQUEST_TIMEOUT", "5s"));
        values.put("EGRESSMON_FLOWIQ_ENABLED", "false");
        for (int i = 0; i + 1 < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        return Settings.of(values);
    }

    /** Every committed record of {@code spec}, per partition in offset order, values decoded (null = tombstone). */
    <T extends SpecificRecord> List<ConsumerRecord<String, T>> readAll(TopicSpec<T> spec) {
        Topic<String, T> bound = spec.bind(registryClient);
        String topic = bound.name();
        List<ConsumerRecord<String, T>> out = new ArrayList<>();
        Map<String, Object> props = KafkaClients.consumerProps(config(), "it-reader");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // The high watermark, not this read_committed consumer's last stable offset: a commit
            // returns before its markers reach every partition, so the LSO read right after it can
            // stop short of the transaction just committed. Reading up to the high watermark waits
            // for those markers.
            Map<String, Object> uncommitted = new java.util.HashMap<>(props);
            uncommitted.put(org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
            Map<TopicPartition, Long> end;
            try (KafkaConsumer<String, byte[]> probe = new KafkaConsumer<>(uncommitted)) {
                end = probe.endOffsets(partitions);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.key(),
                            bound.deserializeValue(r.value())));
                }
            }
        }
        return out;
    }

    static void waitFor(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        sim.close();
        registry.close();
        kafka.close();
    }
}
