package io.egressmon.app.bench;

import io.egressmon.api.ApiJson;
import io.egressmon.api.bandwidth.BandwidthAnswer;
import io.egressmon.avro.CounterSnapshot;
import io.egressmon.avro.Gateway;
import io.egressmon.avro.InterfaceCounters;
import io.egressmon.avro.SnapshotKind;
import io.egressmon.schemas.Topics;
import io.egressmon.streams.StreamsApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * REST latency of a 30-day all-spokes query: an embedded broker, a streams-app instance, and
 * {@code --spokes} spokes with {@code --days} of hourly counter snapshots; then {@code --requests}
 * sequential queries, reported as p50/p99.
 */
@Command(name = "rest", mixinStandardHelpOptions = true,
        description = "p50/p99 of GET /api/v1/bandwidth over N spokes and D days of history.")
final class RestBenchmark implements Callable<Integer> {
    private static final long ETH0_RX_PER_HOUR = 40_000_000L;
    private static final long ETH0_TX_PER_HOUR = 30_000_000L;
    private static final long TUN_RX_PER_HOUR = 2_000_000L;
    private static final long TUN_TX_PER_HOUR = 1_000_000L;

    @Option(names = "--spokes", defaultValue = "500")
    int spokes;

    @Option(names = "--days", defaultValue = "30")
    int days;

    @Option(names = "--requests", defaultValue = "200")
    int requests;

    @Option(names = "--warmup", defaultValue = "20")
    int warmup;

    @Override
    public Integer call() throws Exception {
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant start = end.minus(Duration.ofDays(days));
        Path stateDir = Files.createTempDirectory("egressmon-bench-rest");
        try (LocalCluster cluster = LocalCluster.start()) {
            cluster.createTopics();
            long t0 = System.nanoTime();
            int records = produce(cluster, start, end);
            System.out.printf("produced %d snapshots for %d spokes over %d days in %.1f s%n",
                    records, spokes, days, (System.nanoTime() - t0) / 1e9);

            try (StreamsApp app = StreamsApp.start(cluster.streamsConfig(stateDir))) {
                String query = app.url() + "/api/v1/bandwidth?from=" + start + "&to=" + end;
                HttpClient http = HttpClient.newHttpClient();
                long expected = (long) spokes * days * 24 * TUN_RX_PER_HOUR;
                long t1 = System.nanoTime();
                waitUntilProcessed(http, query, expected);
                System.out.printf("streams app processed everything in %.1f s%n", (System.nanoTime() - t1) / 1e9);

                for (int i = 0; i < warmup; i++) {
                    get(http, query);
                }
                Latencies latencies = new Latencies(requests);
                for (int i = 0; i < requests; i++) {
                    long s = System.nanoTime();
                    get(http, query);
                    latencies.record(System.nanoTime() - s);
                }
                System.out.printf("GET /api/v1/bandwidth (%d spokes, %d days, all spokes): %s%n",
                        spokes, days, latencies.summary());
            }
        }
        return 0;
    }

    private int produce(LocalCluster cluster, Instant start, Instant end) {
        int count = 0;
        try (KafkaProducer<String, Gateway> inventory = cluster.bulkProducer(Topics.INVENTORY, 256 * 1024);
             KafkaProducer<String, CounterSnapshot> snapshots = cluster.bulkProducer(Topics.COUNTER_SNAPSHOTS, 256 * 1024)) {
            for (int s = 0; s < spokes; s++) {
                String name = spokeName(s);
                inventory.send(new ProducerRecord<>(Topics.INVENTORY.name(), name, Gateway.newBuilder()
                        .setGwName(name).setGwType("spoke").setAccountName("account-" + (s % 20))
                        .setVpcId("vpc-" + s + "~~" + name).setVpcName(name).setVpcRegion("region-" + (s % 7))
                        .setVendorName(s % 2 == 0 ? "AWS" : "Azure ARM").setTransitGwName("transit-" + (s % 5))
                        .setGroupName(name).setTunnelInterfaces(List.of("tun-" + s))
                        .setObservedAt(start).build()));
            }
            long hours = Duration.between(start, end).toHours();
            for (long h = 0; h <= hours; h++) {
                Instant at = start.plus(Duration.ofHours(h));
                for (int s = 0; s < spokes; s++) {
                    String name = spokeName(s);
                    snapshots.send(new ProducerRecord<>(Topics.COUNTER_SNAPSHOTS.name(), null, at.toEpochMilli(), name,
                            CounterSnapshot.newBuilder().setGateway(name).setSampledAt(at)
                                    .setSliceStart(at.minus(Duration.ofHours(1))).setSliceEnd(at)
                                    .setKind(h == 0 ? SnapshotKind.BASELINE : SnapshotKind.BACKFILL)
                                    .setInterfaces(Map.of(
                                            "eth0", counters(h * ETH0_RX_PER_HOUR, h * ETH0_TX_PER_HOUR),
                                            "tun-" + s, counters(h * TUN_RX_PER_HOUR, h * TUN_TX_PER_HOUR)))
                                    .build()));
                    count++;
                }
            }
            snapshots.flush();
            inventory.flush();
        }
        return count;
    }

    private static InterfaceCounters counters(long rx, long tx) {
        return InterfaceCounters.newBuilder().setRxBytes(rx).setTxBytes(tx).build();
    }

    private static String spokeName(int s) {
        return String.format("bench-spoke-%04d", s);
    }

    private static void waitUntilProcessed(HttpClient http, String query, long expectedInternalRx) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(query)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                last = ApiJson.read(response.body(), BandwidthAnswer.class).aggregate().bandwidth().internalRxBytes();
                if (last == expectedInternalRx) {
                    return;
                }
            }
            Thread.sleep(2000);
        }
        throw new IllegalStateException("streams app did not reach the expected totals in 20 min: internal_rx "
                + last + " of " + expectedInternalRx);
    }

    private static void get(HttpClient http, String query) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(query)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + query + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
