package io.egressmon.app.bench;

import io.egressmon.api.ApiJson;
import io.egressmon.api.talkers.TalkerRow;
import io.egressmon.api.talkers.TopTalkersAnswer;
import io.egressmon.config.KafkaSettings;
import io.egressmon.ingest.netflow.CollectorSettings;
import io.egressmon.ingest.netflow.CollectorStats;
import io.egressmon.ingest.netflow.EgressCopies;
import io.egressmon.ingest.netflow.FlowCollector;
import io.egressmon.schemas.Topics;
import io.egressmon.streams.StreamsApp;
import io.egressmon.streams.StreamsAppConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The flow collector's capacity: NetFlow v9 from a sender thread in this JVM over loopback → decode →
 * Kafka (acknowledged) → the streams app's top-N stores, next to the raw producer rate of records of
 * the same size in the same run. A warm-up at keep-up pace runs first and is not counted in the rates.
 */
@Command(name = "netflow", mixinStandardHelpOptions = true,
        description = "NetFlow v9 collector flows/s (decode → Kafka → top-N store) against the raw producer rate.")
final class NetflowBenchmark implements Callable<Integer> {
    @Option(names = "--flows", defaultValue = "6000000", description = "Flows to send, measured (default ${DEFAULT-VALUE}).")
    long flows;

    @Option(names = "--warmup-flows", defaultValue = "600000", description = "Flows sent first at keep-up pace, not measured.")
    long warmupFlows;

    @Option(names = "--exporters", defaultValue = "10", description = "Exporters 127.0.1.1..E, gateways spoke-1..E.")
    int exporters;

    @Option(names = "--ips", defaultValue = "100000", description = "Distinct public addresses in the flows.")
    int ips;

    @Option(names = "--rate", defaultValue = "full",
            description = "full (as fast as the socket takes them), keep-up (≤ 1000 datagrams ahead of the collector) or flows/s.")
    String rate;

    @Option(names = "--sockets", defaultValue = "1", description = "Collector sockets (one decoding thread each).")
    int sockets;

    @Option(names = "--pipeline-timeout", defaultValue = "180",
            description = "Seconds to wait, after the collector is done, for the streams app to reach the end of flows.records.")
    int pipelineTimeout;

    @Override
    public Integer call() throws Exception {
        if (exporters < 1 || exporters > 254 || sockets < 1 || flows < NetflowLoad.FLOWS_PER_DATAGRAM) {
            throw new IllegalArgumentException("--exporters must be 1..254, --sockets at least 1, --flows at least 30");
        }
        NetflowSender.Pace pace = NetflowSender.Pace.parse(rate);
        int perExporter = (int) Math.min(20_000, Math.max(200, (long) ips / ((long) exporters * NetflowLoad.FLOWS_PER_DATAGRAM) + 1));
        NetflowLoad load = NetflowLoad.build(exporters, perExporter, ips, System.currentTimeMillis());
        System.out.printf("load: %d exporters × %d pre-encoded datagrams of %d flows (%d bytes on average), %d public addresses%n",
                exporters, perExporter, NetflowLoad.FLOWS_PER_DATAGRAM, load.datagramBytesOnWire, ips);
        Path stateDir = Files.createTempDirectory("egressmon-bench-netflow");
        try (LocalCluster cluster = LocalCluster.start();
             Admin admin = cluster.admin()) {
            cluster.createTopics();
            ProducerBaseline.createTopic(admin);
            StreamsAppConfig config = cluster.streamsConfig(stateDir);
            try (StreamsApp app = StreamsApp.start(config);
                 FlowCollector collector = FlowCollector.start(KafkaSettings.from(cluster.settings(Map.of()).reader()),
                         collectorSettings(load));
                 NetflowSender sender = new NetflowSender(load, collector.addresses())) {
                awaitRunning(app);
                Counts before = Counts.of(collector, load);
                sender.send(datagrams(warmupFlows), NetflowSender.Pace.parse("keep-up"), () -> received(collector, load) - before.received);
                Counts warm = awaitCollector(collector, load, datagrams(warmupFlows), before);
                LocalCluster.Progress consumedBefore = cluster.progress(admin, config.applicationId(), Topics.FLOW_RECORDS.name());
                System.out.printf("warm-up: %d flows sent at keep-up pace, %d written; the streams app has committed %d of %d records%n",
                        datagrams(warmupFlows) * NetflowLoad.FLOWS_PER_DATAGRAM, warm.written, consumedBefore.committed(),
                        consumedBefore.end());

                ThreadCpu cpuBefore = ThreadCpu.snapshot();
                double processBefore = ThreadCpu.processSeconds();
                long sent = datagrams(flows);
                long started = sender.send(sent, pace, () -> received(collector, load) - warm.received);
                double sendSeconds = (System.nanoTime() - started) / 1e9;
                Counts done = awaitCollector(collector, load, sent, warm);
                double collectorSeconds = (done.atNanos - started) / 1e9;
                ThreadCpu cpuCollector = ThreadCpu.snapshot();
                double processCollector = ThreadCpu.processSeconds();
                LocalCluster.Progress consumed = cluster.awaitConsumed(admin, config.applicationId(),
                        Topics.FLOW_RECORDS.name(), Duration.ofMillis(200), Duration.ofSeconds(pipelineTimeout));
                double pipelineSeconds = (System.nanoTime() - started) / 1e9;

                long inStore = consumed.done() ? flowsInStore(app.url(), load) : -1;
                long writtenFlows = done.written - warm.written;
                double flowsPerRecord = (double) done.written / collector.stats().writtenBatches.get();
                // What the streams app processed while measured (warm-up leftovers included): all of it only when done.
                double pipelineRate = (consumed.committed() - consumedBefore.committed()) * flowsPerRecord / pipelineSeconds;
                // As many records as the collector wrote while measured, and enough to time (linger is 10 ms).
                ProducerBaseline.Rate raw = ProducerBaseline.measure(cluster.kafka.bootstrapServers(),
                        ProducerBaseline.sample(cluster.kafka.bootstrapServers(), 3000),
                        Math.max(50_000, Math.round(writtenFlows / flowsPerRecord)));

                long sentFlows = sent * NetflowLoad.FLOWS_PER_DATAGRAM;
                long totalSent = (datagrams(warmupFlows) + sent) * NetflowLoad.FLOWS_PER_DATAGRAM;
                double collectorRate = writtenFlows / collectorSeconds;
                double ratio = collectorRate / (raw.perSecond() * flowsPerRecord);
                long lost = sentFlows - writtenFlows;
                long received = done.received - warm.received;
                long kernelDrops = done.kernelDrops - warm.kernelDrops;

                System.out.printf("pace %s: sent %d datagrams (%d flows) in %.2f s = %.0f flows/s offered%n",
                        pace.text(), sent, sentFlows, sendSeconds, sentFlows / sendSeconds);
                System.out.printf("collector: received %d datagrams, kernel-dropped %d, unaccounted %d; decoded %d flows, "
                                + "written (acked) %d, failed %d%n", received, kernelDrops, sent - received - kernelDrops,
                        done.decodedFlows - warm.decodedFlows, writtenFlows, done.failed - warm.failed);
                System.out.printf("collector: %.0f flows/s (first send → last ack, %.2f s)%n", collectorRate, collectorSeconds);
                System.out.printf("pipeline:  %.0f flows/s (records the streams app committed from the first send, %.2f s later: "
                                + "%d of %d records%s)%n", pipelineRate, pipelineSeconds, consumed.committed(), consumed.end(),
                        consumed.done() ? ", all" : ", not finished within --pipeline-timeout");
                System.out.printf(consumed.done() ? "top-N store: %d flows of %d written and %d sent (warm-up included), "
                                + "from each gateway's bytes%n" : "top-N store: not checked (%d, %d, %d)%n",
                        inStore, done.written, totalSent);
                System.out.printf("raw producer: %d records of %.0f bytes (as in %s, %.1f flows each) in %.2f s = %.0f records/s "
                                + "= %.0f flows/s; collector/raw = %.2f%n", raw.records(), raw.averageValueBytes(),
                        Topics.FLOW_RECORDS.name(), flowsPerRecord, raw.seconds(), raw.perSecond(),
                        raw.perSecond() * flowsPerRecord, ratio);
                System.out.printf("CPU while collecting: process %.1f s of %.1f s wall (%d cores); by thread group:%n",
                        processCollector - processBefore, collectorSeconds, Runtime.getRuntime().availableProcessors());
                cpuCollector.since(cpuBefore, 10).forEach(e -> System.out.printf("  %6.2f s  %s%n", e.getValue(), e.getKey()));
                System.out.printf("load average: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
                System.out.printf("bench netflow flows_per_s=%.0f producer_ratio=%.2f lost=%d pipeline_flows_per_s=%.0f "
                                + "raw_records_per_s=%.0f sent=%d received=%d kernel_dropped=%d store_flows=%d pace=%s%n",
                        collectorRate, ratio, lost, pipelineRate, raw.perSecond(), sent, received, kernelDrops, inStore, pace.text());
            }
        }
        return 0;
    }

    private static long datagrams(long flows) {
        return (flows + NetflowLoad.FLOWS_PER_DATAGRAM - 1) / NetflowLoad.FLOWS_PER_DATAGRAM;
    }

    private CollectorSettings collectorSettings(NetflowLoad load) {
        List<InetSocketAddress> listen = new ArrayList<>();
        for (int i = 0; i < sockets; i++) {
            listen.add(new InetSocketAddress("127.0.0.1", 0));
        }
        return new CollectorSettings(true, listen, List.of(), load.gateways(), Map.of(), Duration.ofMinutes(10),
                8 * 1024 * 1024, EgressCopies.AUTO);
    }

    private static long received(FlowCollector collector, NetflowLoad load) {
        return load.exporters.stream().mapToLong(e -> collector.stats().exporter(e.address()).datagrams()).sum();
    }

    /** The collector's counters at one moment. */
    private record Counts(long received, long kernelDrops, long decodedFlows, long written, long failed, long atNanos) {
        static Counts of(FlowCollector collector, NetflowLoad load) {
            return of(collector, load, collector.kernelDrops());
        }

        /** With {@code kernelDrops} read before: reading them (all of /proc/self/fd) costs more than the rest. */
        static Counts of(FlowCollector collector, NetflowLoad load, long kernelDrops) {
            CollectorStats stats = collector.stats();
            long decoded = load.exporters.stream().mapToLong(e -> stats.exporter(e.address()).flows()).sum();
            return new Counts(NetflowBenchmark.received(collector, load), kernelDrops, decoded, stats.writtenFlows.get(),
                    stats.failedFlows.get(), System.nanoTime());
        }
    }

    /**
     * Waits until every datagram sent since {@code from} is received or kernel-dropped, and every flow
     * decoded is acknowledged or failed; gives up when nothing moves for 10 s.
     */
    private static Counts awaitCollector(FlowCollector collector, NetflowLoad load, long sent, Counts from) throws InterruptedException {
        Counts last = Counts.of(collector, load);
        long stillSince = System.nanoTime();
        for (int i = 1; ; i++) {
            Counts now = Counts.of(collector, load, i % 20 == 0 ? collector.kernelDrops() : last.kernelDrops);
            if (now.received - from.received + now.kernelDrops - from.kernelDrops >= sent
                    && now.written + now.failed >= now.decodedFlows) {
                return now;
            }
            if (now.received - from.received < sent && now.written + now.failed >= now.decodedFlows && i % 20 != 0) {
                now = Counts.of(collector, load); // done but for kernel drops not read this time
                if (now.received - from.received + now.kernelDrops - from.kernelDrops >= sent) {
                    return now;
                }
            }
            if (now.received != last.received || now.written != last.written) {
                stillSince = System.nanoTime();
            } else if (System.nanoTime() - stillSince > Duration.ofSeconds(10).toNanos()) {
                System.out.printf("collector still for 10 s: %d of %d datagrams received or dropped, %d of %d flows acked%n",
                        now.received - from.received + now.kernelDrops - from.kernelDrops, sent, now.written, now.decodedFlows);
                return now;
            }
            last = now;
            Thread.sleep(10);
        }
    }

    private static void awaitRunning(StreamsApp app) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (app.streams().state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the streams app is not running after 2 min: " + app.streams().state());
            }
            Thread.sleep(100);
        }
    }

    /**
     * Flows in the top-N store, summed over gateways: each gateway's internal sources (256, fewer than a
     * table holds exactly) add up to its egress bytes, and every datagram carries the same bytes.
     */
    private static long flowsInStore(String url, NetflowLoad load) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long bytes = 0;
        for (NetflowLoad.Exporter e : load.exporters) {
            String query = url + "/api/v1/top-talkers?source=netflow&days=1&top=1000&gateway=" + e.gateway();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(query)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + query + " answered " + response.statusCode() + ": " + response.body());
            }
            TopTalkersAnswer answer = ApiJson.read(response.body(), TopTalkersAnswer.class);
            bytes += answer.sources().stream().mapToLong(TalkerRow::bytes).sum();
        }
        return bytes / NetflowLoad.DATAGRAM_BYTES * NetflowLoad.FLOWS_PER_DATAGRAM;
    }
}
