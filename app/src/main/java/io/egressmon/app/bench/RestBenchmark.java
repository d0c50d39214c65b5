package io.egressmon.app.bench;

import io.egressmon.api.ApiJson;
import io.egressmon.api.bandwidth.BandwidthAnswer;
import io.egressmon.avro.FlowDirection;
import io.egressmon.avro.TalkerBytes;
import io.egressmon.avro.TalkerRole;
import io.egressmon.schemas.Topics;
import io.egressmon.streams.StreamsApp;
import io.egressmon.streams.StreamsAppConfig;
import io.egressmon.streams.alerts.AlertsTopology;
import io.egressmon.streams.cost.CostTopology;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The streams app's counter throughput and its REST latency on a big estate, in one run: an embedded
 * broker; {@code --spokes} spokes with {@code --days} of hourly counter snapshots (timed as the
 * producer rate); one streams-app instance (its processing rate: from RUNNING until its consumer group
 * has committed every snapshot); it waits for the cost and alerts parts to price and judge the hours
 * too; then daily FlowIQ talker slices for as long; then the queries, on a settled instance. With
 * {@code --warmup-days}, the days before are processed first by the same instance, which is paused
 * while the timed snapshots are produced and timed from its resume.
 */
@Command(name = "rest", mixinStandardHelpOptions = true,
        description = "Counter processing rate against the producer's, and REST latency and throughput over N spokes and D days.")
final class RestBenchmark implements Callable<Integer> {
    @Option(names = "--spokes", defaultValue = "500")
    int spokes;

    @Option(names = "--days", defaultValue = "30")
    int days;

    @Mixin
    QueryLoad queries;

    @Option(names = "--stream-threads", defaultValue = "1", description = "EGRESSMON_STREAM_THREADS (default ${DEFAULT-VALUE}).")
    int streamThreads;

    @Option(names = "--commit-interval", description = "EGRESSMON_COMMIT_INTERVAL (default: the app's).")
    String commitInterval;

    @Option(names = "--catchup-commit-interval", description = "EGRESSMON_CATCHUP_COMMIT_INTERVAL (default: the app's).")
    String catchUpCommitInterval;

    @Option(names = "--talker-ips", defaultValue = "40",
            description = "External IPs per spoke and day in the FlowIQ slices (default ${DEFAULT-VALUE}), from a pool of 100 000.")
    int talkerIps;

    @Option(names = "--warmup-days", defaultValue = "0",
            description = "Days before the timed ones, produced and processed first, untimed: the timed snapshots then meet "
                    + "a warm JVM and stores that hold data, as in an instance that has run a while (default ${DEFAULT-VALUE}: "
                    + "a cold start).")
    int warmupDays;

    @Override
    public Integer call() throws Exception {
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant start = end.minus(Duration.ofDays(days));
        Instant origin = start.minus(Duration.ofDays(warmupDays));
        Path stateDir = Files.createTempDirectory("egressmon-bench-rest");
        try (LocalCluster cluster = LocalCluster.start();
             Admin admin = cluster.admin()) {
            cluster.createTopics();
            BenchEstate estate = new BenchEstate(spokes);
            estate.produceInventory(cluster, origin);
            StreamsAppConfig config = cluster.streamsConfig(stateDir, settings());
            StreamsApp warm = warmupDays > 0 ? warmUp(cluster, admin, estate, config, origin, start) : null;
            try (StreamsApp paused = warm) {
                long t0 = System.nanoTime();
                int snapshots = estate.produceSnapshots(cluster, origin, warm == null ? origin : start, end);
                double produceSeconds = (System.nanoTime() - t0) / 1e9;
                double producerRate = snapshots / produceSeconds;
                System.out.printf("produced %d counter snapshots for %d spokes over %d days in %.2f s: %.0f records/s%n",
                        snapshots, spokes, days, produceSeconds, producerRate);
                if (paused == null) {
                    try (StreamsApp app = StreamsApp.start(config)) {
                        BenchEstate.awaitRunning(app);
                        measure(cluster, admin, app, config, start, end, snapshots, producerRate, 0);
                    }
                } else {
                    long warmUpSnapshots = processedSnapshots(paused);
                    paused.streams().resume();
                    measure(cluster, admin, paused, config, start, end, snapshots, producerRate, warmUpSnapshots);
                }
            }
        }
        return 0;
    }

    private Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(Map.of(StreamsAppConfig.STREAM_THREADS.name(), Integer.toString(streamThreads)));
        if (commitInterval != null) {
            settings.put(StreamsAppConfig.COMMIT_INTERVAL.name(), commitInterval);
        }
        if (catchUpCommitInterval != null) {
            settings.put(StreamsAppConfig.CATCHUP_COMMIT_INTERVAL.name(), catchUpCommitInterval);
        }
        return settings;
    }

    /**
     * The hours from {@code origin} to just before {@code start}, counted, priced and judged by an
     * instance that is then paused, so that the timed snapshots wait for it and are produced alone.
     */
    private StreamsApp warmUp(LocalCluster cluster, Admin admin, BenchEstate estate, StreamsAppConfig config, Instant origin,
                              Instant start) throws Exception {
        int snapshots = estate.produceSnapshots(cluster, origin, origin, start.minus(Duration.ofHours(1)));
        StreamsApp app = StreamsApp.start(config);
        try {
            BenchEstate.awaitRunning(app);
            long t = System.nanoTime();
            cluster.requireConsumed(admin, config.applicationId(), Topics.COUNTER_SNAPSHOTS.name());
            awaitCostAndAlerts(cluster, admin, config);
            System.out.printf("warm-up: %d counter snapshots over %d days counted, priced and judged in %.1f s; the instance is "
                    + "paused while the timed ones are produced%n", snapshots, warmupDays, (System.nanoTime() - t) / 1e9);
            app.streams().pause();
            return app;
        } catch (Exception | Error e) {
            app.close();
            throw e;
        }
    }

    /**
     * Seconds from {@code since} until the counter part has processed {@code total} snapshots since
     * its start (its count, not its commits: a commit may come up to
     * {@code EGRESSMON_CATCHUP_COMMIT_INTERVAL} later). Checked every 10 ms.
     */
    private static double awaitProcessed(StreamsApp app, long total, long since) throws InterruptedException {
        long deadline = since + Duration.ofMinutes(30).toNanos();
        while (processedSnapshots(app) < total) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the streams app did not process the snapshots within 30 min");
            }
            Thread.sleep(10);
        }
        return (System.nanoTime() - since) / 1e9;
    }

    private static long processedSnapshots(StreamsApp app) {
        return app.stats().asMap().getOrDefault("snapshots", 0L);
    }

    /** The cost and alerts parts have read everything the counter part handed on. */
    private static void awaitCostAndAlerts(LocalCluster cluster, Admin admin, StreamsAppConfig config) throws Exception {
        for (String topic : List.of(CostTopology.byAccountTopic(config.applicationId()), Topics.COST_SPOKE_HOURS.name(),
                AlertsTopology.byScopeTopic(config.applicationId()))) {
            cluster.requireConsumed(admin, config.applicationId(), topic);
        }
    }

    /** From a running instance's start (or resume) on: the processing rate, the pipeline, then the queries. */
    private void measure(LocalCluster cluster, Admin admin, StreamsApp app, StreamsAppConfig config, Instant start, Instant end,
                         int snapshots, double producerRate, long processedBefore) throws Exception {
        ThreadCpu cpuBefore = ThreadCpu.snapshot();
        double processBefore = ThreadCpu.processSeconds();
        long compilingBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long t1 = System.nanoTime();
        double processedSeconds = awaitProcessed(app, processedBefore + snapshots, t1);
        double processedRate = snapshots / processedSeconds;
        double processCpu = ThreadCpu.processSeconds() - processBefore;
        System.out.printf("streams app processed every snapshot %.2f s after RUNNING (or resume), not yet committed: "
                + "%.0f records/s (%.3f of the producer's rate)%n", processedSeconds, processedRate, processedRate / producerRate);
        // Where the two cores went meanwhile: the JIT compilers and GC are not Java threads, so they are in the rest.
        System.out.printf("CPU meanwhile: %.1f s of the process (%.2f cores), JIT compiling %.1f s; Java threads: %s%n", processCpu,
                processCpu / processedSeconds,
                (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compilingBefore) / 1e3,
                ThreadCpu.snapshot().since(cpuBefore, 6).stream()
                        .map(e -> String.format("%s %.1f s", e.getKey(), e.getValue())).collect(Collectors.joining(", ")));
        System.out.println("stream thread loop: " + app.streams().metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals("stream-thread-metrics")
                        && List.of("process-records-avg", "process-records-max", "punctuate-total", "commit-total", "poll-records-avg",
                        "process-ratio", "punctuate-ratio", "poll-ratio", "commit-ratio").contains(e.getKey().name()))
                .map(e -> String.format("%s=%.3f", e.getKey().name(), ((Number) e.getValue().metricValue()).doubleValue()))
                .sorted().collect(Collectors.joining(" ")));
        if (!cluster.awaitConsumed(admin, config.applicationId(), Topics.COUNTER_SNAPSHOTS.name(),
                Duration.ofMillis(100), Duration.ofMinutes(30)).done()) {
            throw new IllegalStateException("the streams app did not consume the snapshots within 30 min");
        }
        double processSeconds = (System.nanoTime() - t1) / 1e9;
        double processingRate = snapshots / processSeconds;
        System.out.printf("streams app committed every snapshot %.2f s after RUNNING (or resume): %.0f records/s "
                + "(%.3f of the producer's rate)%n", processSeconds, processingRate, processingRate / producerRate);
        // The cost and alerts parts price and judge the hours after the counter part closed them;
        // the queries are timed once they are done too, on a settled instance.
        long settling = System.nanoTime();
        awaitCostAndAlerts(cluster, admin, config);
        System.out.printf("the cost and alerts parts caught up %.2f s later%n", (System.nanoTime() - settling) / 1e9);
        // The whole backfill: every snapshot counted, priced and judged.
        double pipelineSeconds = (System.nanoTime() - t1) / 1e9;
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
        checkTotals(allSpokes, (long) spokes * days * 24 * BenchEstate.TUN_RX_PER_HOUR);
        Latencies all = queries.sequential(allSpokes);
        System.out.printf("GET %s (%d spokes, %d days, all spokes), one client: %s%n", allSpokes.getPath(), spokes,
                days, all.summary());

        URI oneSpoke = URI.create(app.url() + "/api/v1/bandwidth?days=7&gateway=" + BenchEstate.spokeName(spokes / 2));
        LoadClient.Result spoke = queries.load(oneSpoke);
        System.out.printf("GET %s?%s, %d clients for %d s: %.0f requests/s, %s%n", oneSpoke.getPath(),
                oneSpoke.getQuery(), queries.clients, queries.seconds, spoke.perSecond(), spoke.latencies().summary());

        URI global = URI.create(app.url() + "/api/v1/top-talkers?days=" + days + "&top=10");
        // The first answer reads and merges every window; the following ones find them merged.
        long c0 = System.nanoTime();
        LoadClient.get(global);
        double talkersColdMs = (System.nanoTime() - c0) / 1e6;
        System.out.printf("GET %s?%s, first answer (nothing merged yet): %.1f ms%n", global.getPath(),
                global.getQuery(), talkersColdMs);
        Latencies talkersOne = queries.sequential(global);
        System.out.printf("GET %s?%s, one client: %s%n", global.getPath(), global.getQuery(), talkersOne.summary());
        LoadClient.Result talkersLoad = queries.load(global);
        System.out.printf("GET %s?%s, %d clients for %d s: %.0f requests/s, %s%n", global.getPath(),
                global.getQuery(), queries.clients, queries.seconds, talkersLoad.perSecond(), talkersLoad.latencies().summary());

        System.out.printf("bench rest spokes=%d days=%d stream_threads=%d snapshots=%d p50_ms=%.2f p99_ms=%.2f rps=%.0f "
                        + "rps_p99_ms=%.2f talkers_cold_ms=%.1f talkers_p50_ms=%.2f talkers_p99_ms=%.2f talkers_rps=%.0f "
                        + "producer_rate=%.0f processed_rate=%.0f processed_ratio=%.3f processing_rate=%.0f producer_ratio=%.3f pipeline_s=%.1f "
                        + "commit_interval=%s "
                        + "catchup_commit_interval=%s warmup_days=%d%n",
                spokes, days, streamThreads, snapshots, all.percentile(50), all.percentile(99), spoke.perSecond(),
                spoke.latencies().percentile(99), talkersColdMs, talkersOne.percentile(50), talkersOne.percentile(99),
                talkersLoad.perSecond(), producerRate, processedRate, processedRate / producerRate, processingRate,
                processingRate / producerRate, pipelineSeconds, config.commitInterval(), config.catchUpCommitInterval(),
                warmupDays);
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
                    String gateway = BenchEstate.spokeName(s);
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
