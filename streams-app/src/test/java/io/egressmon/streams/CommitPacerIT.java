package io.egressmon.streams;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.avro.CounterSnapshot;
import io.egressmon.avro.InterfaceCounters;
import io.egressmon.avro.SnapshotKind;
import io.egressmon.embedded.EmbeddedKafka;
import io.egressmon.embedded.FreshTopics;
import io.egressmon.embedded.InMemorySchemaRegistry;
import io.egressmon.registry.SchemaRegistryClient;
import io.egressmon.schemas.Topic;
import io.egressmon.schemas.TopicSetup;
import io.egressmon.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real instance whose Kafka Streams commit interval is 110 s (the catch-up interval) still
 * commits live input within seconds (the pacer asks for the commits), and a backlog only once it is
 * nearly processed (CommitPacer).
 */
@DisplayName("Commit pacing on a real broker")
class CommitPacerIT {
    private static final int PARTITIONS = 2;
    private static final int GATEWAYS = 6;
    private static final int BACKLOG_GATEWAYS = 50, BACKLOG_HOURS = 800;
    private static final String GROUP = StreamsAppConfig.DEFAULT_APPLICATION_ID;

    @TempDir
    Path stateDir;
    private EmbeddedKafka kafka;
    private InMemorySchemaRegistry registry;
    private Admin admin;
    private StreamsApp app;

    @BeforeEach
    void startBroker() {
        kafka = EmbeddedKafka.start();
        registry = InMemorySchemaRegistry.start("127.0.0.1", 0);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        TopicSetup.ensureTopics(admin, PARTITIONS, (short) 1);
    }

    @AfterEach
    void stopAll() {
        if (admin != null) {
            admin.close();
        }
        Instances.closeAll(app, registry, kafka);
    }

    @Test
    @DisplayName("keeping up, live snapshots are committed within seconds though commit.interval.ms is 110 s")
    void liveInputCommittedAtTheLiveInterval() {
        app = Instances.start(kafka, registry, stateDir, PARTITIONS,
                "EGRESSMON_COMMIT_INTERVAL", "500ms", "EGRESSMON_CATCHUP_COMMIT_INTERVAL", "110s");
        Instances.await("Kafka Streams is RUNNING", Duration.ofMinutes(2),
                () -> app.streams().state() == KafkaStreams.State.RUNNING);

        int produced = produceLiveSnapshots(kafka, registry);
        long sent = System.nanoTime();
        Instances.await("the snapshots are committed", Duration.ofSeconds(30), () -> committed(admin, GROUP) == produced);
        System.out.printf("snapshots committed %.1f s after they were sent%n", (System.nanoTime() - sent) / 1e9);
    }

    @Test
    @DisplayName("behind at a start: a backlog of 40 000 snapshots is first committed once at most 10 000 are left to process, "
            + "not every 100 ms while the lag is unknown or reads only what is not fetched yet")
    void backlogCommittedOnceNearlyRead() {
        int produced = produceBacklog(kafka, registry);
        // A short live interval: a commit asked for while the lag is misread comes early in the backlog.
        app = Instances.start(kafka, registry, stateDir, PARTITIONS,
                "EGRESSMON_COMMIT_INTERVAL", "100ms", "EGRESSMON_CATCHUP_COMMIT_INTERVAL", "110s");
        long[] first = {0};
        Instances.await("a first commit", Duration.ofSeconds(60), () -> (first[0] = committed(admin, GROUP)) > 0);
        System.out.printf("the first commit covered %d of %d snapshots%n", first[0], produced);
        // The lag counts what is not fetched yet and what is fetched but not processed; once above
        // 10 000, the instance catches up until it is left with at most 1 000 (for a live interval),
        // none, or at most 10 000 for ten live intervals (1 s here: a slow or busy machine gets there
        // first). A lag misread as only what is not fetched yet commits within the first few thousand.
        assertTrue(first[0] >= produced - CommitPacer.BEHIND_RECORDS,
                "the first commit came after " + first[0] + " of " + produced + " snapshots");
        Instances.await("the backlog is committed", Duration.ofSeconds(30), () -> committed(admin, GROUP) == produced);
    }

    /** {@link #BACKLOG_HOURS} hourly readings of {@link #BACKLOG_GATEWAYS} gateways, ending at the last full hour: a backfill. */
    private static int produceBacklog(EmbeddedKafka kafka, InMemorySchemaRegistry registry) {
        Topic<String, CounterSnapshot> topic = Topics.COUNTER_SNAPSHOTS.bind(new SchemaRegistryClient(registry.url()));
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, CounterSnapshot> producer = FreshTopics.orderedProducer(kafka.bootstrapServers(), topic)) {
            for (int h = BACKLOG_HOURS - 1; h >= 0; h--) {
                Instant at = end.minus(Duration.ofHours(h));
                for (int g = 0; g < BACKLOG_GATEWAYS; g++) {
                    String gateway = Instances.gatewayName(g);
                    CounterSnapshot snapshot = CounterSnapshot.newBuilder().setGateway(gateway).setSampledAt(at)
                            .setSliceStart(at.minus(Duration.ofHours(1))).setSliceEnd(at)
                            .setKind(h == BACKLOG_HOURS - 1 ? SnapshotKind.BASELINE : SnapshotKind.BACKFILL)
                            .setInterfaces(Map.of("eth0", new InterfaceCounters(1_000L * (BACKLOG_HOURS - h), 2_000L * (BACKLOG_HOURS - h))))
                            .build();
                    sent.add(producer.send(new ProducerRecord<>(topic.name(), null, at.toEpochMilli(), gateway, snapshot)));
                }
            }
        }
        Instances.awaitAcknowledged(sent);
        return sent.size();
    }

    /** A baseline and a reading an hour later per gateway, ending at the last full hour: live input. */
    private static int produceLiveSnapshots(EmbeddedKafka kafka, InMemorySchemaRegistry registry) {
        Topic<String, CounterSnapshot> topic = Topics.COUNTER_SNAPSHOTS.bind(new SchemaRegistryClient(registry.url()));
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, CounterSnapshot> producer = FreshTopics.orderedProducer(kafka.bootstrapServers(), topic)) {
            for (int g = 0; g < GATEWAYS; g++) {
                String gateway = Instances.gatewayName(g);
                for (int h = 1; h >= 0; h--) {
                    Instant at = end.minus(Duration.ofHours(h));
                    CounterSnapshot snapshot = CounterSnapshot.newBuilder().setGateway(gateway).setSampledAt(at)
                            .setSliceStart(at.minus(Duration.ofHours(1))).setSliceEnd(at)
                            .setKind(h == 1 ? SnapshotKind.BASELINE : SnapshotKind.LIVE)
                            .setInterfaces(Map.of("eth0", new InterfaceCounters(1_000L * (2 - h), 2_000L * (2 - h))))
                            .build();
                    sent.add(producer.send(new ProducerRecord<>(topic.name(), null, at.toEpochMilli(), gateway, snapshot)));
                }
            }
        }
        Instances.awaitAcknowledged(sent);
        return sent.size();
    }

    /** The offsets the application's group committed on the snapshots topic, summed. */
    private static long committed(Admin admin, String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(Topics.COUNTER_SNAPSHOTS.name()) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset())
                    .sum();
        } catch (Exception e) {
            throw new AssertionError("could not read the group's offsets: " + e, e);
        }
    }
}
