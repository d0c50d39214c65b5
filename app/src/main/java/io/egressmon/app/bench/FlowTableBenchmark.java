package io.egressmon.app.bench;

import io.egressmon.api.ApiJson;
import io.egressmon.api.flows.FlowsAnswer;
import io.egressmon.avro.ExportFormat;
import io.egressmon.avro.FlowBatch;
import io.egressmon.avro.FlowRecord;
import io.egressmon.schemas.Topics;
import io.egressmon.streams.StreamsApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * REST latency of the live flow table: an embedded broker, a streams-app instance, {@code --flows}
 * distinct flows received now over {@code --gateways} gateways (so all of them are in the 5-minute
 * window); then {@code --requests} sequential {@code GET /api/v1/flows?window=5m&aggregate=…} with two
 * columns wildcarded, and the same for the monitor's refresh (default view, 50 rows), as p50/p99.
 */
@Command(name = "flows", mixinStandardHelpOptions = true,
        description = "p50/p99 of GET /api/v1/flows with N active flows, aggregated by two columns.")
final class FlowTableBenchmark implements Callable<Integer> {
    @Option(names = "--flows", defaultValue = "100000", description = "Distinct active flows (default ${DEFAULT-VALUE}).")
    int flows;

    @Option(names = "--gateways", defaultValue = "10")
    int gateways;

    @Option(names = "--requests", defaultValue = "200")
    int requests;

    @Option(names = "--warmup", defaultValue = "20")
    int warmup;

    @Option(names = "--aggregate", defaultValue = "src_port,dst_port", description = "The wildcarded columns measured.")
    String aggregate;

    @Override
    public Integer call() throws Exception {
        Path stateDir = Files.createTempDirectory("egressmon-bench-flows");
        try (LocalCluster cluster = LocalCluster.start()) {
            cluster.createTopics();
            try (StreamsApp app = StreamsApp.start(cluster.streamsConfig(stateDir))) {
                HttpClient http = HttpClient.newHttpClient();
                Instant at = Instant.now();
                long t0 = System.nanoTime();
                produce(cluster, at);
                String all = app.url() + "/api/v1/flows?window=5m&limit=1";
                waitUntilHeld(http, all, flows);
                System.out.printf(Locale.ROOT, "%d flows produced and in the table in %.1f s%n", flows,
                        (System.nanoTime() - t0) / 1e9);
                String aggregated = app.url() + "/api/v1/flows?window=5m&aggregate=" + aggregate + "&sort=rate&limit=50";
                String monitor = app.url() + "/api/v1/flows?window=5m";
                Latencies a = measure(http, aggregated);
                FlowsAnswer sample = ApiJson.read(get(http, aggregated).body(), FlowsAnswer.class);
                System.out.printf(Locale.ROOT, "GET %s: %d rows of %d: %s%n", aggregated.substring(app.url().length()),
                        sample.rows().size(), sample.totalRows(), a.summary());
                Latencies m = measure(http, monitor);
                System.out.printf(Locale.ROOT, "GET %s (the monitor's refresh, 50 rows, nothing wildcarded): %s%n",
                        monitor.substring(app.url().length()), m.summary());
                System.out.printf(Locale.ROOT, "bench flows flows=%d aggregate=%s rows=%d p50_ms=%.1f p99_ms=%.1f "
                                + "monitor_p50_ms=%.1f monitor_p99_ms=%.1f%n", flows, aggregate, sample.totalRows(),
                        a.percentile(50), a.percentile(99), m.percentile(50), m.percentile(99));
            }
        }
        return 0;
    }

    private Latencies measure(HttpClient http, String url) throws Exception {
        for (int i = 0; i < warmup; i++) {
            get(http, url);
        }
        Latencies latencies = new Latencies(requests);
        for (int i = 0; i < requests; i++) {
            long s = System.nanoTime();
            HttpResponse<String> r = get(http, url);
            latencies.record(System.nanoTime() - s);
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " answered " + r.statusCode() + ": " + r.body());
            }
        }
        return latencies;
    }

    /**
     * {@code flows} distinct flows, 1 000 a batch: 10.g.x.y:port → a public address on 443 or 80 over
     * TCP or UDP, so collapsing the ports leaves a row per address pair.
     */
    private void produce(LocalCluster cluster, Instant at) {
        try (KafkaProducer<String, FlowBatch> producer = cluster.bulkProducer(Topics.FLOW_RECORDS, 256 * 1024)) {
            List<FlowRecord> batch = new ArrayList<>();
            for (int i = 0; i < flows; i++) {
                int g = i % gateways;
                int host = i / gateways;
                byte[] src = {10, (byte) g, (byte) (host >> 8 & 0x3f), (byte) host};
                byte[] dst = {(byte) (23 + i % 7), (byte) (i >> 16), (byte) (i >> 8), (byte) i};
                batch.add(new FlowRecord(ByteBuffer.wrap(src), ByteBuffer.wrap(dst), 1024 + i % 50_000, i % 2 == 0 ? 443 : 80,
                        i % 3 == 0 ? 17 : 6, 1_500L * (1 + i % 40), 1L + i % 40, 1L, at.minusSeconds(5), at, 0L, 0, 0, 0));
                if (batch.size() == 1000 || i == flows - 1) {
                    String gateway = "bench-gw-" + g;
                    producer.send(new ProducerRecord<>(Topics.FLOW_RECORDS.name(), gateway,
                            new FlowBatch("127.0.1." + (g + 1), gateway, ExportFormat.IPFIX, at, List.copyOf(batch))));
                    batch.clear();
                }
            }
            producer.flush();
        }
    }

    private static void waitUntilHeld(HttpClient http, String url, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        long held = -1;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get(http, url);
            if (r.statusCode() == 200) {
                held = ApiJson.read(r.body(), FlowsAnswer.class).matchedFlows();
                if (held >= expected) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the flow table held " + held + " of " + expected + " flows after 4 minutes");
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
