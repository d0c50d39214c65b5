package io.egressmon.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.egressmon.ingest.IngestService;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health} of the ingest role: where the poll stands and the counts of everything it
 * retried, tolerated or dropped (the streams app serves its own on the REST port).
 */
final class IngestHealthServer implements AutoCloseable {
    static final String ENV_HOST = "EGRESSMON_INGEST_HTTP_HOST";
    static final String ENV_PORT = "EGRESSMON_INGEST_HTTP_PORT";
    private static final Logger log = LoggerFactory.getLogger(IngestHealthServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;

    private IngestHealthServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static IngestHealthServer start(IngestService ingest, Map<String, String> settings) {
        String host = settings.getOrDefault(ENV_HOST, "127.0.0.1");
        int port;
        try {
            port = Integer.parseInt(settings.getOrDefault(ENV_PORT, "8081").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(ENV_PORT + " must be a port number, got '" + settings.get(ENV_PORT) + "'");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("ingest health endpoint cannot listen on " + host + ":" + port
                    + " (set " + ENV_PORT + "): " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ingest-health");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/health", exchange -> answer(exchange, ingest));
        server.start();
        log.info("ingest health on http://{}:{}/health", host, server.getAddress().getPort());
        return new IngestHealthServer(server, executor);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, IngestService ingest) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        int status = 200;
        if (!"GET".equals(exchange.getRequestMethod())) {
            status = 405;
            body.put("error", "method_not_allowed");
            body.put("message", "only GET");
        } else if (!"/health".equals(exchange.getRequestURI().getPath())) {
            status = 404;
            body.put("error", "not_found");
            body.put("message", "no such path; try /health");
        } else {
            // Fenced: another ingest with the same transactional id took over, so this one writes
            // nothing more — an orchestrator should see that and replace it.
            boolean fenced = ingest.counters().fenced() || (ingest.flowiqEnabled() && ingest.flowiq().fenced());
            status = fenced ? 503 : 200;
            body.put("status", fenced ? "DOWN" : "UP");
            if (fenced) {
                body.put("message", "another ingest with the same transactional id took over; this one no longer writes");
            }
            body.put("polled_until", String.valueOf(ingest.counters().cursor()));
            body.put("flowiq_polled_until", ingest.flowiqEnabled() ? String.valueOf(ingest.flowiq().cursor()) : null);
            body.put("counts", ingest.stats().asMap());
        }
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
