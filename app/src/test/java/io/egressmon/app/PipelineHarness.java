package io.egressmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.egressmon.ingest.PollSettings;
import io.egressmon.config.Settings;
import io.egressmon.config.Durations;
import io.egressmon.copilot.sim.CopilotSimulator;
import io.egressmon.copilot.sim.GatewayTruth;
import io.egressmon.copilot.sim.GroundTruth;
import io.egressmon.embedded.EmbeddedKafka;
import io.egressmon.embedded.InMemorySchemaRegistry;
import io.egressmon.ingest.IngestConfig;
import io.egressmon.ingest.IngestService;
import io.egressmon.streams.StreamsApp;
import io.egressmon.streams.StreamsAppConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.TopicPartition;
import java.util.function.Supplier;

/**
 * The real pipeline for end-to-end tests: an in-process broker, the in-memory registry, the CoPilot
 * simulator, the ingest and one or more streams-app instances, with helpers to compare REST answers
 * against the simulator's ground truth.
 */
final class PipelineHarness implements AutoCloseable {
    static final Duration BACKFILL = Duration.ofDays(30);
    static final double TOLERANCE = 0.001;
    private static final ObjectMapper JSON = new ObjectMapper();

    final EmbeddedKafka kafka;
    final InMemorySchemaRegistry registry;
    final CopilotSimulator simulator;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Path workDir;
    private final List<StreamsApp> streams = new ArrayList<>();
    private IngestService ingest;

    PipelineHarness(CopilotSimulator simulator) throws IOException {
        this.workDir = Files.createTempDirectory("egressmon-it");
        this.kafka = EmbeddedKafka.start();
        this.registry = InMemorySchemaRegistry.start("127.0.0.1", 0);
        this.simulator = simulator;
    }

    /** The ingest on this pipeline: 30 days of backfill in 1-hour slices, 5 s polls; then {@code more} as name, value… */
    IngestConfig ingestConfig(String... more) {
        Settings settings = LocalParts.withSimulator(LocalParts.withKafka(Settings.of(Map.of(
                PollSettings.BACKFILL.name(), Durations.show(BACKFILL),
                PollSettings.BACKFILL_SLICE.name(), "1h",
                PollSettings.INTERVAL.name(), "5s")), kafka, registry), simulator);
        for (int i = 0; i + 1 < more.length; i += 2) {
            settings = settings.with(more[i], more[i + 1]);
        }
        return IngestConfig.from(settings);
    }

    /** Starts the ingest and returns the first instant of its backfill (now − 30 days, floored to the hour). */
    Instant startIngest(IngestConfig config) {
        awayFromHourTurn(Duration.ofSeconds(30));
        Instant before = Instant.now().minus(BACKFILL).truncatedTo(ChronoUnit.HOURS);
        ingest = IngestService.start(config);
        Instant after = Instant.now().minus(BACKFILL).truncatedTo(ChronoUnit.HOURS);
        assertEquals(before, after, "the hour turned while the ingest started; run again");
        return before;
    }

    IngestService ingest() {
        return ingest;
    }

    void stopIngest() {
        ingest.close();
        ingest = null;
    }

    StreamsApp startStreams(String stateName) {
        return startStreams(stateName, new String[0]);
    }

    /** A streams instance keeping its state under {@code stateName}, with {@code more} settings as name, value… */
    StreamsApp startStreams(String stateName, String... more) {
        Settings settings = LocalParts.withKafka(Settings.of(Map.of(
                StreamsAppConfig.STATE_DIR.name(), workDir.resolve(stateName).toString(),
                StreamsAppConfig.HTTP_PORT.name(), "0")), kafka, registry);
        for (int i = 0; i + 1 < more.length; i += 2) {
            settings = settings.with(more[i], more[i + 1]);
        }
        StreamsApp app = StreamsApp.start(StreamsAppConfig.from(settings));
        streams.add(app);
        return app;
    }

    void stopStreams(StreamsApp app) {
        app.close();
        streams.remove(app);
    }

    /** Waits until the ingest's watermark has passed {@code instant}. */
    void awaitPolledUntil(Instant instant, Duration timeout) {
        await(() -> ingest.counters().cursor() != null && !ingest.counters().cursor().isBefore(instant), timeout,
                () -> "ingest polled until " + ingest.counters().cursor() + ", waiting for " + instant
                        + "; stats " + ingest.stats());
    }

    /** Waits until the streams app has committed past everything now in {@code topic}. */
    void awaitStreamsCaughtUp(String topic, Duration timeout) {
        awaitStreamsCaughtUp(kafka.bootstrapServers(), List.of(topic), timeout);
    }

    /**
     * Waits until the streams app (the default application id) has committed past every record now in
     * {@code topics}. Past the last record, not to the end offset: a transactional producer's last
     * offset is its commit marker, and Kafka Streams commits "last record processed + 1" first and
     * moves past the marker only at a later commit.
     */
    static void awaitStreamsCaughtUp(String bootstrapServers, List<String> topics, Duration timeout) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, Long> next = afterLastRecords(bootstrapServers, topics);
            await(() -> {
                try {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                            StreamsAppConfig.DEFAULT_APPLICATION_ID).partitionsToOffsetAndMetadata().get();
                    return next.entrySet().stream().allMatch(e -> e.getValue() == 0
                            || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
                } catch (Exception e) {
                    throw new AssertionError("cannot read the streams app's offsets: " + e, e);
                }
            }, timeout, () -> "streams app still behind on " + topics + " (waiting for offsets " + next + ")");
        }
    }

    /**
     * What the broker holds open: every transaction not complete (its state, partitions and age) and
     * every partition with an open transaction of a producer (the {@code kafka-transactions.sh
     * find-hanging} view, which also shows a transaction its coordinator no longer knows of). For a
     * test's failure message, when something waits on a transaction.
     */
    static String openTransactions(String bootstrapServers) {
        StringBuilder out = new StringBuilder();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<String> ids = new ArrayList<>();
            for (var listing : admin.listTransactions().all().get(30, TimeUnit.SECONDS)) {
                ids.add(listing.transactionalId());
            }
            if (!ids.isEmpty()) {
                admin.describeTransactions(ids).all().get(30, TimeUnit.SECONDS).forEach((id, d) -> {
                    if (!EnumSet.of(TransactionState.COMPLETE_COMMIT, TransactionState.COMPLETE_ABORT, TransactionState.EMPTY)
                            .contains(d.state())) {
                        out.append(String.format("transaction %s: %s, producer %d epoch %d, started %s, partitions %s%n", id,
                                d.state(), d.producerId(), d.producerEpoch(), d.transactionStartTimeMs(), d.topicPartitions()));
                    }
                });
            }
            List<TopicPartition> partitions = new ArrayList<>();
            admin.describeTopics(admin.listTopics(new ListTopicsOptions().listInternal(true))
                    .names().get(30, TimeUnit.SECONDS)).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, d) ->
                    d.partitions().forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
            admin.describeProducers(partitions).all().get(30, TimeUnit.SECONDS).forEach((partition, producers) ->
                    producers.activeProducers().stream().filter(p -> p.currentTransactionStartOffset().isPresent())
                            .forEach(p -> out.append(String.format("%s: producer %d epoch %d has a transaction open from offset %d"
                                            + " (coordinator epoch %s, last write %d ms ago)%n", partition, p.producerId(),
                                    p.producerEpoch(), p.currentTransactionStartOffset().getAsLong(), p.coordinatorEpoch(),
                                    System.currentTimeMillis() - p.lastTimestamp()))));
        } catch (Exception e) {
            out.append("cannot describe the transactions: ").append(e);
        }
        return out.isEmpty() ? "no transaction open" : out.toString();
    }

    /**
     * Per partition of {@code topics}: the offset after its last committed record (0 if it has none),
     * read with a read_committed consumer from the end backwards, in growing steps.
     */
    private static Map<TopicPartition, Long> afterLastRecords(String bootstrapServers, List<String> topics) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<TopicPartition, Long> next = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30)); // the last stable offsets
            for (TopicPartition tp : partitions) {
                next.put(tp, afterLastRecord(consumer, tp, ends.get(tp)));
            }
        }
        return next;
    }

    private static long afterLastRecord(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp, long end) {
        consumer.assign(List.of(tp));
        for (long step = 16; ; step *= 4) {
            long from = Math.max(0, end - step);
            consumer.seek(tp, from);
            long last = -1;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(tp) < end) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("cannot read " + tp + " from " + from + " to " + end);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200)).records(tp)) {
                    if (r.offset() < end) {
                        last = Math.max(last, r.offset());
                    }
                }
            }
            if (last >= 0) {
                return last + 1;
            }
            if (from == 0) {
                return 0;
            }
        }
    }

    /** Waits until the FlowIQ poll's watermark has passed {@code instant}. */
    void awaitFlowiqPolledUntil(Instant instant, Duration timeout) {
        await(() -> ingest.flowiq().cursor() != null && !ingest.flowiq().cursor().isBefore(instant), timeout,
                () -> "FlowIQ polled until " + ingest.flowiq().cursor() + ", waiting for " + instant
                        + "; stats " + ingest.stats());
    }

    /**
     * The end of the last whole backfill slice: backfill slices start at the backfill's first hour
     * and are 1 hour long, so the ingest wrote a reading of every counter exactly there.
     */
    Instant lastCoarseSliceEnd(Instant backfillStart) {
        long slice = Duration.ofHours(1).toMillis();
        long covered = Duration.between(backfillStart, ingest.counters().cursor()).toMillis();
        return backfillStart.plusMillis(covered / slice * slice);
    }

    /** A REST answer: the status and the JSON body. */
    record Reply(int status, JsonNode body, String text) {
    }

    /**
     * GET as a client of the API should: a 503 (instances rebalancing) is retried after its
     * Retry-After, for up to a minute; anything else is returned as it is.
     */
    Reply get(StreamsApp app, String pathAndQuery) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            Reply reply = getOnce(app, pathAndQuery);
            if (reply.status() != 503 || System.nanoTime() > deadline) {
                return reply;
            }
            sleep(Duration.ofSeconds(Math.max(1, reply.body().path("retry_after_seconds").asInt(1))));
        }
    }

    Reply getOnce(StreamsApp app, String pathAndQuery) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(app.url() + pathAndQuery))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), JSON.readTree(response.body()), response.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + pathAndQuery + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Asks {@code app} for every spoke over [from, to) until the answer matches the ground truth
     * exactly or {@code timeout} passes; then asserts each spoke within {@link #TOLERANCE}.
     * Returns the last answer and prints the largest relative error seen.
     */
    JsonNode assertMatchesTruth(StreamsApp app, Instant from, Instant to, Duration timeout) {
        GroundTruth truth = simulator.truth(from, to);
        String query = "/api/v1/bandwidth?from=" + from + "&to=" + to;
        long deadline = System.nanoTime() + timeout.toNanos();
        Reply reply;
        double worst;
        do {
            reply = get(app, query);
            worst = reply.status() == 200 ? worstRelativeError(reply.body(), truth) : Double.POSITIVE_INFINITY;
            if (worst == 0.0) {
                break;
            }
            sleep(Duration.ofSeconds(2));
        } while (System.nanoTime() < deadline);
        Reply last = reply;
        assertEquals(200, last.status(), () -> "last answer: " + last.text());
        JsonNode answer = last.body();
        Map<String, JsonNode> bySpoke = bySpoke(answer);
        for (GatewayTruth spoke : truth.spokes()) {
            JsonNode row = bySpoke.get(spoke.gateway());
            assertTrue(row != null, "spoke " + spoke.gateway() + " missing from the answer");
            assertClose(spoke.gateway() + " internal_rx", spoke.internalRxBytes(), row.path("internal_rx_bytes").asLong());
            assertClose(spoke.gateway() + " internal_tx", spoke.internalTxBytes(), row.path("internal_tx_bytes").asLong());
            assertClose(spoke.gateway() + " egress_rx", spoke.egressRxBytes(), row.path("egress_rx_bytes").asLong());
            assertClose(spoke.gateway() + " egress_tx", spoke.egressTxBytes(), row.path("egress_tx_bytes").asLong());
        }
        System.out.printf("[%s] %s..%s: largest relative error against ground truth %.6f%%%n",
                app.url(), from, to, worst * 100);
        return answer;
    }

    static double worstRelativeError(JsonNode answer, GroundTruth truth) {
        Map<String, JsonNode> bySpoke = bySpoke(answer);
        double worst = 0;
        for (GatewayTruth spoke : truth.spokes()) {
            JsonNode row = bySpoke.get(spoke.gateway());
            if (row == null) {
                return Double.POSITIVE_INFINITY;
            }
            worst = Math.max(worst, relative(spoke.internalRxBytes(), row.path("internal_rx_bytes").asLong()));
            worst = Math.max(worst, relative(spoke.internalTxBytes(), row.path("internal_tx_bytes").asLong()));
            worst = Math.max(worst, relative(spoke.egressRxBytes(), row.path("egress_rx_bytes").asLong()));
            worst = Math.max(worst, relative(spoke.egressTxBytes(), row.path("egress_tx_bytes").asLong()));
        }
        return worst;
    }

    /** Each spoke's fields off by more than the tolerance: spoke, field, truth, answer. */
    static List<String> differences(JsonNode answer, GroundTruth truth) {
        Map<String, JsonNode> bySpoke = bySpoke(answer);
        List<String> out = new ArrayList<>();
        for (GatewayTruth spoke : truth.spokes()) {
            JsonNode row = bySpoke.get(spoke.gateway());
            if (row == null) {
                out.add(spoke.gateway() + " missing");
                continue;
            }
            long[] want = {spoke.internalRxBytes(), spoke.internalTxBytes(), spoke.egressRxBytes(), spoke.egressTxBytes()};
            String[] fields = {"internal_rx_bytes", "internal_tx_bytes", "egress_rx_bytes", "egress_tx_bytes"};
            for (int i = 0; i < 4; i++) {
                long got = row.path(fields[i]).asLong();
                if (relative(want[i], got) > TOLERANCE) {
                    out.add(spoke.gateway() + " " + fields[i] + " truth " + want[i] + " answer " + got);
                }
            }
        }
        return out;
    }

    static Map<String, JsonNode> bySpoke(JsonNode answer) {
        Map<String, JsonNode> rows = new HashMap<>();
        answer.path("gateways").forEach(row -> rows.put(row.path("gateway").asText(), row));
        return rows;
    }

    static void assertClose(String what, long expected, long actual) {
        assertTrue(relative(expected, actual) <= TOLERANCE,
                () -> what + ": expected " + expected + " ± 0.1 %, got " + actual);
    }

    private static double relative(long expected, long actual) {
        if (expected == actual) {
            return 0;
        }
        return Math.abs((double) actual - expected) / Math.max(1.0, Math.abs((double) expected));
    }

    static void await(BooleanSupplier condition, Duration timeout, Supplier<String> message) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + ": " + message.get());
            }
            sleep(Duration.ofMillis(500));
        }
    }

    /**
     * Returns at once unless the clock is within {@code margin} of the next hour, else once that hour
     * has begun: a backfill starts "now − N, floored to the hour", and a test that takes that instant
     * from its own clock must not read it in one hour while the pipeline it starts reads it in the next.
     */
    static void awayFromHourTurn(Duration margin) {
        Instant now = Instant.now();
        Instant next = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        if (Duration.between(now, next).compareTo(margin) < 0) {
            sleep(Duration.between(now, next).plusSeconds(1));
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Closes a test's own {@code parts} (nulls skipped; a failure printed, so the rest still close), then
     * the harness. For {@code @AfterAll}/{@code @AfterEach}, where {@code harness} may not have started.
     */
    static void close(PipelineHarness harness, AutoCloseable... parts) {
        for (AutoCloseable part : parts) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                System.out.println("closing " + part + ": " + e);
            }
        }
        if (harness != null) {
            harness.close();
        }
    }

    @Override
    public void close() {
        if (ingest != null) {
            ingest.close();
        }
        for (StreamsApp app : List.copyOf(streams)) {
            app.close();
        }
        simulator.close();
        registry.close();
        kafka.close();
        Pipeline.deleteRecursively(workDir);
    }
}
