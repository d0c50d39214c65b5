package io.egressmon.app;

import io.egressmon.api.ApiJson;
import io.egressmon.api.talkers.SpokeTalkers;
import io.egressmon.api.talkers.TopTalkersAnswer;
import io.egressmon.config.KafkaSettings;
import io.egressmon.config.Settings;
import io.egressmon.config.SettingsReader;
import io.egressmon.embedded.EmbeddedKafka;
import io.egressmon.embedded.InMemorySchemaRegistry;
import io.egressmon.ingest.netflow.CollectorSettings;
import io.egressmon.ingest.netflow.CollectorStats;
import io.egressmon.ingest.netflow.FlowCollector;
import io.egressmon.schemas.Topics;
import io.egressmon.streams.StreamsApp;
import io.egressmon.streams.StreamsAppConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The flow half of the pipeline in one process: an in-process broker, the in-memory registry, one
 * streams-app instance and the flow collector (NetFlow/IPFIX and sFlow on 127.0.0.1, ports the system
 * picks) with the given exporter addresses mapped to gateways — no CoPilot, no ingest polls. Top
 * talkers are read back as a user reads them: {@code GET /api/v1/top-talkers?source=netflow}.
 */
final class FlowPipeline implements AutoCloseable {
    /** Top talkers asked for: large enough that every IP of a test's spoke is listed. */
    static final int TOP = 1000;

    private final EmbeddedKafka kafka;
    private final InMemorySchemaRegistry registry;
    private final StreamsApp streams;
    private final FlowCollector collector;
    private final HttpClient http = HttpClient.newHttpClient();

    private FlowPipeline(EmbeddedKafka kafka, InMemorySchemaRegistry registry, StreamsApp streams, FlowCollector collector) {
        this.kafka = kafka;
        this.registry = registry;
        this.streams = streams;
        this.collector = collector;
    }

    /** Starts everything; {@code exporters} as {@code EGRESSMON_FLOW_EXPORTERS} has it ({@code ADDR=GATEWAY,…}). */
    static FlowPipeline start(String exporters) throws IOException {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        InMemorySchemaRegistry registry = null;
        StreamsApp streams = null;
        try {
            registry = InMemorySchemaRegistry.start("127.0.0.1", 0);
            Settings settings = LocalParts.withKafka(Settings.of(Map.of(
                    StreamsAppConfig.HTTP_PORT.name(), "0",
                    CollectorSettings.NETFLOW_LISTEN.name(), "127.0.0.1:0",
                    CollectorSettings.SFLOW_LISTEN.name(), "127.0.0.1:0",
                    CollectorSettings.EXPORTERS.name(), exporters)), kafka, registry);
            streams = StreamsApp.start(StreamsAppConfig.from(settings));
            SettingsReader r = settings.reader();
            KafkaSettings kafkaSettings = KafkaSettings.from(r);
            CollectorSettings flows = r.check("the flow collector", CollectorSettings.from(r));
            return new FlowPipeline(kafka, registry, streams, FlowCollector.start(kafkaSettings, flows));
        } catch (IOException | RuntimeException e) {
            if (streams != null) {
                streams.close();
            }
            if (registry != null) {
                registry.close();
            }
            kafka.close();
            throw e;
        }
    }

    /** The collector's NetFlow v5/v9/IPFIX socket. */
    InetSocketAddress netflow() {
        return collector.addresses().get(0);
    }

    /** The collector's sFlow socket. */
    InetSocketAddress sflow() {
        return collector.addresses().get(1);
    }

    /** The streams app's REST API, e.g. {@code http://127.0.0.1:PORT}. */
    String url() {
        return streams.url();
    }

    FlowCollector collector() {
        return collector;
    }

    /** Waits until the collector has received {@code datagrams} from {@code exporter}, and the streams app has read what it wrote. */
    void awaitCollected(InetAddress exporter, long datagrams, Duration timeout) {
        awaitCollected(List.of(exporter), datagrams, timeout);
    }

    /**
     * Waits until the collector has received {@code datagrams} from {@code exporters} together, Kafka
     * has acknowledged (or refused) every flow it decoded, and the streams app has committed past them.
     * No sleep stands in for the acknowledgements: a batch lingers 100 ms, and on a busy machine its
     * write can take longer than any fixed wait, after which the offsets awaited would be short of it.
     */
    void awaitCollected(Collection<InetAddress> exporters, long datagrams, Duration timeout) {
        CollectorStats stats = collector.stats();
        LongSupplier received = () -> exporters.stream().mapToLong(a -> stats.exporter(a).datagrams()).sum();
        PipelineHarness.await(() -> received.getAsLong() >= datagrams, timeout,
                () -> "the collector received " + received.getAsLong() + " datagrams of " + datagrams + " sent from " + exporters);
        awaitAcknowledged(stats, timeout);
        PipelineHarness.awaitStreamsCaughtUp(kafka.bootstrapServers(), List.of(Topics.FLOW_RECORDS.name()), timeout);
    }

    /**
     * Waits until Kafka has acknowledged (or refused) every flow the collector has decoded: its batches
     * linger, so the datagrams received are no sign that their records are in the topic yet.
     */
    static void awaitAcknowledged(CollectorStats stats, Duration timeout) {
        LongSupplier settled = () -> stats.writtenFlows.get() + stats.failedFlows.get();
        PipelineHarness.await(() -> settled.getAsLong() >= stats.sum(CollectorStats.Exporter::flows), timeout,
                () -> "Kafka acknowledged " + settled.getAsLong() + " of the " + stats.sum(CollectorStats.Exporter::flows)
                        + " flows the collector decoded");
    }

    /**
     * Per-spoke top talkers from flows over {@code [from, to)} ({@code gateway} alone, or every spoke with
     * data when null), asked until {@code done} accepts the answer or {@code timeout} passes: the last answer.
     */
    Map<String, SpokeTalkers> perSpoke(Instant from, Instant to, String gateway, Predicate<Map<String, SpokeTalkers>> done,
                                       Duration timeout) {
        String query = "/api/v1/top-talkers?source=netflow&per_spoke=true&top=" + TOP + "&from=" + from + "&to=" + to
                + (gateway == null ? "" : "&gateway=" + gateway);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            HttpResponse<String> response = get(query);
            Map<String, SpokeTalkers> spokes = new HashMap<>();
            if (response.statusCode() == 200) {
                ApiJson.read(response.body(), TopTalkersAnswer.class).gateways().forEach(s -> spokes.put(s.gateway(), s));
            } else if (response.statusCode() != 503 && response.statusCode() != 404) {
                throw new AssertionError("GET " + query + " answered " + response.statusCode() + ": " + response.body());
            }
            if (done.test(spokes) || System.nanoTime() > deadline) {
                if (response.statusCode() != 200) {
                    throw new AssertionError("GET " + query + " still answers " + response.statusCode() + ": " + response.body());
                }
                return spokes;
            }
            PipelineHarness.sleep(Duration.ofSeconds(1));
        }
    }

    HttpResponse<String> get(String pathAndQuery) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(streams.url() + pathAndQuery)).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + pathAndQuery + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        collector.close();
        streams.close();
        registry.close();
        kafka.close();
    }
}
