package io.egressmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.egressmon.copilot.sim.CopilotSimulator;
import io.egressmon.copilot.sim.GatewayTruth;
import io.egressmon.copilot.sim.GroundTruth;
import io.egressmon.copilot.sim.SimulatorConfig;
import io.egressmon.embedded.InMemorySchemaRegistry;
import io.egressmon.schemas.Topics;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The launcher ({@code egressmon run}) and an external Kafka, each in a JVM of its own, with the
 * faults an operator meets: the broker killed while the ingest backfills or polls live, the
 * launcher stopped or killed while the broker is away. Nothing may be lost or counted twice, a
 * stop must not hang, the streams app must come back by itself, and the launcher's log must hold
 * no ERROR: none of this loses anything.
 */
class BrokerFaultIT {
    /** Two days in hourly slices: long enough to kill the broker half-way, short enough to be quick. */
    private static final Duration BACKFILL = Duration.ofDays(2);
    /** The launcher must be gone this soon after SIGTERM, even with the broker away. */
    private static final Duration STOP_BOUND = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Path work;
    private CopilotSimulator simulator;
    private InMemorySchemaRegistry registry;
    private BrokerProcess broker;
    private ChildJvm app;
    private Path appLog;
    private Path dataDir;
    private int httpPort;
    private int healthPort;
    private Instant backfillStart;
    /** Set when the totals differ from ground truth: the data directories are then kept to be looked into. */
    private boolean keepData;

    @BeforeEach
    void startBroker() throws IOException {
        work = Files.createTempDirectory("egressmon-broker-fault");
        // Some latency, so that a two-day backfill is still in its middle once the streams app runs.
        simulator = CopilotSimulator.start(SimulatorConfig.defaults().withLatency(Duration.ofMillis(250)));
        registry = InMemorySchemaRegistry.start("127.0.0.1", 0);
        broker = BrokerProcess.format(work.resolve("kafka"));
        broker.start();
        appLog = work.resolve("egressmon.log");
        dataDir = work.resolve("data");
        httpPort = BrokerProcess.freePort();
        healthPort = BrokerProcess.freePort();
    }

    @AfterEach
    void stopAll() {
        if (app != null) {
            app.close();
        }
        broker.close();
        registry.close();
        simulator.close();
        if (keepData) {
            System.out.printf("[BrokerFaultIT] logs and data directories kept: %s%n", work);
            return;
        }
        System.out.printf("[BrokerFaultIT] logs kept (the data directories are deleted): %s, %s%n", appLog, work.resolve("kafka/broker.log"));
        Pipeline.deleteRecursively(work.resolve("data"));
        Pipeline.deleteRecursively(work.resolve("kafka/data"));
    }

    @Test
    @DisplayName("the broker killed during the backfill and again during live polling, then the launcher killed: "
            + "totals match ground truth, /health and /ready say the outage, the log holds no ERROR")
    void brokerKilledDuringBackfillAndLivePolling() {
        startApp();
        // Mid-backfill, once the streams app has joined its group: a broker that dies during a fresh
        // application's first rebalance makes Kafka Streams log the missing source topics at ERROR
        // (the topics are there, the restarted broker has not loaded them yet), which is not what this tests.
        awaitStreamsRunning(Duration.ofMinutes(2));
        awaitIngest("the backfill half-way", h -> polledUntil(h).isAfter(backfillStart.plus(BACKFILL.dividedBy(3))),
                Duration.ofMinutes(2));
        assertTrue(lagSeconds(ingestHealth()) > 3600, "the broker should die mid-backfill; make the simulator slower");
        broker.kill9();
        PipelineHarness.sleep(Duration.ofSeconds(8));
        broker.start();
        awaitCaughtUp(Duration.ofMinutes(3));
        printError("after the broker's outage during the backfill");

        broker.kill9();
        // The ingest learns of the outage from its next commit: live, a slice ends every minute,
        // and a commit fails within ~20 s.
        JsonNode degraded = awaitIngest("the ingest to see its commits fail", h -> h.path("status").asText().equals("DEGRADED"),
                Duration.ofMinutes(2));
        assertEquals(false, degraded.path("kafka").path("reachable").asBoolean(true), degraded::toString);
        Reply health = get("/health");
        assertEquals(200, health.status(), health::text);
        assertEquals("DEGRADED", health.body().path("status").asText(), health::text);
        assertEquals(false, health.body().path("kafka").path("reachable").asBoolean(true), health::text);
        Reply ready = get("/ready");
        assertEquals(503, ready.status(), ready::text);
        assertTrue(ready.body().path("message").asText().startsWith("Kafka has not answered for"), ready::text);
        broker.start();
        awaitCaughtUp(Duration.ofMinutes(3));

        printError("after the broker's second outage, before the launcher is killed");
        // And the launcher itself killed while it polls live, the broker up.
        app.kill9();
        long restarted = System.nanoTime();
        startApp();
        awaitReady(Duration.ofMinutes(2));
        System.out.printf("[BrokerFaultIT] kill -9 of the launcher: RUNNING again %d ms after it started%n",
                Duration.ofNanos(System.nanoTime() - restarted).toMillis());
        awaitCaughtUp(Duration.ofMinutes(3));

        assertMatchesTruth();
        // The costs too: a commit's hours and costs went out in its transaction, through every outage and the kill.
        CostCheck.assertPricedLikeTruth(broker.bootstrapServers(), registry.url(), simulator);
        assertQuietLog();
    }

    @Test
    @DisplayName("the launcher stopped during a broker outage: SIGTERM exits within 20 s, kill -9 comes back by itself; "
            + "totals match ground truth, the log holds no ERROR")
    void launcherStoppedDuringBrokerOutage() {
        startApp();
        awaitCaughtUp(Duration.ofMinutes(3));
        printError("before any fault");

        broker.kill9();
        // Long enough for a live poll to be stuck in its commit and for Kafka Streams to miss the broker.
        PipelineHarness.sleep(Duration.ofSeconds(12));
        Duration stop = app.terminate(STOP_BOUND.plusSeconds(30));
        System.out.printf("[BrokerFaultIT] SIGTERM with the broker away: the launcher exited after %d ms%n", stop.toMillis());
        assertTrue(stop.compareTo(STOP_BOUND) <= 0, "the launcher took " + stop + " to stop; the bound is " + STOP_BOUND);

        broker.start();
        startApp();
        awaitCaughtUp(Duration.ofMinutes(3));
        printError("after SIGTERM during the outage");

        broker.kill9();
        PipelineHarness.sleep(Duration.ofSeconds(5));
        app.kill9();
        broker.start();
        long restarted = System.nanoTime();
        startApp();
        awaitReady(Duration.ofMinutes(2));
        System.out.printf("[BrokerFaultIT] kill -9 during an outage: RUNNING again %d ms after the launcher started%n",
                Duration.ofNanos(System.nanoTime() - restarted).toMillis());
        awaitCaughtUp(Duration.ofMinutes(3));

        assertMatchesTruth();
        assertQuietLog();
    }

    private void startApp() {
        Map<String, String> env = Map.of(
                "COPILOT_URL", simulator.baseUrl(),
                "USERNAME", simulator.config().username(),
                "PASSWORD", simulator.config().password(),
                "EGRESSMON_BACKFILL", "2d",
                "EGRESSMON_BACKFILL_SLICE", "1h",
                "EGRESSMON_POLL_INTERVAL", "5s",
                "EGRESSMON_FLOWIQ_ENABLED", "false",
                "EGRESSMON_FLOW_ENABLED", "false",
                "EGRESSMON_INGEST_HTTP_PORT", Integer.toString(healthPort));
        if (backfillStart == null) {
            // The launcher's JVM takes seconds to start its ingest, more on a loaded machine: its backfill
            // must start at the hour read here (a whole hour of every spoke was missing from the answer
            // of a run that started the launcher at 04:59:5x).
            PipelineHarness.awayFromHourTurn(Duration.ofSeconds(90));
        }
        Instant before = Instant.now().minus(BACKFILL).truncatedTo(ChronoUnit.HOURS);
        app = ChildJvm.start("egressmon run", appLog, List.of("-Xmx768m"), Main.class.getName(),
                List.of("run", "--bootstrap-servers", broker.bootstrapServers(), "--schema-registry-url", registry.url(),
                        "--data-dir", dataDir.toString(), "--http-port", Integer.toString(httpPort)), env);
        if (backfillStart == null) {
            backfillStart = before;
        }
    }

    /** Waits until the ingest polls live again (its watermark within two minutes of now) and the streams app has processed it all. */
    private void awaitCaughtUp(Duration timeout) {
        Instant started = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        awaitIngest("the ingest to commit a live slice", h -> h.path("status").asText().equals("UP")
                && !polledUntil(h).isBefore(started), timeout);
        awaitReady(timeout);
        PipelineHarness.awaitStreamsCaughtUp(broker.bootstrapServers(), List.of(Topics.COUNTER_SNAPSHOTS.name()), timeout);
    }

    private void awaitStreamsRunning(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Reply last = null;
        while (System.nanoTime() < deadline) {
            assertTrue(app.alive(), () -> "the launcher exited; see " + appLog);
            last = getOrNull("/health");
            if (last != null && last.body() != null && last.body().path("streams_state").asText().equals("RUNNING")) {
                return;
            }
            PipelineHarness.sleep(Duration.ofMillis(200));
        }
        throw new AssertionError("the streams app was not RUNNING within " + timeout + ": " + (last == null ? "no answer" : last.text()));
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Reply last = null;
        while (System.nanoTime() < deadline) {
            assertTrue(app.alive(), () -> "the launcher exited; see " + appLog);
            last = getOrNull("/ready");
            if (last != null && last.status() == 200) {
                return;
            }
            PipelineHarness.sleep(Duration.ofMillis(500));
        }
        if (app.threadDump()) {
            System.out.printf("[BrokerFaultIT] not ready within %s; the stream threads (the whole dump is in %s):%n%s",
                    timeout, appLog, app.stacksFromLastDump("StreamThread"));
        }
        System.out.printf("[BrokerFaultIT] the broker's open transactions:%n%s%n", PipelineHarness.openTransactions(broker.bootstrapServers()));
        throw new AssertionError("the streams app was not ready within " + timeout + ": " + (last == null ? "no answer" : last.text()));
    }

    private JsonNode awaitIngest(String what, Predicate<JsonNode> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            assertTrue(app.alive(), () -> "the launcher exited; see " + appLog);
            last = ingestHealth();
            if (last != null && condition.test(last)) {
                return last;
            }
            PipelineHarness.sleep(Duration.ofMillis(500));
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; ingest health " + last);
    }

    /**
     * Every spoke over [backfill start, the last 5-minute edge the ingest has passed] against the
     * simulator's ground truth, within the tolerance of every end-to-end test (nothing lost: a
     * lost slice or a wiped store is far beyond it; nothing counted twice).
     */
    private void assertMatchesTruth() {
        Instant polled = polledUntil(ingestHealth());
        Instant to = Instant.ofEpochSecond(polled.getEpochSecond() / 300 * 300);
        GroundTruth truth = simulator.truth(backfillStart, to);
        Reply answer = get("/api/v1/bandwidth?from=" + backfillStart + "&to=" + to);
        assertEquals(200, answer.status(), answer::text);
        double worst = PipelineHarness.worstRelativeError(answer.body(), truth);
        System.out.printf("[BrokerFaultIT] %s..%s: largest relative error against ground truth %.6f%%%n", backfillStart, to, worst * 100);
        if (worst > 0) {
            keepData = worst > PipelineHarness.TOLERANCE;
            printCoverage("the answer", answer.body());
            printHours(answer.body(), truth, to);
            PipelineHarness.sleep(Duration.ofSeconds(10));
            Reply again = get("/api/v1/bandwidth?from=" + backfillStart + "&to=" + to);
            printCoverage("the answer 10 s later", again.body());
            System.out.printf("[BrokerFaultIT] 10 s later: largest relative error %.6f%%%n",
                    PipelineHarness.worstRelativeError(again.body(), truth) * 100);
        }
        Map<String, JsonNode> rows = PipelineHarness.bySpoke(answer.body());
        truth.spokes().forEach(spoke -> {
            JsonNode row = rows.get(spoke.gateway());
            assertTrue(row != null, "spoke " + spoke.gateway() + " missing from the answer");
            PipelineHarness.assertClose(spoke.gateway() + " internal_rx", spoke.internalRxBytes(), row.path("internal_rx_bytes").asLong());
            PipelineHarness.assertClose(spoke.gateway() + " internal_tx", spoke.internalTxBytes(), row.path("internal_tx_bytes").asLong());
            PipelineHarness.assertClose(spoke.gateway() + " egress_rx", spoke.egressRxBytes(), row.path("egress_rx_bytes").asLong());
            PipelineHarness.assertClose(spoke.gateway() + " egress_tx", spoke.egressTxBytes(), row.path("egress_tx_bytes").asLong());
        });
    }

    /**
     * Where a mismatch lies: for every spoke whose total differs, its hours whose raw sums (eth0 and
     * tunnel, each direction) differ from ground truth.
     */
    private void printHours(JsonNode answer, GroundTruth truth, Instant to) {
        Map<String, JsonNode> rows = PipelineHarness.bySpoke(answer);
        for (var spoke : truth.spokes()) {
            JsonNode row = rows.get(spoke.gateway());
            if (row != null && Arrays.equals(raw(spoke), raw(row))) {
                continue;
            }
            System.out.printf("[BrokerFaultIT] %s differs: truth %s, answer %s%n", spoke.gateway(), Arrays.toString(raw(spoke)),
                    row == null ? "none" : Arrays.toString(raw(row)));
            Instant lastHour = to.minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.HOURS);
            printSteps(spoke.gateway(), lastHour, to, "5m");
            printSteps(spoke.gateway(), backfillStart, lastHour, "1h");
        }
    }

    private void printSteps(String gateway, Instant from, Instant to, String step) {
        Reply series = get("/api/v1/bandwidth/series?gateway=" + gateway + "&from=" + from + "&to=" + to + "&step=" + step);
        if (series.status() != 200) {
            System.out.printf("[BrokerFaultIT]   series %s: %s%n", step, series.text());
            return;
        }
        for (JsonNode point : series.body().path("points")) {
            Instant start = Instant.parse(point.path("start").asText());
            Instant end = Instant.parse(point.path("end").asText());
            long[] expected = raw(simulator.truth(start, end).gateway(gateway));
            long[] actual = raw(point);
            if (!Arrays.equals(expected, actual)) {
                System.out.printf("[BrokerFaultIT]   %s..%s eth0 rx/tx, tunnel rx/tx: truth %s, answer %s%n", start, end,
                        Arrays.toString(expected), Arrays.toString(actual));
            }
        }
    }

    private static void printCoverage(String what, JsonNode answer) {
        System.out.printf("[BrokerFaultIT] %s: complete %s, data_until %s, approximate %s, resolution %s%n", what,
                answer.path("complete").asText(), answer.path("data_until").asText(), answer.path("approximate").asText(),
                answer.path("resolution").asText());
        for (JsonNode row : answer.path("gateways")) {
            System.out.printf("[BrokerFaultIT]   %s data_until %s has_metrics %s%n", row.path("gateway").asText(),
                    row.path("data_until").asText(), row.path("has_metrics").asText());
        }
    }

    private static long[] raw(GatewayTruth truth) {
        return new long[] {truth.eth0RxBytes(), truth.eth0TxBytes(), truth.tunnelRxBytes(), truth.tunnelTxBytes()};
    }

    private static long[] raw(JsonNode traffic) {
        return new long[] {traffic.path("eth0_rx_bytes").asLong(), traffic.path("eth0_tx_bytes").asLong(),
                traffic.path("tunnel_rx_bytes").asLong(), traffic.path("tunnel_tx_bytes").asLong()};
    }

    private void printError(String when) {
        Instant polled = polledUntil(ingestHealth());
        Instant to = Instant.ofEpochSecond(polled.getEpochSecond() / 300 * 300);
        Reply answer = get("/api/v1/bandwidth?from=" + backfillStart + "&to=" + to);
        double worst = answer.status() == 200
                ? PipelineHarness.worstRelativeError(answer.body(), simulator.truth(backfillStart, to)) : Double.NaN;
        System.out.printf("[BrokerFaultIT] %s: %s..%s largest relative error %.6f%% (status %d)%n", when, backfillStart, to,
                worst * 100, answer.status());
    }

    /** No ERROR in any run of the launcher, and no Vert.x blocked-thread report (a stack trace a second). */
    private void assertQuietLog() {
        List<String> lines = ChildJvm.lines(appLog);
        List<String> errors = ChildJvm.errorLines(lines);
        assertTrue(errors.isEmpty(), () -> errors.size() + " ERROR line(s) in " + appLog + ":\n" + String.join("\n", errors));
        List<String> blocked = new ArrayList<>(lines.stream().filter(l -> l.contains("has been blocked for")).toList());
        assertTrue(blocked.isEmpty(), () -> "Vert.x reported blocked threads:\n" + String.join("\n", blocked));
    }

    private JsonNode ingestHealth() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (IOException e) {
            return null; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static Instant polledUntil(JsonNode ingestHealth) {
        String text = ingestHealth.path("polled_until").asText("null");
        return text.equals("null") ? Instant.EPOCH : Instant.parse(text);
    }

    private static long lagSeconds(JsonNode ingestHealth) {
        return ingestHealth.path("lag_seconds").asLong(Long.MAX_VALUE);
    }

    record Reply(int status, JsonNode body, String text) {
    }

    private Reply get(String pathAndQuery) {
        Reply reply = getOrNull(pathAndQuery);
        if (reply == null) {
            throw new AssertionError("the streams app does not answer GET " + pathAndQuery + "; see " + appLog);
        }
        return reply;
    }

    private Reply getOrNull(String pathAndQuery) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + pathAndQuery))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), JSON.readTree(r.body()), r.body());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
