package io.egressmon.app.bench;

import io.egressmon.app.LocalParts;
import io.egressmon.config.Settings;
import io.egressmon.embedded.EmbeddedKafka;
import io.egressmon.embedded.InMemorySchemaRegistry;
import io.egressmon.registry.SchemaRegistryClient;
import io.egressmon.schemas.Topic;
import io.egressmon.schemas.TopicSetup;
import io.egressmon.schemas.TopicSpec;
import io.egressmon.streams.StreamsAppConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;

/** What the benchmarks run against: a throw-away embedded broker and an in-memory schema registry. */
final class LocalCluster implements AutoCloseable {
    /** The partitions of the topics {@link #createTopics()} makes. */
    static final int PARTITIONS = 6;

    final EmbeddedKafka kafka;
    final InMemorySchemaRegistry registry;

    private LocalCluster(EmbeddedKafka kafka, InMemorySchemaRegistry registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    static LocalCluster start() {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        try {
            return new LocalCluster(kafka, InMemorySchemaRegistry.start("127.0.0.1", 0));
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    /** The application's topics, as the streams app expects them, before data is produced to them. */
    void createTopics() {
        try (Admin admin = admin()) {
            TopicSetup.ensureTopics(admin, PARTITIONS, (short) 1);
        }
    }

    /** {@code values} with this broker and registry as the Kafka settings. */
    Settings settings(Map<String, String> values) {
        return LocalParts.withKafka(Settings.of(values), kafka, registry);
    }

    /** A streams-app instance's configuration: state in {@code stateDir}, REST API on a free port. */
    StreamsAppConfig streamsConfig(Path stateDir) {
        return streamsConfig(stateDir, Map.of());
    }

    /** The same with {@code threads} stream threads. */
    StreamsAppConfig streamsConfig(Path stateDir, int threads) {
        return streamsConfig(stateDir, Map.of(StreamsAppConfig.STREAM_THREADS.name(), Integer.toString(threads)));
    }

    /** {@link #streamsConfig(Path)} with more settings ({@code EGRESSMON_*} names). */
    StreamsAppConfig streamsConfig(Path stateDir, Map<String, String> more) {
        Map<String, String> values = new HashMap<>(more);
        values.put(StreamsAppConfig.HTTP_PORT.name(), "0");
        values.put(StreamsAppConfig.STATE_DIR.name(), stateDir.toString());
        return StreamsAppConfig.from(settings(values));
    }

    /** A producer for loading much data fast: batches of up to {@code batchBytes}, lz4-compressed. */
    <V extends SpecificRecord> KafkaProducer<String, V> bulkProducer(TopicSpec<V> spec, int batchBytes) {
        Topic<String, V> topic = spec.bind(new SchemaRegistryClient(registry.url()));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, batchBytes);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /** How far a consumer group has committed into a topic: summed over its partitions. */
    record Progress(long committed, long end) {
        boolean done() {
            return committed >= end;
        }
    }

    /**
     * The records of {@code topic} the consumer group {@code applicationId} has committed, and the
     * topic's end offsets, summed over partitions (a partition without a record needs no commit).
     */
    Progress progress(Admin admin, String applicationId, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
        long done = 0;
        long end = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : ends.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            done += c == null ? 0 : Math.min(c.offset(), e.getValue().offset());
            end += e.getValue().offset();
        }
        return new Progress(done, end);
    }

    /** {@link #awaitConsumed} every 100 ms for up to 30 min, failing when it is not done by then. */
    void requireConsumed(Admin admin, String applicationId, String topic) throws Exception {
        if (!awaitConsumed(admin, applicationId, topic, Duration.ofMillis(100), Duration.ofMinutes(30)).done()) {
            throw new IllegalStateException("the streams app did not consume " + topic + " within 30 min");
        }
    }

    /**
     * Waits until the consumer group {@code applicationId} has committed every partition of {@code topic}
     * up to its end offset, checking every {@code every}; gives up after {@code timeout} and returns
     * the progress then (printed every 30 s meanwhile).
     */
    Progress awaitConsumed(Admin admin, String applicationId, String topic, Duration every, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long report = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Progress p = progress(admin, applicationId, topic);
            if (p.done() || System.nanoTime() > deadline) {
                return p;
            }
            if (System.nanoTime() > report) {
                report += TimeUnit.SECONDS.toNanos(30);
                System.out.printf("waiting for %s to consume %s: %d of %d records committed%n", applicationId, topic,
                        p.committed(), p.end());
            }
            Thread.sleep(every.toMillis());
        }
    }

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            kafka.close();
        }
    }
}
