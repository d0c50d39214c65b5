package io.egressmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.config.Settings;
import io.egressmon.copilot.sim.CopilotSimulator;
import io.egressmon.copilot.sim.SimulatorConfig;
import io.egressmon.ingest.PollSettings;
import io.egressmon.ingest.netflow.CollectorSettings;
import io.egressmon.ingest.netflow.FlowCollector;
import io.egressmon.schemas.Topics;
import io.egressmon.streams.StreamsApp;
import io.egressmon.streams.StreamsAppConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code /metrics} of a running pipeline — broker, simulator, ingest backfilling, the flow collector
 * and a streams instance, wired as {@code egressmon run} wires them — read with a strict reader of
 * Prometheus' text format ({@link PrometheusText}): every family docs/metrics.md lists is there on
 * its role's port, values move as data flows, and scrapes of the busy pipeline answer whole.
 */
@DisplayName("/metrics on the streams, ingest and collector ports of a running pipeline")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** docs/metrics.md, "Streams app": our families and a sample of the bound JVM, process and Kafka Streams ones. */
    static final List<String> STREAMS_FAMILIES = List.of("egressmon_streams_records_read_total",
            "egressmon_streams_records_written_total", "egressmon_streams_dropped_total", "egressmon_streams_flows_total",
            "egressmon_streams_events_total", "egressmon_streams_running", "egressmon_streams_processing_lag_records",
            "egressmon_streams_kafka_reachable", "egressmon_streams_kafka_contact_age_seconds",
            "egressmon_rest_request_duration_seconds", "egressmon_rest_request_duration_seconds_max",
            "jvm_memory_used_bytes", "jvm_gc_pause_seconds", "jvm_threads_live_threads", "process_cpu_usage",
            "process_uptime_seconds", "kafka_stream_thread_process_total", "kafka_consumer_fetch_manager_records_lag",
            "egressmon_metrics_render_failures_total");
    /** docs/metrics.md, "Ingest and collector". */
    static final List<String> INGEST_FAMILIES = List.of("egressmon_ingest_records_written_total",
            "egressmon_ingest_slices_total", "egressmon_ingest_dropped_total", "egressmon_copilot_request_duration_seconds",
            "egressmon_copilot_errors_total", "egressmon_copilot_retries_total", "egressmon_copilot_relogins_total",
            "egressmon_copilot_failed_calls_total", "egressmon_poll_watermark_timestamp_seconds",
            "egressmon_poll_watermark_age_seconds", "egressmon_poll_backfill_progress_ratio",
            "egressmon_collector_datagrams_total", "egressmon_collector_datagrams_dropped_total",
            "egressmon_collector_flows_total", "egressmon_collector_records_dropped_total",
            "egressmon_collector_flows_written_total", "egressmon_collector_decoder_errors_total",
            "egressmon_collector_exporters", "jvm_memory_used_bytes", "process_cpu_usage",
            "kafka_producer_record_send_total", "egressmon_metrics_render_failures_total");

    /** docs/metrics.md, "Ingest and collector": the collector's rows, and the JVM's and its producer's. */
    static final List<String> COLLECTOR_FAMILIES = List.of("egressmon_collector_datagrams_total",
            "egressmon_collector_datagrams_dropped_total", "egressmon_collector_flows_total",
            "egressmon_collector_records_dropped_total", "egressmon_collector_flows_written_total",
            "egressmon_collector_decoder_errors_total", "egressmon_collector_exporters", "jvm_memory_used_bytes",
            "process_cpu_usage", "kafka_producer_record_send_total", "egressmon_metrics_render_failures_total");

    private final HttpClient http = HttpClient.newHttpClient();
    private PipelineHarness pipeline;
    private StreamsApp streams;
    private FlowCollector collector;
    private IngestHealthServer health;
    private String streamsMetrics;
    private String ingestMetrics;

    @BeforeAll
    void start() throws Exception {
        pipeline = new PipelineHarness(CopilotSimulator.start(SimulatorConfig.defaults()));
        streams = pipeline.startStreams("streams");
        streamsMetrics = streams.url() + "/metrics";
        // Scraped before the rest starts: gauges over what is not there yet read NaN, nothing throws.
        PrometheusText.parse(get(streamsMetrics).body());
        pipeline.startIngest(pipeline.ingestConfig(PollSettings.BACKFILL.name(), "2d"));
        Settings settings = LocalParts.withKafka(Settings.of(Map.of(
                CollectorSettings.NETFLOW_LISTEN.name(), "127.0.0.1:0", CollectorSettings.SFLOW_LISTEN.name(), "none")),
                pipeline.kafka, pipeline.registry);
        collector = FlowCollector.start(io.egressmon.config.KafkaSettings.from(settings.reader()),
                CollectorSettings.from(settings.reader()));
        health = IngestHealthServer.start(pipeline.ingest(), collector, new HealthEndpoint("127.0.0.1", 0));
        ingestMetrics = "http://127.0.0.1:" + health.port() + "/metrics";
    }

    @AfterAll
    void stop() {
        PipelineHarness.close(pipeline, health, collector);
    }

    @Test
    @Order(1)
    @DisplayName("the ingest port serves Prometheus text with every poll, CoPilot and collector family; counts move as the backfill runs and datagrams arrive")
    void ingestFamilies() throws Exception {
        HttpResponse<String> first = get(ingestMetrics);
        assertEquals("text/plain; version=0.0.4; charset=utf-8", first.headers().firstValue("Content-Type").orElse(""));
        double before = PrometheusText.parse(first.body()).get("egressmon_ingest_records_written_total")
                .value("egressmon_ingest_records_written_total", Map.of("topic", Topics.COUNTER_SNAPSHOTS.name()));

        InetSocketAddress netflow = collector.addresses().get(0);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            byte[] v5 = netflowV5(System.currentTimeMillis(), 3);
            socket.send(new DatagramPacket(v5, v5.length, netflow));
            byte[] cut = Arrays.copyOf(v5, 30); // a header and 6 bytes of a record: truncated
            socket.send(new DatagramPacket(cut, cut.length, netflow));
        }
        PipelineHarness.await(() -> collector.stats().totals().get("datagrams") >= 2, TIMEOUT,
                () -> "the collector got " + collector.stats().totals());
        PipelineHarness.await(() -> pipeline.ingest().stats().snapshotsWritten.get() > before + 100, TIMEOUT,
                () -> "the ingest wrote " + pipeline.ingest().stats());

        String datagrams = "egressmon_collector_datagrams_total";
        Map<String, PrometheusText.Family> f = awaitScrape(ingestMetrics,
                s -> sum(s, datagrams, datagrams, Map.of()) >= 2 && sum(s, "egressmon_ingest_records_written_total",
                        "egressmon_ingest_records_written_total", Map.of("topic", Topics.COUNTER_SNAPSHOTS.name())) > before);
        assertFamilies(f, INGEST_FAMILIES);
        assertTrue(f.get("egressmon_ingest_records_written_total").value("egressmon_ingest_records_written_total",
                Map.of("topic", Topics.COUNTER_SNAPSHOTS.name())) > before, "snapshots written grew");
        assertEquals(3.0, f.get("egressmon_collector_flows_total").value("egressmon_collector_flows_total", Map.of()));
        assertEquals(2.0, f.get("egressmon_collector_datagrams_total").value("egressmon_collector_datagrams_total", Map.of()));
        assertEquals(1.0, f.get("egressmon_collector_datagrams_dropped_total").value(
                "egressmon_collector_datagrams_dropped_total", Map.of("reason", "malformed_truncated")));
        PrometheusText.Family copilot = f.get("egressmon_copilot_request_duration_seconds");
        assertTrue(copilot.sum("egressmon_copilot_request_duration_seconds_count",
                Map.of("call", "/api/reports/report/performance", "outcome", "2xx")) > 0, "performance calls timed");
        assertEquals(1.0, copilot.sum("egressmon_copilot_request_duration_seconds_count", Map.of("call", "/api/login")),
                "the login, before /metrics was served, is timed too");
        double watermark = f.get("egressmon_poll_watermark_timestamp_seconds").value(
                "egressmon_poll_watermark_timestamp_seconds", Map.of("source", "counters"));
        assertTrue(watermark > System.currentTimeMillis() / 1000.0 - Duration.ofDays(3).toSeconds(), "watermark " + watermark);
        double progress = f.get("egressmon_poll_backfill_progress_ratio").value("egressmon_poll_backfill_progress_ratio",
                Map.of("source", "counters"));
        assertTrue(progress > 0 && progress <= 1, "backfill progress " + progress);
    }

    @Test
    @Order(2)
    @DisplayName("the streams port serves every topology, health, REST, JVM and Kafka Streams family; records read grow; a bad parameter counts as its endpoint's 4xx")
    void streamsFamilies() throws Exception {
        String read = "egressmon_streams_records_read_total";
        Map<String, String> snapshots = Map.of("topic", Topics.COUNTER_SNAPSHOTS.name());
        PipelineHarness.await(() -> PrometheusText.parse(get(streamsMetrics).body()).get(read).value(read, snapshots) > 0,
                TIMEOUT, () -> "the streams app read no snapshot yet");
        Map<String, PrometheusText.Family> before = PrometheusText.parse(get(streamsMetrics).body());
        String rest = "egressmon_rest_request_duration_seconds";
        Map<String, String> bad = Map.of("route", "/api/v1/bandwidth", "status", "4xx");
        double badBefore = before.containsKey(rest) ? before.get(rest).sum(rest + "_count", bad) : 0;

        assertEquals(400, pipeline.getOnce(streams, "/api/v1/bandwidth?days=zero").status());
        assertEquals(404, pipeline.getOnce(streams, "/no/such/path").status());
        PipelineHarness.await(() -> PrometheusText.parse(get(streamsMetrics).body()).get(read).value(read, snapshots)
                > before.get(read).value(read, snapshots), TIMEOUT, () -> "records read did not grow");
        Map<String, PrometheusText.Family> after = awaitScrape(streamsMetrics, s -> s.keySet().containsAll(STREAMS_FAMILIES)
                && sum(s, rest, rest + "_count", bad) > badBefore
                && sum(s, rest, rest + "_count", Map.of("route", "other", "status", "4xx")) > 0);
        assertFamilies(after, STREAMS_FAMILIES);
        assertEquals(badBefore + 1, after.get(rest).sum(rest + "_count", bad), "the 400 is one more 4xx of /api/v1/bandwidth");
        assertEquals(1.0, after.get(rest).sum(rest + "_count", Map.of("route", "other", "status", "4xx")),
                "an unknown path is route=other");
        assertEquals(1.0, after.get("egressmon_streams_running").value("egressmon_streams_running", Map.of()));
    }

    /**
     * How long a scrape takes is measured by {@code bench metrics} (docs/benchmarks.md), not asserted:
     * this JVM runs the whole pipeline on a shared machine. Here every scrape of the busy pipeline must
     * answer and parse; the times are printed.
     */
    @Test
    @Order(3)
    @DisplayName("scraped back to back while the pipeline works, every answer of either port is whole and well-formed")
    void scrapesOfABusyPipeline() throws Exception {
        long[] streamsMs = new long[15];
        long[] ingestMs = new long[15];
        for (int i = 0; i < 15; i++) {
            long start = System.nanoTime();
            assertFamilies(PrometheusText.parse(get(streamsMetrics).body()), STREAMS_FAMILIES);
            streamsMs[i] = (System.nanoTime() - start) / 1_000_000;
            start = System.nanoTime();
            assertFamilies(PrometheusText.parse(get(ingestMetrics).body()), INGEST_FAMILIES);
            ingestMs[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(streamsMs);
        Arrays.sort(ingestMs);
        System.out.printf("scrape and parse, ms: streams %s, ingest %s%n", Arrays.toString(streamsMs), Arrays.toString(ingestMs));
    }

    @Test
    @Order(4)
    @DisplayName("the collector's own port (as `egressmon collect` serves it, no ingest) answers the collector, JVM and producer families, and no poll family")
    void collectorRoleFamilies() throws Exception {
        try (IngestHealthServer alone = IngestHealthServer.start(null, collector, new HealthEndpoint("127.0.0.1", 0))) {
            String url = "http://127.0.0.1:" + alone.port() + "/metrics";
            Map<String, PrometheusText.Family> f = awaitScrape(url, s -> sum(s, "egressmon_collector_datagrams_total",
                    "egressmon_collector_datagrams_total", Map.of()) >= 2);
            assertFamilies(f, COLLECTOR_FAMILIES);
            assertEquals(3.0, f.get("egressmon_collector_flows_total").value("egressmon_collector_flows_total", Map.of()),
                    "the flows of the datagram the ingest test sent");
            assertTrue(f.keySet().stream().noneMatch(n -> n.startsWith("egressmon_poll_") || n.startsWith("egressmon_copilot_")),
                    "no ingest family without an ingest: " + f.keySet());
        }
    }

    @Test
    @Order(5)
    @DisplayName("scraped as Prometheus does (Accept-Encoding: gzip), either port answers its families gzip-compressed")
    void gzipAsPrometheusAsks() throws Exception {
        for (String url : List.of(streamsMetrics, ingestMetrics)) {
            HttpRequest gzip = HttpRequest.newBuilder(URI.create(url)).header("Accept-Encoding", "gzip").build();
            // The first scrape that asks makes the next background render (within a second) compress too.
            HttpResponse<byte[]> r = http.send(gzip, HttpResponse.BodyHandlers.ofByteArray());
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (r.headers().firstValue("Content-Encoding").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
                r = http.send(gzip, HttpResponse.BodyHandlers.ofByteArray());
            }
            assertEquals(200, r.statusCode(), url);
            assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElse("none"), url);
            String text;
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertFamilies(PrometheusText.parse(text), url.equals(streamsMetrics) ? STREAMS_FAMILIES : INGEST_FAMILIES);
            System.out.printf("%s: %d bytes gzip for %d of text%n", url, r.body().length, text.length());
        }
    }

    /**
     * The first scrape that {@code shows} what the test waits for, or the last one after 30 s: the
     * text is rendered in the background (at most a second plus a render old), and Kafka Streams'
     * task metrics are bound on its refresh.
     */
    private Map<String, PrometheusText.Family> awaitScrape(String url, Predicate<Map<String, PrometheusText.Family>> shows)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Map<String, PrometheusText.Family> f = PrometheusText.parse(get(url).body());
            if (shows.test(f) || System.nanoTime() > deadline) {
                return f;
            }
            Thread.sleep(250);
        }
    }

    /** The sum of {@code family}'s samples named {@code name} with {@code labels}; 0 when the family is not there. */
    private static double sum(Map<String, PrometheusText.Family> f, String family, String name, Map<String, String> labels) {
        return f.containsKey(family) ? f.get(family).sum(name, labels) : 0;
    }

    private static void assertFamilies(Map<String, PrometheusText.Family> f, List<String> names) {
        List<String> missing = names.stream().filter(n -> !f.containsKey(n)).toList();
        assertTrue(missing.isEmpty(), "missing families " + missing + "; there are " + f.keySet());
    }

    private HttpResponse<String> get(String url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), url + ": " + r.body());
            return r;
        } catch (IOException e) {
            throw new AssertionError("GET " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A NetFlow v5 datagram of {@code flows} flows from an internal host to a public one, sent at {@code nowMs}. */
    static byte[] netflowV5(long nowMs, int flows) {
        ByteBuffer b = ByteBuffer.allocate(24 + 48 * flows);
        long uptime = 3_600_000;
        b.putShort((short) 5).putShort((short) flows).putInt((int) uptime).putInt((int) (nowMs / 1000))
                .putInt((int) (nowMs % 1000) * 1_000_000).putInt(1).put((byte) 0).put((byte) 0).putShort((short) 0);
        for (int i = 0; i < flows; i++) {
            b.put(new byte[] {10, 1, 0, (byte) (i + 1)}).put(new byte[] {23, (byte) 185, 0, 3}).putInt(0)
                    .putShort((short) 1).putShort((short) 2).putInt(10).putInt(1000)
                    .putInt((int) uptime - 2_000).putInt((int) uptime - 1_000).putShort((short) 1234).putShort((short) 443)
                    .put((byte) 0).put((byte) 0x12).put((byte) 6).put((byte) 0).putShort((short) 0).putShort((short) 0)
                    .put((byte) 24).put((byte) 24).putShort((short) 0);
        }
        return b.array();
    }
}
