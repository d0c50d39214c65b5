package io.egressmon.app.bench;

import io.egressmon.api.ApiJson;
import io.egressmon.api.bandwidth.BandwidthAnswer;
import io.egressmon.avro.CounterSnapshot;
import io.egressmon.avro.FlowDirection;
import io.egressmon.avro.Gateway;
import io.egressmon.avro.InterfaceCounters;
import io.egressmon.avro.SnapshotKind;
import io.egressmon.avro.TalkerBytes;
import io.egressmon.avro.TalkerRole;
import io.egressmon.schemas.Topics;
import io.egressmon.streams.StreamsApp;
import io.egressmon.streams.StreamsAppConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The streams app's counter throughput and its REST latency on a big estate, in one run: an embedded
 * broker; {@code --spokes} spokes with {@code --days} of hourly counter snapshots (timed as the
 * producer rate); one streams-app instance (its processing rate: from RUNNING until its consumer group
 * has committed every snapshot); then daily FlowIQ talker slices for as long; then the queries.
 */
@Command(name = "rest", mixinStandardHelpOptions = true,
        description = "Counter processing rate against the producer's, and REST latency and throughput over N spokes and D days.")
final class RestBenchmark implements Callable<Integer> {
    private static final long ETH0_RX_PER_HOUR = 40_000_000L;
    private static final long ETH0_TX_PER_HOUR = 30_000_000L;
    private static final long TUN_RX_PER_HOUR = 2_000_000L;
    private static final long TUN_TX_PER_HOUR = 1_000_000L;

    @Option(names = "--spokes", defaultValue = "500")
    int spokes;

    @Option(names = "--days", defaultValue = "30")
    int days;

    @Option(names = "--requests", defaultValue = "300", description = "Sequential requests per latency figure (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--warmup", defaultValue = "100", description = "Requests before each figure, not counted (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--clients", defaultValue = "32", description = "Concurrent connections of the throughput runs (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seconds", defaultValue = "10", description = "Length of each throughput run (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--stream-threads", defaultValue = "1", description = "EGRESSMON_STREAM_THREADS (default ${DEFAULT-VALUE}).")
    int streamThreads;

    @Option(names = "--talker-ips", defaultValue = "40",
            description = "External IPs per spoke and day in the FlowIQ slices (default ${DEFAULT-VALUE}), from a pool of 100 000.")
    int talkerIps;

    @Override
    public Integer call() throws Exception {
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant start = end.minus(Duration.ofDays(days));
        Path stateDir = Files.createTempDirectory("egressmon-bench-rest");
        try (LocalCluster cluster = LocalCluster.start();
             Admin admin = cluster.admin()) {
            cluster.createTopics();
            produceInventory(cluster, start);
            long t0 = System.nanoTime();
            int snapshots = produceSnapshots(cluster, start, end);
            double produceSeconds = (System.nanoTime() - t0) / 1e9;
            double producerRate = snapshots / produceSeconds;
            System.out.printf("produced %d counter snapshots for %d spokes over %d days in %.2f s: %.0f records/s%n",
                    snapshots, spokes, days, produceSeconds, producerRate);
            StreamsAppConfig config = cluster.streamsConfig(stateDir, streamThreads);
            try (StreamsApp app = StreamsApp.start(config)) {
                awaitRunning(app);
                long t1 = System.nanoTime();
                if (!cluster.awaitConsumed(admin, config.applicationId(), Topics.COUNTER_SNAPSHOTS.name(),
                        Duration.ofMillis(100), Duration.ofMinutes(30)).done()) {
                    throw new IllegalStateException("the streams app did not consume the snapshots within 30 min");
                }
                double processSeconds = (System.nanoTime() - t1) / 1e9;
                double processingRate = snapshots / processSeconds;
                System.out.printf("streams app committed every snapshot %.2f s after RUNNING: %.0f records/s "
                        + "(%.3f of the producer's rate)%n", processSeconds, processingRate, processingRate / producerRate);
                // The talker records only now, so that the counter rate is the counters' alone.
                long t2 = System.nanoTime();
                int talkers = produceTalkers(cluster, end);
                if (!cluster.awaitConsumed(admin, config.applicationId(), Topics.TALKER_BYTES.name(),
                        Duration.ofMillis(500), Duration.ofMinutes(30)).done()) {
                    throw new IllegalStateException("the streams app did not consume the talker records within 30 min");
                }
                System.out.printf("%d FlowIQ talker records (%d spokes, %d days, %d IPs per spoke and day) produced and "
                        + "processed in %.1f s%n", talkers, spokes, days, talkerIps, (System.nanoTime() - t2) / 1e9);

                URI allSpokes = URI.create(app.url() + "/api/v1/bandwidth?from=" + start + "&to=" + end);
                checkTotals(allSpokes, (long) spokes * days * 24 * TUN_RX_PER_HOUR);
                Latencies all = sequential(allSpokes);
                System.out.printf("GET %s (%d spokes, %d days, all spokes), one client: %s%n", allSpokes.getPath(), spokes,
                        days, all.summary());

                URI oneSpoke = URI.create(app.url() + "/api/v1/bandwidth?days=7&gateway=" + spokeName(spokes / 2));
                LoadClient.Result spoke = load(oneSpoke);
                System.out.printf("GET %s?%s, %d clients for %d s: %.0f requests/s, %s%n", oneSpoke.getPath(),
                        oneSpoke.getQuery(), clients, seconds, spoke.perSecond(), spoke.latencies().summary());

                URI global = URI.create(app.url() + "/api/v1/top-talkers?days=" + days + "&top=10");
                // The first answer reads and merges every window; the following ones find them merged.
                long c0 = System.nanoTime();
                LoadClient.get(global);
                double talkersColdMs = (System.nanoTime() - c0) / 1e6;
                System.out.printf("GET %s?%s, first answer (nothing merged yet): %.1f ms%n", global.getPath(),
                        global.getQuery(), talkersColdMs);
                Latencies talkersOne = sequential(global);
                System.out.printf("GET %s?%s, one client: %s%n", global.getPath(), global.getQuery(), talkersOne.summary());
                LoadClient.Result talkersLoad = load(global);
                System.out.printf("GET %s?%s, %d clients for %d s: %.0f requests/s, %s%n", global.getPath(),
                        global.getQuery(), clients, seconds, talkersLoad.perSecond(), talkersLoad.latencies().summary());

                // Cost: the cost part reads what the counter part's commits wrote to its repartition topic.
                if (!cluster.awaitConsumed(admin, config.applicationId(), config.applicationId() + "-cost-by-account-repartition",
                        Duration.ofMillis(500), Duration.ofMinutes(30)).done()) {
                    throw new IllegalStateException("the streams app did not price the hours within 30 min");
                }
                URI cost = URI.create(app.url() + "/api/v1/cost?from=" + start + "&to=" + end);
                checkCost(cost);
                Latencies costOne = sequential(cost);
                System.out.printf("GET %s (%d spokes, %d days, all spokes), one client: %s%n", cost.getPath(), spokes, days,
                        costOne.summary());

                System.out.printf("bench rest spokes=%d days=%d stream_threads=%d snapshots=%d p50_ms=%.2f p99_ms=%.2f rps=%.0f "
                                + "rps_p99_ms=%.2f talkers_cold_ms=%.1f talkers_p50_ms=%.2f talkers_p99_ms=%.2f talkers_rps=%.0f "
                                + "cost_p50_ms=%.2f cost_p99_ms=%.2f "
                                + "producer_rate=%.0f processing_rate=%.0f producer_ratio=%.3f%n",
                        spokes, days, streamThreads, snapshots, all.percentile(50), all.percentile(99), spoke.perSecond(),
                        spoke.latencies().percentile(99), talkersColdMs, talkersOne.percentile(50), talkersOne.percentile(99),
                        talkersLoad.perSecond(), costOne.percentile(50), costOne.percentile(99), producerRate, processingRate,
                        processingRate / producerRate);
            }
        }
        return 0;
    }

    private Latencies sequential(URI url) throws Exception {
        for (int i = 0; i < warmup; i++) {
            LoadClient.get(url);
        }
        return LoadClient.run(url, 1, Duration.ofDays(1), requests, requests).latencies();
    }

    private LoadClient.Result load(URI url) throws Exception {
        LoadClient.run(url, clients, Duration.ofSeconds(Math.max(1, seconds / 5)), Integer.MAX_VALUE, 1);
        return LoadClient.run(url, clients, Duration.ofSeconds(seconds), Integer.MAX_VALUE, 100_000);
    }

    private void produceInventory(LocalCluster cluster, Instant start) {
        try (KafkaProducer<String, Gateway> inventory = cluster.bulkProducer(Topics.INVENTORY, 256 * 1024)) {
            for (int s = 0; s < spokes; s++) {
                String name = spokeName(s);
                inventory.send(new ProducerRecord<>(Topics.INVENTORY.name(), name, Gateway.newBuilder()
                        .setGwName(name).setGwType("spoke").setAccountName("account-" + (s % 20))
                        .setVpcId("vpc-" + s + "~~" + name).setVpcName(name).setVpcRegion("region-" + (s % 7))
                        .setVendorName(s % 2 == 0 ? "AWS" : "Azure ARM").setTransitGwName("transit-" + (s % 5))
                        .setGroupName(name).setTunnelInterfaces(List.of("tun-" + s))
                        .setObservedAt(start).build()));
            }
            inventory.flush();
        }
    }

    /** Hourly snapshots as a backfill writes them, hour after hour; timed from the first send to the end of flush. */
    private int produceSnapshots(LocalCluster cluster, Instant start, Instant end) {
        int count = 0;
        try (KafkaProducer<String, CounterSnapshot> snapshots = cluster.bulkProducer(Topics.COUNTER_SNAPSHOTS, 256 * 1024)) {
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
        }
        return count;
    }

    /** One FlowIQ day slice per spoke and day (as a day-grid backfill writes them), {@code --talker-ips} destinations each. */
    private int produceTalkers(LocalCluster cluster, Instant end) {
        SplittableRandom random = new SplittableRandom(7);
        Instant lastDay = end.truncatedTo(ChronoUnit.DAYS);
        int count = 0;
        try (KafkaProducer<String, TalkerBytes> producer = cluster.bulkProducer(Topics.TALKER_BYTES, 512 * 1024)) {
            for (int d = days; d >= 1; d--) {
                Instant day = lastDay.minus(Duration.ofDays(d));
                for (int s = 0; s < spokes; s++) {
                    String gateway = spokeName(s);
                    for (int i = 0; i < talkerIps; i++) {
                        int ip = random.nextInt(100_000);
                        producer.send(new ProducerRecord<>(Topics.TALKER_BYTES.name(), null, day.toEpochMilli(), gateway,
                                TalkerBytes.newBuilder().setGateway(gateway).setSliceStart(day)
                                        .setSliceEnd(day.plus(Duration.ofDays(1))).setRole(TalkerRole.EXTERNAL)
                                        .setDirection(FlowDirection.OUTBOUND)
                                        .setIp("40." + (ip >> 16 & 255) + "." + (ip >> 8 & 255) + "." + (ip & 255))
                                        .setBytes(1 + random.nextInt(1_000_000_000)).setTruncated(false).setSource("flowiq")
                                        .build()));
                        count++;
                    }
                }
            }
            producer.flush();
        }
        return count;
    }

    private static InterfaceCounters counters(long rx, long tx) {
        return InterfaceCounters.newBuilder().setRxBytes(rx).setTxBytes(tx).build();
    }

    private static String spokeName(int s) {
        return String.format("bench-spoke-%04d", s);
    }

    private static void awaitRunning(StreamsApp app) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (app.streams().state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the streams app is not running after 2 min: " + app.streams().state());
            }
            Thread.sleep(10);
        }
    }

    /**
     * The cost answer holds every spoke and says it is not complete: the period ends at the last
     * snapshot, and an hour is priced only 6 h after it ends.
     */
    private void checkCost(URI query) throws Exception {
        io.egressmon.api.cost.CostAnswer answer = io.egressmon.api.ApiJson.read(LoadClient.get(query),
                io.egressmon.api.cost.CostAnswer.class);
        if (answer.gateways().size() != spokes) {
            throw new IllegalStateException("the cost answer holds " + answer.gateways().size() + " spokes, not " + spokes);
        }
        if (answer.covered().complete()) {
            throw new IllegalStateException("the cost answer says complete, but its last hours cannot be priced yet");
        }
        System.out.printf("cost answer checked: %d spokes, $%s, priced until %s, complete=%s%n", answer.gateways().size(),
                answer.aggregate().amounts().usd(), answer.pricedUntil(), answer.covered().complete());
    }

    /** The answer must be complete and add up to what was produced: a fast wrong answer is no result. */
    private static void checkTotals(URI query, long expectedInternalRx) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        BandwidthAnswer answer = null;
        while (System.nanoTime() < deadline) {
            answer = ApiJson.read(LoadClient.get(query), BandwidthAnswer.class);
            if (answer.aggregate().bandwidth().internalRxBytes() == expectedInternalRx) {
                System.out.printf("answer checked: internal_rx %d as produced; complete=%s approximate=%s resolution=%s%n",
                        expectedInternalRx, answer.covered().complete(), answer.approximate(), answer.covered().resolution());
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the answer does not add up to what was produced: internal_rx "
                + (answer == null ? "none" : answer.aggregate().bandwidth().internalRxBytes()) + " of " + expectedInternalRx);
    }
}
