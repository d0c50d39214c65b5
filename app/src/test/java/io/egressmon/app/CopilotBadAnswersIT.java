package io.egressmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.ApiJson;
import io.egressmon.api.CopilotBadAnswers;
import io.egressmon.api.IngestHealthAnswer;
import io.egressmon.avro.CounterSnapshot;
import io.egressmon.copilot.sim.BadAnswer;
import io.egressmon.copilot.sim.CopilotSimulator;
import io.egressmon.copilot.sim.Estate;
import io.egressmon.copilot.sim.Faults;
import io.egressmon.copilot.sim.GatewayTruth;
import io.egressmon.copilot.sim.GroundTruth;
import io.egressmon.copilot.sim.InterfaceDelta;
import io.egressmon.copilot.sim.SimulatorConfig;
import io.egressmon.copilot.sim.SimulatorTls;
import io.egressmon.ingest.IngestService;
import io.egressmon.ingest.IngestStats;
import io.egressmon.ingest.KafkaClients;
import io.egressmon.ingest.counters.Ledger;
import io.egressmon.ingest.counters.Metric;
import io.egressmon.ingest.counters.Slice;
import io.egressmon.ingest.counters.Snapshot;
import io.egressmon.registry.SchemaRegistryClient;
import io.egressmon.schemas.Topic;
import io.egressmon.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator over HTTPS gives every kind of bad answer in turn while the ingest backfills three
 * days in one-hour slices: the answers the session can try again are tried again, the others fail
 * their slice, which writes nothing and is polled again on a later tick. In the end the snapshots
 * written add up to the simulator's ground truth, to the byte, none twice, and the ingest's
 * {@code /health} counts each bad answer the simulator gave under its reason.
 */
@DisplayName("Bad CoPilot answers through the whole ingest")
class CopilotBadAnswersIT {
    private static final int MAX_BYTES = 1 << 20;
    private static final Duration PHASE = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    @AutoClose
    private PipelineHarness pipeline;

    @Test
    @DisplayName("each kind in turn: nothing lost, nothing twice, every bad answer counted by reason on /health")
    void everyKindInTurn() throws Exception {
        CopilotSimulator sim = CopilotSimulator.start(SimulatorConfig.defaults().withTls(SimulatorTls.generate(dir))
                .withLatency(Duration.ofMillis(10)));
        pipeline = new PipelineHarness(sim);
        Estate estate = sim.estate();
        Instant now = estate.anchor().minus(Duration.ofDays(11));
        Instant from = Slice.firstStart(now, Duration.ofDays(3));
        assertTrue(from.isBefore(estate.reboot().down()), "the window holds the reboot");
        sim.faults(Faults.none().withBadAnswer(BadAnswer.MALFORMED_JSON, 0.4));

        IngestService ingest = IngestService.start(pipeline.ingestConfig("EGRESSMON_BACKFILL", "3d",
                "EGRESSMON_BACKFILL_SLICE", "1h", "EGRESSMON_POLL_INTERVAL", "200ms", "EGRESSMON_INVENTORY_INTERVAL", "2s",
                "EGRESSMON_FLOWIQ_ENABLED", "false", "EGRESSMON_COPILOT_CA_FILE", sim.config().tls().trustFile().toString(),
                "EGRESSMON_MAX_RESPONSE_BYTES", Integer.toString(MAX_BYTES), "EGRESSMON_MAX_ATTEMPTS", "8",
                "EGRESSMON_RETRY_BASE_DELAY", "5ms", "EGRESSMON_RETRY_MAX_DELAY", "50ms", "EGRESSMON_REQUEST_TIMEOUT", "5s"),
                Clock.fixed(now, ZoneOffset.UTC));
        try (ingest; IngestHealthServer health = IngestHealthServer.start(ingest, null, new HealthEndpoint("127.0.0.1", 0))) {
            IngestStats stats = ingest.stats();
            // The answers a call tries again: the backfill goes on under each of them.
            retriedPhase(stats, BadAnswer.MALFORMED_JSON, Faults.none().withBadAnswer(BadAnswer.MALFORMED_JSON, 0.4), sim);
            retriedPhase(stats, BadAnswer.TRUNCATED_BODY, Faults.none().withBadAnswer(BadAnswer.TRUNCATED_BODY, 0.4), sim);
            retriedPhase(stats, BadAnswer.WRONG_TYPE, Faults.none().withBadAnswer(BadAnswer.WRONG_TYPE, 0.4), sim);
            retriedPhase(stats, BadAnswer.LOGIN_PAGE, Faults.none().withBadAnswer(BadAnswer.LOGIN_PAGE, 0.4), sim);
            // Too large: the call fails at once, its slice with it, and the slice is polled again.
            long failedBefore = stats.slicesFailed.get();
            retriedPhase(stats, BadAnswer.HUGE_BODY, Faults.none().withBadAnswer(BadAnswer.HUGE_BODY, 0.3)
                    .withHugeBodyBytes(2L * MAX_BYTES), sim);
            await(() -> stats.slicesFailed.get() > failedBefore, "a slice failed on an answer too large; " + stats);

            // A certificate for another name on every handshake: no slice gets through, the same one is asked again.
            sim.faults(Faults.none().withBadAnswer(BadAnswer.TLS_NAME_MISMATCH, 1));
            // Connections already open go on until the simulator closes them after their next answer.
            long failedThen = stats.slicesFailed.get();
            await(() -> stats.slicesFailed.get() >= failedThen + 3, "slices failing on the certificate; " + stats);
            Instant stuckAt = ingest.counters().cursor();
            long committedStuck = stats.slicesCommitted.get();
            await(() -> stats.slicesFailed.get() >= failedThen + 5, "more ticks failing on the certificate; " + stats);
            assertEquals(stuckAt, ingest.counters().cursor(), "a failed slice writes nothing, and is asked again");
            assertEquals(committedStuck, stats.slicesCommitted.get(), stats.toString());
            sim.faults(Faults.none());

            await(() -> !ingest.counters().cursor().isBefore(now), "the backfill to reach " + now + "; " + stats);
            CopilotBadAnswers counted = awaitHealthCounts(health, sim);
            System.out.println("bad answers on /health: " + counted + "; " + stats);
            assertTrue(counted.malformedJson() > 0 && counted.truncatedBody() > 0 && counted.wrongType() > 0
                    && counted.loginPage() > 0 && counted.bodyTooLarge() > 0 && counted.tlsNameMismatch() > 0, counted.toString());
            assertEquals(0, counted.tlsHandshake(), "the simulator's own certificate is trusted");
        }

        assertSnapshotsMatchTruth(sim, from, now);
    }

    /** Sets {@code faults} and waits until the ingest has seen a few of {@code kind} and still committed slices. */
    private static void retriedPhase(IngestStats stats, BadAnswer kind, Faults faults, CopilotSimulator sim) {
        sim.faults(faults);
        long seen = sim.stats().badAnswers(kind);
        long committed = stats.slicesCommitted.get();
        await(() -> sim.stats().badAnswers(kind) >= seen + 3 && stats.slicesCommitted.get() >= committed + 2,
                kind + " given and slices committed meanwhile; " + stats);
    }

    /** Waits until {@code /health} counts every bad answer the simulator gave (calls in flight finish first). */
    private static CopilotBadAnswers awaitHealthCounts(IngestHealthServer health, CopilotSimulator sim) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + health.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(response.body().contains("\"bad_answers\":{\"malformed_json\":"), response.body());
            CopilotBadAnswers counted = ApiJson.read(response.body(), IngestHealthAnswer.class).badAnswers();
            var given = sim.stats();
            CopilotBadAnswers expected = new CopilotBadAnswers(given.badAnswers(BadAnswer.MALFORMED_JSON),
                    given.badAnswers(BadAnswer.TRUNCATED_BODY), given.badAnswers(BadAnswer.WRONG_TYPE),
                    given.badAnswers(BadAnswer.LOGIN_PAGE), given.badAnswers(BadAnswer.HUGE_BODY),
                    given.badAnswers(BadAnswer.TLS_NAME_MISMATCH), 0);
            if (counted.equals(expected)) {
                return counted;
            }
            if (System.nanoTime() > deadline) {
                assertEquals(expected, counted, "/health counts each bad answer the simulator gave, under its reason");
            }
            Thread.sleep(200);
        }
    }

    /** Adds up every committed snapshot; every spoke with data equals the truth over {@code (from, to]}, to the byte. */
    private void assertSnapshotsMatchTruth(CopilotSimulator sim, Instant from, Instant to) {
        Ledger ledger = new Ledger();
        for (ConsumerRecord<String, CounterSnapshot> r : readSnapshots()) {
            ledger.apply(Snapshot.fromAvro(r.value()));
        }
        GroundTruth truth = sim.truth(from, to);
        int checked = 0;
        for (GatewayTruth spoke : truth.spokes()) {
            if (spoke.interfaces().isEmpty()) {
                continue;
            }
            for (Map.Entry<String, InterfaceDelta> iface : spoke.interfaces().entrySet()) {
                String where = spoke.gateway() + "/" + iface.getKey();
                assertEquals(iface.getValue().rxBytes(), ledger.total(spoke.gateway(), iface.getKey(), Metric.RX), where + " rx");
                assertEquals(iface.getValue().txBytes(), ledger.total(spoke.gateway(), iface.getKey(), Metric.TX), where + " tx");
            }
            checked++;
        }
        assertEquals(13, checked, "every spoke with metrics was checked");
        assertEquals(0, ledger.duplicates(), "no snapshot was written twice");
        assertEquals(0, ledger.outOfOrder(), "no snapshot went back in time");
    }

    private List<ConsumerRecord<String, CounterSnapshot>> readSnapshots() {
        Topic<String, CounterSnapshot> topic = Topics.COUNTER_SNAPSHOTS.bind(new SchemaRegistryClient(pipeline.registry.url()));
        Map<String, Object> props = KafkaClients.consumerProps(pipeline.kafka.bootstrapServers(), "bad-answers-it");
        List<ConsumerRecord<String, CounterSnapshot>> out = new java.util.ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // Up to the high watermark, which waits for the markers of the last transaction (see the ingest's Infrastructure).
            Map<String, Object> uncommitted = new java.util.HashMap<>(props);
            uncommitted.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
            Map<TopicPartition, Long> end;
            try (KafkaConsumer<String, byte[]> probe = new KafkaConsumer<>(uncommitted)) {
                end = probe.endOffsets(partitions);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertTrue(System.nanoTime() < deadline, "could not read " + topic.name() + " to its end");
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.key(), topic.deserializeValue(r.value())));
                }
            }
        }
        assertTrue(!out.isEmpty(), "snapshots were written");
        return out;
    }

    private static void await(BooleanSupplier condition, String what) {
        PipelineHarness.await(condition, PHASE, () -> "timed out waiting for " + what);
    }
}
