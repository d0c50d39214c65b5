package io.egressmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.avro.CostAlert;
import io.egressmon.copilot.sim.CopilotSimulator;
import io.egressmon.copilot.sim.SimulatorConfig;
import io.egressmon.embedded.InMemorySchemaRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's alert acceptance, with every part real: the simulator's spoke {@value #SPOKE} spends far
 * over its budget for two days (a spike of {@value #SPIKE_BYTES_PER_SECOND} bytes/s more internet
 * egress), {@code egressmon run} in a JVM of its own against a broker process backfills and prices
 * it, judges the budget and POSTs each alert to a webhook receiver whose first answer is a 500. The
 * launcher is killed with {@code kill -9} twice, each time started again: once while the spike's
 * hours are being priced, once when the first alert reaches the webhook.
 * Afterwards: the threshold (50, 80, 100 %) and burn-rate alerts of the spike's month are on
 * {@code egressmon.alerts} (read_committed) exactly once each, the receiver got every one of them
 * with a valid signature (by dedupe key, once or more: a delivery in flight at the kill is sent
 * again with its key), and the 500 was retried.
 */
class AlertSpikeIT {
    private static final String SPOKE = "accounting-aws-spoke-dev";
    /** 72 GB an hour at $0.09/GB past the account's free 100 GB: $20 is gone in about 5 hours of it. */
    private static final long SPIKE_BYTES_PER_SECOND = 20_000_000L;
    private static final String BUDGETS = """
            budgets:
              - {scope: gateway, name: %s, monthly_usd: 20}
            """.formatted(SPOKE);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Path work;
    private CopilotSimulator simulator;
    private InMemorySchemaRegistry registry;
    private BrokerProcess broker;
    private AlertWebhookIT.Receiver receiver;
    private ChildJvm app;
    private Path appLog;

    @AfterEach
    void stopAll() {
        if (app != null) {
            app.close();
        }
        for (AutoCloseable c : new AutoCloseable[] {receiver, broker, registry, simulator}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                System.out.printf("[AlertSpikeIT] closing %s: %s%n", c, e);
            }
        }
        System.out.printf("[AlertSpikeIT] logs kept: %s%n", appLog);
        if (work != null) {
            Pipeline.deleteRecursively(work.resolve("data"));
            Pipeline.deleteRecursively(work.resolve("kafka/data"));
        }
    }

    @Test
    @DisplayName("a spend spike raises its threshold and burn-rate alerts once each on egressmon.alerts and at the webhook, "
            + "across a kill -9 while they go out; the webhook's first 500 is retried")
    void spikeAlertsExactlyOnceAcrossKill() throws Exception {
        work = Files.createTempDirectory("egressmon-alert-spike");
        Instant now = Instant.now();
        // The spike covers the whole two-day backfill.
        simulator = CopilotSimulator.start(SimulatorConfig.defaults()
                .withSpike(SPOKE, now.minus(Duration.ofDays(3)), now.plus(Duration.ofHours(2)), SPIKE_BYTES_PER_SECOND));
        registry = InMemorySchemaRegistry.start("127.0.0.1", 0);
        broker = BrokerProcess.format(work.resolve("kafka"));
        broker.start();
        receiver = new AlertWebhookIT.Receiver();
        appLog = work.resolve("egressmon.log");
        Path budgets = Files.writeString(work.resolve("budgets.yaml"), BUDGETS);
        int httpPort = BrokerProcess.freePort();
        Map<String, String> env = new HashMap<>(Map.of(
                "COPILOT_URL", simulator.baseUrl(),
                "USERNAME", simulator.config().username(),
                "PASSWORD", simulator.config().password(),
                "EGRESSMON_BACKFILL", "2d",
                "EGRESSMON_BACKFILL_SLICE", "1h",
                "EGRESSMON_POLL_INTERVAL", "5s",
                "EGRESSMON_FLOWIQ_ENABLED", "false",
                "EGRESSMON_FLOW_ENABLED", "false",
                "EGRESSMON_INGEST_HTTP_PORT", Integer.toString(BrokerProcess.freePort())));
        env.put("EGRESSMON_BUDGETS", budgets.toString());
        env.put("EGRESSMON_ALERT_WEBHOOKS", receiver.url());
        env.put("EGRESSMON_ALERT_WEBHOOK_SECRET", AlertWebhookIT.SECRET.reveal());
        List<String> args = List.of("run", "--bootstrap-servers", broker.bootstrapServers(), "--schema-registry-url",
                registry.url(), "--data-dir", work.resolve("data").toString(), "--http-port", Integer.toString(httpPort));

        app = ChildJvm.start("egressmon run", appLog, List.of("-Xmx768m"), Main.class.getName(), args, env);
        // First while the spike's hours are being priced, before (or as) the first alert is raised.
        await("the first priced spoke-hours", () -> healthCount(httpPort, "cost_records") > 0, Duration.ofMinutes(4));
        long raised = healthCount(httpPort, "alerts_raised");
        app.kill9();
        System.out.printf("[AlertSpikeIT] kill -9 while pricing: %d alert(s) raised by then, %d on the topic%n", raised,
                readAlerts().size());
        app = ChildJvm.start("egressmon run", appLog, List.of("-Xmx768m"), Main.class.getName(), args, env);
        // Then when the first alert goes out: the backfill is still being priced and judged, and the webhook's 500 awaits its retry.
        await("the first alert at the webhook (answered 500)", () -> receiver.posts.get() >= 1, Duration.ofMinutes(4));
        app.kill9();
        System.out.printf("[AlertSpikeIT] kill -9 after %d POST(s) (%d delivered); then %d alert(s) on the topic%n",
                receiver.posts.get(), receiver.received.size(), readAlerts().size());
        app = ChildJvm.start("egressmon run", appLog, List.of("-Xmx768m"), Main.class.getName(), args, env);

        // The spike's month: a month whose 100 % threshold and burn rate are both raised.
        await("the threshold and burn-rate alerts of a month on the topic", () -> spikeMonth(readAlerts().keySet()) != null,
                Duration.ofMinutes(6));
        String month = spikeMonth(readAlerts().keySet());
        List<String> expected = List.of(key(month, "threshold", "50"), key(month, "threshold", "80"),
                key(month, "threshold", "100"), key(month, "burn_rate", "forecast"));
        await("every alert on the topic at the webhook", () -> receiver.keys().containsAll(readAlerts().keySet()),
                Duration.ofMinutes(3));
        Map<String, List<CostAlert>> written = readAlerts();
        System.out.printf("[AlertSpikeIT] on the topic: %s; at the webhook: %d POSTs, %d delivered, %s%n", written.keySet(),
                receiver.posts.get(), receiver.received.size(), receiver.keys());

        assertTrue(written.keySet().containsAll(expected), "the spike's month has " + expected + ": " + written.keySet());
        List<String> doubled = written.entrySet().stream().filter(e -> e.getValue().size() != 1)
                .map(e -> e.getKey() + " ×" + e.getValue().size()).toList();
        assertEquals(List.of(), doubled, "each dedupe key once on egressmon.alerts (read_committed), across the kill");
        assertEquals(written.keySet(), receiver.keys(), "the webhook got every alert on the topic, and nothing else");
        assertTrue(receiver.received.stream().allMatch(AlertWebhookIT.Receiver.Received::signed), "every delivery signed");
        Map<String, Set<String>> bodies = receiver.received.stream().collect(Collectors.groupingBy(
                AlertWebhookIT.Receiver.Received::key, Collectors.mapping(AlertWebhookIT.Receiver.Received::body, Collectors.toSet())));
        bodies.forEach((k, b) -> assertEquals(1, b.size(), "a key delivered again carries the same alert: " + k));
        assertTrue(receiver.posts.get() > receiver.received.size(), "the first POST was answered 500 and sent again");
        CostAlert hundred = written.get(key(month, "threshold", "100")).get(0);
        assertTrue(new java.math.BigDecimal(hundred.getAmountUsd()).compareTo(java.math.BigDecimal.valueOf(20)) >= 0,
                "100 % of $20 spent: " + hundred);
        await("the restarted launcher's REST API", () -> answers(httpPort, "/api/v1/alerts?month=" + month), Duration.ofMinutes(2));
        String alertsAnswer = get(httpPort, "/api/v1/alerts?month=" + month);
        for (String k : expected) {
            assertTrue(alertsAnswer.contains("\"" + k + "\""), "GET /api/v1/alerts lists " + k + ": " + alertsAnswer);
        }
        List<String> errors = ChildJvm.errorLines(ChildJvm.lines(appLog));
        assertEquals(List.of(), errors, "no ERROR in the launcher's log " + appLog);
    }

    private static String key(String month, String kind, String level) {
        return "gateway:" + SPOKE + "|" + month + "|" + kind + "|" + level;
    }

    /** The month (yyyy-MM) with both the 100 % threshold and the burn rate of the spoke's budget raised, or null. */
    private static String spikeMonth(Set<String> keys) {
        return keys.stream().map(k -> k.split("\\|")).filter(p -> p.length == 4)
                .map(p -> p[1]).distinct().sorted()
                .filter(m -> keys.contains(key(m, "threshold", "100")) && keys.contains(key(m, "burn_rate", "forecast")))
                .reduce((a, b) -> b).orElse(null);
    }

    /** A count of the streams app's {@code /health} ({@code dropped.name}); -1 while it does not answer. */
    private long healthCount(int port, String name) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("dropped").path(name).asLong(-1);
        } catch (IOException e) {
            return -1; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private boolean answers(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private String get(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private void await(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(app.alive(), () -> "the launcher exited; see " + appLog);
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; see " + appLog);
            }
            Thread.sleep(250);
        }
    }

    private Map<String, List<CostAlert>> readAlerts() {
        return AlertsTopic.read(broker.bootstrapServers(), registry.url());
    }
}
