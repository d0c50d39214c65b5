package io.egressmon.app.bench;

import io.egressmon.avro.FlowDirection;
import io.egressmon.avro.TalkerBytes;
import io.egressmon.avro.TalkerRole;
import io.egressmon.schemas.Topics;
import io.egressmon.streams.StreamsApp;
import io.egressmon.streams.StreamsAppConfig;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Topology throughput and memory for top talkers: {@code --ips} distinct external IPs spread over
 * {@code --spokes} spokes in one day of 15-minute slices, produced to the embedded broker first, then
 * consumed by one streams-app instance; records/s is measured from its first to its last commit.
 */
@Command(name = "talkers", mixinStandardHelpOptions = true,
        description = "Top-talker topology throughput (records/s) and heap/RSS with N distinct external IPs over a day.")
final class TalkersBenchmark implements Callable<Integer> {
    @Option(names = "--ips", defaultValue = "1000000", description = "Distinct external IPs (default ${DEFAULT-VALUE}).")
    int ips;

    @Option(names = "--spokes", defaultValue = "500")
    int spokes;

    @Option(names = "--records", defaultValue = "2000000", description = "TalkerBytes records to produce.")
    int records;

    @Override
    public Integer call() throws Exception {
        Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
        Path stateDir = Files.createTempDirectory("egressmon-bench-talkers");
        try (LocalCluster cluster = LocalCluster.start();
             Admin admin = cluster.admin()) {
            cluster.createTopics();
            long t0 = System.nanoTime();
            produce(cluster, day);
            System.out.printf("produced %d talker records (%d distinct external IPs, %d spokes, one day) in %.1f s%n",
                    records, ips, spokes, (System.nanoTime() - t0) / 1e9);

            StreamsAppConfig config = cluster.streamsConfig(stateDir);
            long started = System.nanoTime();
            try (StreamsApp app = StreamsApp.start(config)) {
                if (!cluster.awaitConsumed(admin, config.applicationId(), Topics.TALKER_BYTES.name(), Duration.ofSeconds(1),
                        Duration.ofMinutes(30)).done()) {
                    throw new IllegalStateException("the streams app did not consume " + Topics.TALKER_BYTES.name() + " within 30 min");
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                System.gc();
                long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                System.out.printf("streams app consumed everything in %.1f s: %.0f records/s (start-up included); "
                                + "heap after GC %d MiB, RSS %s%n",
                        seconds, records / seconds, heap >> 20, rss());
            }
        }
        return 0;
    }

    private void produce(LocalCluster cluster, Instant day) {
        SplittableRandom random = new SplittableRandom(42);
        long slice = Duration.ofMinutes(15).toMillis();
        try (KafkaProducer<String, TalkerBytes> producer = cluster.bulkProducer(Topics.TALKER_BYTES, 512 * 1024)) {
            for (int i = 0; i < records; i++) {
                // Records in time order, as the ingest writes them: slice after slice.
                long sliceIndex = (long) i * 96 / records;
                Instant start = day.plusMillis(sliceIndex * slice);
                String gateway = String.format("bench-spoke-%04d", random.nextInt(spokes));
                int ip = i < ips ? i : random.nextInt(ips);
                boolean external = random.nextInt(4) != 0;
                producer.send(new ProducerRecord<>(Topics.TALKER_BYTES.name(), null, start.toEpochMilli(), gateway,
                        TalkerBytes.newBuilder().setGateway(gateway).setSliceStart(start)
                                .setSliceEnd(start.plusMillis(slice))
                                .setRole(external ? TalkerRole.EXTERNAL : TalkerRole.INTERNAL)
                                .setDirection(random.nextBoolean() ? FlowDirection.OUTBOUND : FlowDirection.INBOUND)
                                .setIp(external ? publicIp(ip) : "10." + (ip >> 16 & 255) + "." + (ip >> 8 & 255) + "." + (ip & 255))
                                .setBytes(1 + random.nextInt(10_000_000))
                                .setTruncated(false).setSource("flowiq").build()));
            }
            producer.flush();
        }
    }

    /** A distinct public address per index, clear of RFC1918 and CGNAT (first octets 20..99). */
    private static String publicIp(int index) {
        return (20 + index / (1 << 24)) + "." + (index >> 16 & 255) + "." + (index >> 8 & 255) + "." + (index & 255);
    }

    private static String rss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).map(l -> l.substring(6).trim()).findFirst().orElse("unknown");
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
