package io.egressmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.egressmon.config.KafkaSettings;
import io.egressmon.config.Settings;
import io.egressmon.copilot.sim.CopilotSimulator;
import io.egressmon.copilot.sim.SimulatorConfig;
import io.egressmon.ingest.PollSettings;
import io.egressmon.ingest.netflow.CollectorSettings;
import io.egressmon.ingest.netflow.FlowCollector;
import io.egressmon.streams.StreamsApp;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Grafana dashboard of docker-compose.yml against a running pipeline — broker, simulator, ingest
 * backfilling, the collector receiving NetFlow, a streams instance, wired as in {@link MetricsIT} —
 * and a real Prometheus (Debian's package): its configuration passes promtool, every metric name a
 * query reads is in a live scrape of the two ports, and every query, evaluated by Prometheus over
 * what it scraped, is valid PromQL that returns data.
 */
@DisplayName("The Grafana dashboard and Prometheus configuration against a running pipeline")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GrafanaDashboardIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** What Grafana puts for its interval variables; other variables are "All" ({@code allValue} {@code .+}). */
    private static final Map<String, String> INTERVALS = Map.of("$__rate_interval", "15s", "$__interval", "5s", "$__range", "5m");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]+}|\\$[a-zA-Z_][a-zA-Z0-9_]*|\\[\\[[^]]+]]");

    private final HttpClient http = HttpClient.newHttpClient();
    private final GrafanaDashboard dashboard = GrafanaDashboard.read(GrafanaDashboard.EGRESSMON);
    private PipelineHarness pipeline;
    private StreamsApp streams;
    private FlowCollector collector;
    private IngestHealthServer health;
    private Path dir;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("egressmon-prometheus");
        pipeline = new PipelineHarness(CopilotSimulator.start(SimulatorConfig.defaults()));
        streams = pipeline.startStreams("streams");
        pipeline.startIngest(pipeline.ingestConfig(PollSettings.BACKFILL.name(), "2d"));
        Settings settings = LocalParts.withKafka(Settings.of(Map.of(
                CollectorSettings.NETFLOW_LISTEN.name(), "127.0.0.1:0", CollectorSettings.SFLOW_LISTEN.name(), "none")),
                pipeline.kafka, pipeline.registry);
        collector = FlowCollector.start(KafkaSettings.from(settings.reader()), CollectorSettings.from(settings.reader()));
        health = IngestHealthServer.start(pipeline.ingest(), collector, new HealthEndpoint("127.0.0.1", 0));
        InetSocketAddress netflow = collector.addresses().get(0);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            byte[] v5 = MetricsIT.netflowV5(System.currentTimeMillis(), 3);
            socket.send(new DatagramPacket(v5, v5.length, netflow));
        }
        // REST latency is recorded per request: give the dashboard's REST panels something to show.
        pipeline.getOnce(streams, "/api/v1/gateways");
        pipeline.getOnce(streams, "/api/v1/bandwidth?days=zero");
    }

    @AfterAll
    void stop() throws IOException {
        PipelineHarness.close(pipeline, health, collector);
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    @Order(1)
    @DisplayName("promtool accepts the Prometheus configuration docker-compose.yml mounts")
    void promtoolChecksTheComposeConfig() throws Exception {
        PrometheusServer.Result r = PrometheusServer.promtool("check", "config", GrafanaDashboard.PROMETHEUS_CONFIG.toString());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("SUCCESS"), r.output());
    }

    @Test
    @Order(2)
    @DisplayName("every metric name of every dashboard query (panels, rows, variables) is in a live /metrics of the streams or the ingest port")
    void everyNameIsScraped() throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Map<GrafanaDashboard.Query, Set<String>> unknown;
        do { // Kafka Streams' client metrics and the GC's appear a little after the start
            unknown = dashboard.unknownNames(List.of(scrape(streamsUrl()), scrape(ingestUrl())));
            if (!unknown.isEmpty()) {
                Thread.sleep(1000);
            }
        } while (!unknown.isEmpty() && System.nanoTime() < deadline);
        List<String> lines = new ArrayList<>();
        unknown.forEach((q, names) -> lines.add(q.where() + ": " + names + " in " + q.expr()));
        assertTrue(unknown.isEmpty(), "names no scrape carries:\n" + String.join("\n", lines));
        assertTrue(dashboard.metricNames().size() >= 30, "only " + dashboard.metricNames() + " read");
    }

    @Test
    @Order(3)
    @DisplayName("a real Prometheus scraping both ports with the compose's job names has every target up, and every dashboard query returns data")
    void prometheusEvaluatesEveryQuery() throws Exception {
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                # Generated by GrafanaDashboardIT: deploy/prometheus/prometheus.yml's jobs, on this test's ports.
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: streams
                    static_configs:
                      - targets: ["%s"]
                  - job_name: ingest
                    static_configs:
                      - targets: ["%s"]
                """.formatted(hostPort(streamsUrl()), hostPort(ingestUrl())));
        assertJobsAreTheComposeOnes(config);
        PrometheusServer.Result check = PrometheusServer.promtool("check", "config", config.toString());
        assertEquals(0, check.exitCode(), check.output());

        try (PrometheusServer prometheus = PrometheusServer.start(config, dir)) {
            PipelineHarness.await(() -> allUp(prometheus), TIMEOUT, () -> "targets not up: " + targets(prometheus));
            Thread.sleep(5_000); // a few scrapes, so rates over the 15 s interval have two samples at least

            Map<String, String> failures = new LinkedHashMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<GrafanaDashboard.Query> pending = new ArrayList<>(dashboard.queries);
            while (!pending.isEmpty()) {
                failures.clear();
                for (GrafanaDashboard.Query q : List.copyOf(pending)) {
                    String expr = substitute(q.expr());
                    JsonNode answer = prometheus.query(expr);
                    if (!answer.path("status").asText().equals("success")) {
                        failures.put(q.where(), "invalid: " + answer.path("error").asText() + " in " + expr);
                    } else if (answer.path("data").path("result").isEmpty()) {
                        failures.put(q.where(), "no data for " + expr);
                    } else {
                        pending.remove(q);
                    }
                }
                // An invalid expression stays invalid; an empty answer may fill as the pipeline works.
                if (pending.isEmpty() || failures.values().stream().anyMatch(f -> f.startsWith("invalid"))
                        || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(2_000);
            }
            List<String> lines = new ArrayList<>();
            failures.forEach((where, why) -> lines.add(where + ": " + why));
            assertTrue(failures.isEmpty(), failures.size() + " of " + dashboard.queries.size() + " queries failed:\n"
                    + String.join("\n", lines));
        }
    }

    /** The generated configuration's jobs are deploy/prometheus/prometheus.yml's, so the test speaks of the same targets. */
    private static void assertJobsAreTheComposeOnes(Path generated) throws IOException {
        Set<String> deployed = jobs(Files.readString(GrafanaDashboard.PROMETHEUS_CONFIG));
        Set<String> here = jobs(Files.readString(generated));
        assertTrue(deployed.containsAll(here), "jobs " + here + " are not among deploy's " + deployed);
    }

    private static Set<String> jobs(String config) {
        Set<String> jobs = new TreeSet<>();
        Matcher m = Pattern.compile("job_name:\\s*(\\S+)").matcher(config);
        while (m.find()) {
            jobs.add(m.group(1));
        }
        return jobs;
    }

    /** Grafana's interval variables by a duration, every other variable by "All" ({@code .+}). */
    static String substitute(String expr) {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(INTERVALS.getOrDefault(m.group(), ".+")));
        }
        return m.appendTail(out).toString();
    }

    private static boolean allUp(PrometheusServer prometheus) {
        JsonNode targets = targets(prometheus);
        if (targets.size() < 2) {
            return false;
        }
        for (JsonNode t : targets) {
            if (!t.path("health").asText().equals("up")) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode targets(PrometheusServer prometheus) {
        try {
            return prometheus.targets();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String streamsUrl() {
        return streams.url() + "/metrics";
    }

    private String ingestUrl() {
        return "http://127.0.0.1:" + health.port() + "/metrics";
    }

    private static String hostPort(String url) {
        URI u = URI.create(url);
        return u.getHost() + ":" + u.getPort();
    }

    private Map<String, PrometheusText.Family> scrape(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url);
        return PrometheusText.parse(r.body());
    }
}
