package io.egressmon.app.bench;

import io.egressmon.avro.SpokeHourCost;
import io.egressmon.cost.BillingPoint;
import io.egressmon.cost.PriceTable;
import io.egressmon.cost.PriceTables;
import io.egressmon.cost.Provider;
import io.egressmon.cost.Traffic;
import io.egressmon.ingest.KafkaClients;
import io.egressmon.registry.SchemaRegistryClient;
import io.egressmon.schemas.Topic;
import io.egressmon.schemas.Topics;
import io.egressmon.streams.StreamsApp;
import io.egressmon.streams.StreamsAppConfig;
import io.egressmon.streams.cost.CostTopology;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The cost state on a big estate: {@code --spokes} spokes ({@link BenchEstate}: 20 billing ladders)
 * with {@code --days} of hourly snapshots; one streams-app instance prices every final hourly window.
 * Measured: the producer's rate, the snapshots' processing rate through to priced spoke-hours (from
 * RUNNING until the cost part has committed every batch of hours), the spoke-hours priced per second,
 * then {@code GET /api/v1/cost} latency and throughput. Checked first: every ladder's month costs
 * what its bytes cost priced at once, and the API's total equals the topic's.
 */
@Command(name = "cost", mixinStandardHelpOptions = true,
        description = "Cost state over N spokes and D days: processing rate, spoke-hours priced per second, /api/v1/cost latency.")
final class CostBenchmark implements Callable<Integer> {
    @Option(names = "--spokes", defaultValue = "500")
    int spokes;

    @Option(names = "--days", defaultValue = "30")
    int days;

    @Option(names = "--stream-threads", defaultValue = "1", description = "EGRESSMON_STREAM_THREADS (default ${DEFAULT-VALUE}).")
    int streamThreads;

    @Mixin
    QueryLoad queries;

    @Override
    public Integer call() throws Exception {
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant start = end.minus(Duration.ofDays(days));
        Path stateDir = Files.createTempDirectory("egressmon-bench-cost");
        try (LocalCluster cluster = LocalCluster.start();
             Admin admin = cluster.admin()) {
            cluster.createTopics();
            BenchEstate estate = new BenchEstate(spokes);
            estate.produceInventory(cluster, start);
            long t0 = System.nanoTime();
            int snapshots = estate.produceSnapshots(cluster, start, end);
            double producerRate = snapshots / ((System.nanoTime() - t0) / 1e9);
            System.out.printf("produced %d counter snapshots for %d spokes over %d days: %.0f records/s%n",
                    snapshots, spokes, days, producerRate);
            StreamsAppConfig config = cluster.streamsConfig(stateDir, streamThreads);
            try (StreamsApp app = StreamsApp.start(config)) {
                BenchEstate.awaitRunning(app);
                long t1 = System.nanoTime();
                cluster.requireConsumed(admin, config.applicationId(), Topics.COUNTER_SNAPSHOTS.name());
                // The batches of hours go out in the commits of the snapshots they come from: all are written now.
                cluster.requireConsumed(admin, config.applicationId(), CostTopology.byAccountTopic(config.applicationId()));
                double seconds = (System.nanoTime() - t1) / 1e9;
                Map<String, SpokeHourCost> costs = read(cluster);
                double processingRate = snapshots / seconds;
                System.out.printf("every snapshot processed and its hours priced %.2f s after RUNNING: %.0f snapshots/s "
                        + "(%.3f of the producer's rate), %d spoke-hours priced: %.0f/s%n", seconds, processingRate,
                        processingRate / producerRate, costs.size(), costs.size() / seconds);
                BigDecimal total = checkLadders(costs);
                CostQueries.Figures rest = new CostQueries(app.url(), queries)
                        .measure(start, end, costs, BenchEstate.spokeName(spokes / 2));
                System.out.printf("bench cost spokes=%d days=%d stream_threads=%d snapshots=%d spoke_hours=%d total_usd=%s producer_rate=%.0f "
                                + "processing_rate=%.0f producer_ratio=%.3f priced_per_s=%.0f %s%n",
                        spokes, days, streamThreads, snapshots, costs.size(), total.setScale(2, java.math.RoundingMode.HALF_EVEN), producerRate,
                        processingRate, processingRate / producerRate, costs.size() / seconds, rest.keyValues());
            }
        }
        return 0;
    }

    /**
     * Every ladder's month: the spoke-hours' dollars add up to its bytes priced at once (a lost,
     * doubled or stale spoke-hour would not); says so when no ladder is past its free allowance.
     *
     * @return the dollars of every spoke-hour
     */
    private static BigDecimal checkLadders(Map<String, SpokeHourCost> costs) {
        PriceTable prices = PriceTables.defaults();
        Map<String, BigDecimal> usd = new HashMap<>();
        Map<String, Long> bytes = new HashMap<>();
        Map<String, BillingPoint> points = new HashMap<>();
        for (SpokeHourCost c : costs.values()) {
            String ladder = c.getBillingKey() + "|" + YearMonth.from(c.getHourStart().atZone(ZoneOffset.UTC));
            usd.merge(ladder, new BigDecimal(c.getUsd()), BigDecimal::add);
            bytes.merge(ladder, c.getEgressBytes(), Long::sum);
            points.put(ladder, new BillingPoint(Provider.fromKey(c.getProvider()), c.getVpcRegion(), c.getAccountName(), null));
        }
        BigDecimal total = BigDecimal.ZERO;
        int paid = 0;
        for (Map.Entry<String, BigDecimal> e : usd.entrySet()) {
            BigDecimal atOnce = prices.schedule(points.get(e.getKey()), Traffic.INTERNET).charge(0, bytes.get(e.getKey())).usd();
            if (e.getValue().subtract(atOnce).abs().compareTo(new BigDecimal("1e-15")) >= 0) {
                throw new IllegalStateException(e.getKey() + ": the hours cost $" + e.getValue() + ", the month at once $" + atOnce);
            }
            total = total.add(e.getValue());
            paid += e.getValue().signum() > 0 ? 1 : 0;
        }
        if (paid == 0) {
            System.out.println("note: no ladder got past its free allowance, every spoke-hour costs $0 "
                    + "(the default 500 spokes × 30 days price 20 ladders)");
        }
        System.out.printf("checked: %d ladder-months each cost their bytes priced at once; %d past the free allowance; $%s in all%n",
                usd.size(), paid, total.setScale(6, java.math.RoundingMode.HALF_EVEN));
        return total;
    }

    /** {@code cost.spoke-hours} read_committed to its end: the latest record per {@code gateway@hour start}. */
    private static Map<String, SpokeHourCost> read(LocalCluster cluster) {
        Topic<String, SpokeHourCost> topic = Topics.COST_SPOKE_HOURS.bind(new SchemaRegistryClient(cluster.registry.url()));
        Map<String, SpokeHourCost> out = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                KafkaClients.consumerProps(cluster.kafka.bootstrapServers(), "bench-cost"))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    SpokeHourCost c = topic.deserializeValue(r.value());
                    out.put(c.getGateway() + "@" + c.getHourStart(), c);
                }
            }
        }
        return out;
    }
}
