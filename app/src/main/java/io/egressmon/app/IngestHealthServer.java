package io.egressmon.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.egressmon.api.ApiJson;
import io.egressmon.api.CollectorHealth;
import io.egressmon.api.CopilotBadAnswers;
import io.egressmon.api.Endpoints;
import io.egressmon.api.ErrorAnswer;
import io.egressmon.api.NotFound;
import io.egressmon.api.IngestHealthAnswer;
import io.egressmon.api.KafkaReach;
import io.egressmon.app.ovs.OvsRest;
import io.egressmon.ingest.IngestService;
import io.egressmon.ingest.IngestStats;
import io.egressmon.ingest.copilot.BadAnswerReason;
import io.egressmon.ingest.SlicePoller;
import io.egressmon.ingest.TransactionalWriter;
import io.egressmon.ingest.netflow.FlowCollector;
import io.egressmon.streams.web.ScrapeCache;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health} of the ingest and collector roles: where the polls stand and the counts of
 * everything they retried, tolerated or dropped (CoPilot's unusable answers by reason among them), and what the flow collector received (the streams
 * app serves its own on the REST port), and {@code GET /metrics} for Prometheus ({@link IngestMetricsRegistry}).
 * Either part may be absent: {@code collect} runs no poll.
 */
final class IngestHealthServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestHealthServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final IngestMetricsRegistry metrics;

    private IngestHealthServer(HttpServer server, ExecutorService executor, IngestMetricsRegistry metrics) {
        this.server = server;
        this.executor = executor;
        this.metrics = metrics;
    }

    /** Serves the health of {@code ingest} and {@code collector}, either of which may be null. */
    static IngestHealthServer start(IngestService ingest, FlowCollector collector, HealthEndpoint endpoint) {
        return start(ingest, collector, endpoint, null);
    }

    /** The same, and Open vSwitch's exporter under {@link Endpoints#OVS_BRIDGES} when {@code ovs} is not null. */
    static IngestHealthServer start(IngestService ingest, FlowCollector collector, HealthEndpoint endpoint, OvsRest ovs) {
        String host = endpoint.host();
        int port = endpoint.port();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("ingest health endpoint cannot listen on " + host + ":" + port
                    + " (set " + HealthEndpoint.PORT.name() + "): " + e.getMessage(), e);
        }
        // Two threads: an OVSDB call may take seconds, and /health must not wait behind it.
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "ingest-health");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/health", exchange -> answer(exchange, ingest, collector));
        IngestMetricsRegistry metrics = new IngestMetricsRegistry(ingest, collector);
        server.createContext(Endpoints.METRICS, exchange -> scrape(exchange, metrics));
        if (ovs != null) {
            server.createContext(Endpoints.OVS_BRIDGES, exchange -> {
                OvsRest.Reply reply;
                try {
                    reply = ovs.answer(exchange.getRequestMethod(), exchange.getRequestURI());
                } catch (RuntimeException e) {
                    // The JDK server would drop the connection and log nothing useful.
                    log.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                    reply = new OvsRest.Reply(500, ErrorAnswer.of(ErrorAnswer.INTERNAL, null,
                            "internal error: " + e.getClass().getSimpleName()));
                }
                write(exchange, reply.status(), reply.body());
            });
        }
        server.start();
        log.info("ingest health on http://{}:{}/health", host, server.getAddress().getPort());
        return new IngestHealthServer(server, executor, metrics);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, IngestService ingest, FlowCollector collector) throws IOException {
        int status;
        Object body;
        if (!"GET".equals(exchange.getRequestMethod())) {
            status = 405;
            body = ErrorAnswer.of(ErrorAnswer.METHOD_NOT_ALLOWED, null, "only GET");
        } else if (!"/health".equals(exchange.getRequestURI().getPath())) {
            status = 404;
            body = ErrorAnswer.of(NotFound.ERROR, null, "no such path; try /health");
        } else {
            IngestHealthAnswer answer = health(ingest, collector, Instant.now());
            status = "DOWN".equals(answer.status()) ? 503 : 200;
            body = answer;
        }
        write(exchange, status, body);
    }

    /** {@code GET /metrics}: the latest Prometheus text of the ingest's and the collector's families. */
    private static void scrape(HttpExchange exchange, IngestMetricsRegistry metrics) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod()) || !Endpoints.METRICS.equals(exchange.getRequestURI().getPath())) {
            boolean get = "GET".equals(exchange.getRequestMethod());
            write(exchange, get ? 404 : 405, get ? ErrorAnswer.of(NotFound.ERROR, null, "no such path; try /metrics")
                    : ErrorAnswer.of(ErrorAnswer.METHOD_NOT_ALLOWED, null, "only GET"));
            return;
        }
        boolean gzip = ScrapeCache.acceptsGzip(exchange.getRequestHeaders().getFirst("Accept-Encoding"));
        ScrapeCache.Rendering rendering;
        try {
            rendering = metrics.scrapes().scrape(gzip).join();
        } catch (CompletionException e) {
            // A ScrapeCache.RenderFailed, logged and counted where it failed; its message says what happened.
            write(exchange, 500, ErrorAnswer.of(ErrorAnswer.INTERNAL, null, e.getCause().getMessage()));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", ScrapeCache.CONTENT_TYPE);
        exchange.getResponseHeaders().set("Vary", "Accept-Encoding");
        if (rendering.gzip(gzip)) {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        byte[] body = rendering.body(gzip);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * DOWN when fenced: another ingest with the same transactional id took over, so this one writes
     * nothing more — an orchestrator should see that and replace it. DEGRADED while commits fail
     * (Kafka unreachable, say): the slices are polled again once they succeed; restarting would not
     * help, hence 200.
     */
    static IngestHealthAnswer health(IngestService ingest, FlowCollector collector, Instant now) {
        CollectorHealth flows = collector == null ? null : collectorHealth(collector);
        if (ingest == null) {
            return new IngestHealthAnswer("UP", null, null, null, Map.of(), null, flows, null, null, null);
        }
        boolean flowiq = ingest.flowiqEnabled();
        boolean fenced = ingest.counters().fenced() || (flowiq && ingest.flowiq().fenced());
        KafkaReach kafka = kafkaReach(flowiq ? List.of(ingest.counters(), ingest.flowiq()) : List.of(ingest.counters()),
                ingest.startedAt(), now);
        String status = fenced ? "DOWN" : kafka.reachable() ? "UP" : "DEGRADED";
        String message = fenced ? "another ingest with the same transactional id took over; this one no longer writes"
                : kafka.reachable() ? null
                : "commits to Kafka fail (" + kafka.error() + "); the slices are polled again once Kafka takes them";
        Instant counters = ingest.counters().cursor();
        Instant talkers = flowiq ? ingest.flowiq().cursor() : null;
        return new IngestHealthAnswer(status, message, String.valueOf(counters), flowiq ? String.valueOf(talkers) : null,
                ingest.stats().asMap(), badAnswers(ingest.stats()), flows, kafka, lagSeconds(counters, now),
                flowiq ? lagSeconds(talkers, now) : null);
    }

    /** Unreachable while any poller's commits fail; the last contact is the latest successful commit. */
    private static KafkaReach kafkaReach(List<SlicePoller<?>> pollers, Instant startedAt, Instant now) {
        Instant contact = startedAt;
        TransactionalWriter.Failure failure = null;
        for (SlicePoller<?> poller : pollers) {
            Instant last = poller.lastCommit();
            if (last != null && last.isAfter(contact)) {
                contact = last;
            }
            TransactionalWriter.Failure f = poller.commitFailure();
            if (f != null && (failure == null || f.since().isBefore(failure.since()))) {
                failure = f;
            }
        }
        long seconds = Math.max(0, Duration.between(contact, now).toSeconds());
        return failure == null ? new KafkaReach(true, seconds, null) : new KafkaReach(false, seconds, failure.reason());
    }

    private static Long lagSeconds(Instant polledUntil, Instant now) {
        return polledUntil == null ? null : Math.max(0, Duration.between(polledUntil, now).toSeconds());
    }

    private static void write(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = ApiJson.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static CopilotBadAnswers badAnswers(IngestStats stats) {
        return new CopilotBadAnswers(stats.badAnswers(BadAnswerReason.MALFORMED_JSON),
                stats.badAnswers(BadAnswerReason.TRUNCATED_BODY), stats.badAnswers(BadAnswerReason.WRONG_TYPE),
                stats.badAnswers(BadAnswerReason.LOGIN_PAGE), stats.badAnswers(BadAnswerReason.BODY_TOO_LARGE),
                stats.badAnswers(BadAnswerReason.TLS_NAME_MISMATCH), stats.badAnswers(BadAnswerReason.TLS_HANDSHAKE));
    }

    private static CollectorHealth collectorHealth(FlowCollector collector) {
        return new CollectorHealth(collector.addresses().stream().map(Object::toString).toList(),
                collector.stats().totals(), FlowCollector.kernelDropsKnown() ? collector.kernelDrops() : null,
                collector.stats().decoderErrors.get(), collector.stats().byExporter(), interfaceCounters(collector));
    }

    private static Map<String, Map<String, Long>> interfaceCounters(FlowCollector collector) {
        Map<String, Map<String, Long>> out = new java.util.TreeMap<>();
        collector.interfaceCounters().forEach((key, c) -> {
            Map<String, Long> m = new java.util.LinkedHashMap<>();
            m.put("in_octets", c.inOctets());
            m.put("out_octets", c.outOctets());
            m.put("in_packets", c.inPackets());
            m.put("out_packets", c.outPackets());
            m.put("if_speed", c.ifSpeed());
            m.put("at_ms", c.atMs());
            out.put(key, m);
        });
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        metrics.close();
    }
}
