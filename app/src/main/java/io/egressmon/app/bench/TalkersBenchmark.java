package io.egressmon.app.bench;

import io.egressmon.api.HealthAnswer;
import io.egressmon.avro.FlowDirection;
import io.egressmon.avro.TalkerBytes;
import io.egressmon.avro.TalkerRole;
import io.egressmon.schemas.Topics;
import io.egressmon.streams.StreamsAppConfig;
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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Topology throughput and memory for top talkers: {@code --ips} distinct external IPs spread over
 * {@code --spokes} spokes in one day of 15-minute slices, produced to the embedded broker (the
 * producer rate: first send to the end of flush), then consumed by one streams-app instance (the
 * processing rate), in this JVM ({@code all-in-one}) or in a JVM of its own ({@code external}, see
 * {@link StreamsChild}). Without warm-up the records are produced first and the processing time runs
 * from the instance's RUNNING (its {@code /health}); with {@code --warmup-records} the instance first
 * processes a day of its own, is paused (Kafka Streams' {@code pause()}, or {@code SIGSTOP} for its
 * JVM) while the measured records are produced, and timed from its resumption.
 */
@Command(name = "talkers", mixinStandardHelpOptions = true,
        description = "Top-talker topology: producer and processing rates (records/s) and RSS with N distinct external IPs over a day.")
final class TalkersBenchmark implements Callable<Integer> {
    private static final Duration POLL = Duration.ofMillis(100);

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

    @Option(names = "--warmup-records", defaultValue = "0",
            description = "Records of the day before, processed before the measured ones (JIT warm-up); 0 = none (default).")
    int warmupRecords;

    @Option(names = "--stream-threads", description = "EGRESSMON_STREAM_THREADS of the streams app (default: the setting's, 1).")
    Integer streamThreads;

    @Option(names = "--streams-heap", defaultValue = "320m", description = "-Xmx of the external streams JVM (default ${DEFAULT-VALUE}).")
    String streamsHeap;

    @Option(names = "--streams-jvm-option", description = "Another option for the external streams JVM (repeatable), e.g. -XX:StartFlightRecording=…")
    List<String> streamsJvmOptions = new ArrayList<>();

    @Option(names = "--timeout", defaultValue = "PT30M", description = "Give up when the streams app has not consumed everything by then.")
    Duration timeout;

    /**
     * What was measured of the streams app's work: {@code counted} records processed in
     * {@code processedSeconds} and committed in {@code committedSeconds} ({@code processedFromLag}
     * false: the lag was never seen above 0, and processed is when committed), the processing rate over
     * the second half of them; {@code cpuSeconds} and {@code cpuByThread} (as {@link ProcStatus#cpuSince})
     * while processing.
     */
    private record Processing(double startupSeconds, long counted, double processedSeconds, double committedSeconds,
                              boolean processedFromLag, double secondHalfRate, double cpuSeconds, String cpuByThread) {
        /** NaN when no time was seen to pass (done at the first look): not measured. */
        double processedRate() {
            return processedSeconds > 0 ? counted / processedSeconds : Double.NaN;
        }

        double committedRate() {
            return committedSeconds > 0 ? counted / committedSeconds : Double.NaN;
        }
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
            double produceSeconds = 0;
            if (warmupRecords > 0) {
                produce(cluster, day.minus(Duration.ofDays(1)), warmupRecords, Math.min(ips, warmupRecords / 2), 7);
            } else {
                produceSeconds = produceMeasured(cluster, day);
            }
            Processing p;
            double startup;
            long launched = System.nanoTime();
            Map<String, String> settings = streamThreads == null ? Map.of()
                    : Map.of(StreamsAppConfig.STREAM_THREADS.name(), streamThreads.toString());
            try (MeasuredStreams instance = mode.equals("external") ? MeasuredStreams.child(cluster, dir, jvmOptions(), settings)
                    : MeasuredStreams.inProcess(cluster, dir, settings)) {
                if (warmupRecords > 0) {
                    Processing warm = awaitProcessed(cluster, admin, instance, launched, -1, 0);
                    System.out.printf("warm-up: %d records of the day before processed at %.0f records/s (RUNNING %.1f s after "
                            + "the start)%n", warmupRecords, warm.processedRate(), warm.startupSeconds());
                    instance.pause();
                    produceSeconds = produceMeasured(cluster, day);
                    long resumed = System.nanoTime();
                    instance.resume();
                    p = awaitProcessed(cluster, admin, instance, launched, resumed, warmupRecords);
                    startup = warm.startupSeconds();
                } else {
                    p = awaitProcessed(cluster, admin, instance, launched, -1, 0);
                    startup = p.startupSeconds();
                }
                double producerRate = records / produceSeconds;
                ProcStatus memory = instance.status();
                long heapMib = instance.heapAfterGcMib();
                String from = warmupRecords > 0 ? "resume" : "running";
                System.out.printf("streams app (%s): RUNNING %.1f s after its start; from %s, %d records processed in %.2f s: "
                                + "%.0f records/s, %.3f of the producer's rate (the second half %.0f records/s), %.1f CPU-s; "
                                + "committed in %.2f s: %.0f records/s, %.3f of the producer's rate; RSS %d MiB now, %d MiB at "
                                + "most; heap after GC %d MiB%n", mode, startup, from.equals("resume") ? "its resumption" : "RUNNING",
                        p.counted(), p.processedSeconds(), p.processedRate(), p.processedRate() / producerRate,
                        p.secondHalfRate(), p.cpuSeconds(), p.committedSeconds(), p.committedRate(),
                        p.committedRate() / producerRate, memory.rssMib(), memory.peakRssMib(), heapMib);
                System.out.printf("CPU of the %s while processing, by thread: %s%n",
                        mode.equals("external") ? "streams JVM" : "JVM (broker included)", p.cpuByThread());
                System.out.printf("load average at the end: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
                System.out.printf("bench talkers records=%d ips=%d spokes=%d producer_rate=%.0f processed_rate=%.0f "
                                + "processed_ratio=%.3f processing_rate=%.0f producer_ratio=%.3f rss_mib=%d rss_peak_mib=%d "
                                + "heap_mib=%d mode=%s stream_threads=%s warmup_records=%d startup_s=%.1f cpu_s=%.1f "
                                + "second_half_rate=%.0f processing_from=%s processed_from=%s%n",
                        records, ips, spokes, producerRate, p.processedRate(), p.processedRate() / producerRate,
                        p.committedRate(), p.committedRate() / producerRate, memory.rssMib(), memory.peakRssMib(), heapMib,
                        mode, streamThreads == null ? "1" : streamThreads, warmupRecords, startup, p.cpuSeconds(),
                        p.secondHalfRate(), from, p.processedFromLag() ? "lag" : "committed");
            }
        }
        return 0;
    }

    private List<String> jvmOptions() {
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + streamsHeap));
        jvm.addAll(streamsJvmOptions);
        return jvm;
    }

    private double produceMeasured(LocalCluster cluster, Instant day) {
        double seconds = produce(cluster, day, records, ips, 42);
        System.out.printf("produced %d talker records (%d distinct external IPs, %d spokes, one day) in %.2f s: "
                + "%.0f records/s (first send to the end of flush)%n", records, ips, spokes, seconds, records / seconds);
        return seconds;
    }

    /** Produces {@code n} records of {@code day} and returns the seconds from the first send to the end of {@code flush}. */
    private double produce(LocalCluster cluster, Instant day, int n, int distinctIps, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long slice = Duration.ofMinutes(15).toMillis();
        String[] gateways = new String[spokes];
        for (int g = 0; g < spokes; g++) {
            gateways[g] = String.format("bench-spoke-%04d", g);
        }
        try (KafkaProducer<String, TalkerBytes> producer = cluster.bulkProducer(Topics.TALKER_BYTES, 512 * 1024)) {
            producer.partitionsFor(Topics.TALKER_BYTES.name()); // metadata before the clock starts
            long started = System.nanoTime();
            for (int i = 0; i < n; i++) {
                // Records in time order, as the ingest writes them: slice after slice.
                long sliceIndex = (long) i * 96 / n;
                Instant start = day.plusMillis(sliceIndex * slice);
                String gateway = gateways[random.nextInt(spokes)];
                int ip = i < distinctIps ? i : random.nextInt(distinctIps);
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
     * Waits until the streams app has processed every record and its consumer group has committed
     * them, looking every {@link #POLL} at its {@code /health} and at the group's offsets. The time
     * runs from {@code from} ({@link System#nanoTime}), or, when it is -1, from the first look at
     * which {@code /health} says RUNNING (JVM start, rebalance and store opening are behind it).
     * Processed is when {@code processing_lag_records}, having been above 0 since, reads 0 — the
     * records still to fetch and those fetched but not processed; a lag never seen above 0 (a look
     * that came too late) leaves processed at committed. Committed is when the group's offsets reach
     * the topic's end; {@code before} records were committed before this phase.
     */
    private Processing awaitProcessed(LocalCluster cluster, Admin admin, MeasuredStreams instance, long launched, long from,
                                      long before) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long report = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long measured = -1;
        long startAt = -1;
        long halfAt = -1;
        long processedAt = -1;
        double cpuAtStart = 0;
        double cpuAtProcessed = -1;
        Map<String, Double> threadsAtStart = Map.of();
        Map<String, Double> threadsAtProcessed = null;
        boolean lagSeen = false;
        try (HealthLooks health = new HealthLooks(instance.httpPort())) {
            while (true) {
                ProcStatus status = instance.status();
                HealthAnswer answer = health.look();
                long now = System.nanoTime();
                LocalCluster.Progress p = cluster.progress(admin, StreamsAppConfig.DEFAULT_APPLICATION_ID, Topics.TALKER_BYTES.name());
                if (startAt < 0 && (from >= 0 || answer != null && "RUNNING".equals(answer.streamsState()))) {
                    startAt = from >= 0 ? from : now;
                    measured = p.end() - before;
                    cpuAtStart = status.cpuSeconds();
                    threadsAtStart = ProcStatus.threadCpu(instance.pid());
                }
                Long lag = answer == null ? null : answer.processingLagRecords();
                if (startAt >= 0 && processedAt < 0 && lag != null) {
                    lagSeen |= lag > 0;
                    if (lagSeen && halfAt < 0 && lag <= measured / 2) {
                        halfAt = now;
                    }
                    if (lagSeen && lag == 0) {
                        processedAt = now;
                        cpuAtProcessed = status.cpuSeconds();
                        threadsAtProcessed = ProcStatus.threadCpu(instance.pid());
                    }
                }
                if (startAt >= 0 && p.done()) {
                    boolean fromLag = processedAt >= 0;
                    if (!fromLag) {
                        processedAt = now;
                        cpuAtProcessed = status.cpuSeconds();
                        threadsAtProcessed = ProcStatus.threadCpu(instance.pid());
                    }
                    double secondHalf = halfAt < 0 || processedAt <= halfAt ? Double.NaN
                            : (measured - measured / 2) / ((processedAt - halfAt) / 1e9);
                    return new Processing((startAt - launched) / 1e9, measured, (processedAt - startAt) / 1e9,
                            (now - startAt) / 1e9, fromLag, secondHalf, cpuAtProcessed - cpuAtStart,
                            ProcStatus.cpuSince(threadsAtStart, threadsAtProcessed, 8));
                }
                if (now > deadline) {
                    throw new IllegalStateException("the streams app committed " + p.committed() + " of " + p.end()
                            + " records within " + timeout + (startAt < 0 && from < 0 ? ", never RUNNING" : "") + "; /health "
                            + (answer == null ? "not answering" : answer));
                }
                if (now > report) {
                    report += Duration.ofSeconds(30).toNanos();
                    System.out.printf("waiting for the streams app to consume %s: %d of %d records committed, %s to process; "
                                    + "RSS %d MiB%n", Topics.TALKER_BYTES.name(), p.committed(), p.end(),
                            lag == null ? "not known yet how many" : lag + " records", status.rssMib());
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    /** A distinct public address per index, clear of RFC1918 and CGNAT (first octets 20..99). */
    private static String publicIp(int index) {
        return (20 + index / (1 << 24)) + "." + (index >> 16 & 255) + "." + (index >> 8 & 255) + "." + (index & 255);
    }
}
