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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Topology throughput and memory for top talkers: {@code --ips} distinct external IPs spread over
 * {@code --spokes} spokes in one day of 15-minute slices, produced to the embedded broker first (the
 * producer rate), then consumed by one streams-app instance (the processing rate), in this JVM
 * ({@code all-in-one}) or in a JVM of its own ({@code external}, see {@link StreamsChild}).
 */
@Command(name = "talkers", mixinStandardHelpOptions = true,
        description = "Top-talker topology: producer and processing rates (records/s) and RSS with N distinct external IPs over a day.")
final class TalkersBenchmark implements Callable<Integer> {
    private static final Duration POLL = Duration.ofMillis(200);

    @Option(names = "--ips", defaultValue = "1000000", description = "Distinct external IPs (default ${DEFAULT-VALUE}).")
    int ips;

    @Option(names = "--spokes", defaultValue = "500")
    int spokes;

    @Option(names = "--records", defaultValue = "2000000", description = "TalkerBytes records to produce.")
    int records;

    @Option(names = "--mode", defaultValue = "all-in-one",
            description = "all-in-one: the streams app in this JVM, with the broker and registry (RSS of them all); "
                    + "external: `egressmon streams` in a JVM of its own against this JVM's broker (its RSS alone). Default ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--streams-heap", defaultValue = "320m", description = "-Xmx of the external streams JVM (default ${DEFAULT-VALUE}).")
    String streamsHeap;

    @Option(names = "--streams-jvm-option", description = "Another option for the external streams JVM (repeatable), e.g. -XX:StartFlightRecording=…")
    List<String> streamsJvmOptions = new ArrayList<>();

    @Option(names = "--timeout", defaultValue = "PT30M", description = "Give up when the streams app has not consumed everything by then.")
    Duration timeout;

    /** What was measured of the streams app's work; {@code cpuByThread} as {@link ProcStatus#cpuSince}. */
    private record Processing(double startupSeconds, long firstCommitted, double seconds, double cpuSeconds, String cpuByThread) {
    }

    @Override
    public Integer call() throws Exception {
        if (!mode.equals("all-in-one") && !mode.equals("external")) {
            throw new IllegalArgumentException("--mode is all-in-one or external, not " + mode);
        }
        Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
        Path dir = Files.createTempDirectory("egressmon-bench-talkers");
        System.out.printf("load average at start: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
        try (LocalCluster cluster = LocalCluster.start();
             Admin admin = cluster.admin()) {
            cluster.createTopics();
            double produceSeconds = produce(cluster, day);
            double producerRate = records / produceSeconds;
            System.out.printf("produced %d talker records (%d distinct external IPs, %d spokes, one day) in %.2f s: "
                    + "%.0f records/s (first send to the end of flush)%n", records, ips, spokes, produceSeconds, producerRate);

            Processing p;
            ProcStatus memory;
            long heapMib;
            if (mode.equals("external")) {
                List<String> jvm = new ArrayList<>(List.of("-Xmx" + streamsHeap));
                jvm.addAll(streamsJvmOptions);
                long launched = System.nanoTime();
                try (StreamsChild child = StreamsChild.start(cluster, dir, jvm)) {
                    System.out.printf("streams role in its own JVM (pid %d, %s), log %s%n", child.pid(), String.join(" ", jvm),
                            child.log());
                    p = awaitProcessed(cluster, admin, StreamsAppConfig.DEFAULT_APPLICATION_ID, launched, child.pid(), () -> {
                        if (!child.alive()) {
                            throw new IllegalStateException("the streams JVM exited; see " + child.log());
                        }
                        return ProcStatus.of(child.pid());
                    });
                    memory = ProcStatus.of(child.pid());
                    heapMib = child.heapAfterGcMib();
                }
            } else {
                StreamsAppConfig config = cluster.streamsConfig(dir.resolve("state"));
                long launched = System.nanoTime();
                try (StreamsApp app = StreamsApp.start(config)) {
                    p = awaitProcessed(cluster, admin, config.applicationId(), launched, ProcessHandle.current().pid(),
                            ProcStatus::self);
                    memory = ProcStatus.self();
                    System.gc();
                    heapMib = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
                }
            }
            double processingRate = (records - p.firstCommitted()) / p.seconds();
            System.out.printf("streams app (%s): first offsets committed %.1f s after its start (%d records); the other %d "
                            + "records processed in %.2f s: %.0f records/s, %.1f CPU-s; RSS %d MiB now, %d MiB at most; "
                            + "heap after GC %d MiB%n", mode, p.startupSeconds(), p.firstCommitted(), records - p.firstCommitted(),
                    p.seconds(), processingRate, p.cpuSeconds(), memory.rssMib(), memory.peakRssMib(), heapMib);
            System.out.printf("CPU of the %s while processing, by thread: %s%n",
                    mode.equals("external") ? "streams JVM" : "JVM (broker included)", p.cpuByThread());
            System.out.printf("load average at the end: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
            System.out.printf("bench talkers records=%d ips=%d spokes=%d producer_rate=%.0f processing_rate=%.0f producer_ratio=%.2f "
                            + "rss_mib=%d rss_peak_mib=%d heap_mib=%d mode=%s startup_s=%.1f cpu_s=%.1f processing_from=first-commit%n",
                    records, ips, spokes, producerRate, processingRate, processingRate / producerRate, memory.rssMib(),
                    memory.peakRssMib(), heapMib, mode, p.startupSeconds(), p.cpuSeconds());
        }
        return 0;
    }

    /** Produces the records and returns the seconds from the first send to the end of {@code flush}. */
    private double produce(LocalCluster cluster, Instant day) {
        SplittableRandom random = new SplittableRandom(42);
        long slice = Duration.ofMinutes(15).toMillis();
        String[] gateways = new String[spokes];
        for (int g = 0; g < spokes; g++) {
            gateways[g] = String.format("bench-spoke-%04d", g);
        }
        try (KafkaProducer<String, TalkerBytes> producer = cluster.bulkProducer(Topics.TALKER_BYTES, 512 * 1024)) {
            producer.partitionsFor(Topics.TALKER_BYTES.name()); // metadata before the clock starts
            long started = System.nanoTime();
            for (int i = 0; i < records; i++) {
                // Records in time order, as the ingest writes them: slice after slice.
                long sliceIndex = (long) i * 96 / records;
                Instant start = day.plusMillis(sliceIndex * slice);
                String gateway = gateways[random.nextInt(spokes)];
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
            return (System.nanoTime() - started) / 1e9;
        }
    }

    /**
     * Waits until the streams app's consumer group has committed every record. The processing time
     * runs from the first committed offset seen (JVM start, rebalance and store opening are behind
     * it) to the last, checked every {@link #POLL}; the records committed by then are not counted.
     */
    private Processing awaitProcessed(LocalCluster cluster, Admin admin, String applicationId, long launched, long pid,
                                      Supplier<ProcStatus> process) throws Exception {
        long deadline = launched + timeout.toNanos();
        long report = launched + Duration.ofSeconds(30).toNanos();
        long firstAt = -1;
        long first = 0;
        double cpuAtFirst = 0;
        Map<String, Double> threadsAtFirst = Map.of();
        while (true) {
            ProcStatus status = process.get();
            LocalCluster.Progress p = cluster.progress(admin, applicationId, Topics.TALKER_BYTES.name());
            long now = System.nanoTime();
            if (firstAt < 0 && p.committed() > 0) {
                firstAt = now;
                first = p.committed();
                cpuAtFirst = status.cpuSeconds();
                threadsAtFirst = ProcStatus.threadCpu(pid);
            }
            if (p.done()) {
                return new Processing((firstAt - launched) / 1e9, first, (now - firstAt) / 1e9,
                        process.get().cpuSeconds() - cpuAtFirst, ProcStatus.cpuSince(threadsAtFirst, ProcStatus.threadCpu(pid), 8));
            }
            if (now > deadline) {
                throw new IllegalStateException("the streams app committed " + p.committed() + " of " + p.end()
                        + " records within " + timeout);
            }
            if (now > report) {
                report += Duration.ofSeconds(30).toNanos();
                System.out.printf("waiting for %s to consume %s: %d of %d records committed; RSS %d MiB%n", applicationId,
                        Topics.TALKER_BYTES.name(), p.committed(), p.end(), status.rssMib());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** A distinct public address per index, clear of RFC1918 and CGNAT (first octets 20..99). */
    private static String publicIp(int index) {
        return (20 + index / (1 << 24)) + "." + (index >> 16 & 255) + "." + (index >> 8 & 255) + "." + (index & 255);
    }
}
