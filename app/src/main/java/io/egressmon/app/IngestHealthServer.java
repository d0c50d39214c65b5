package io.egressmon.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.egressmon.api.ApiJson;
import io.egressmon.api.ErrorAnswer;
import io.egressmon.api.NotFound;
import io.egressmon.api.IngestHealthAnswer;
import io.egressmon.ingest.IngestService;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health} of the ingest role: where the poll stands and the counts of everything it
 * retried, tolerated or dropped (the streams app serves its own on the REST port).
 */
final class IngestHealthServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestHealthServer.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private IngestHealthServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static IngestHealthServer start(IngestService ingest, HealthEndpoint endpoint) {
        String host = endpoint.host();
        int port = endpoint.port();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("ingest health endpoint cannot listen on " + host + ":" + port
                    + " (set " + HealthEndpoint.PORT.name() + "): " + e.getMessage(), e);
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
        int status;
        Object body;
        if (!"GET".equals(exchange.getRequestMethod())) {
            status = 405;
            body = ErrorAnswer.of(ErrorAnswer.METHOD_NOT_ALLOWED, null, "only GET");
        } else if (!"/health".equals(exchange.getRequestURI().getPath())) {
            status = 404;
            body = ErrorAnswer.of(NotFound.ERROR, null, "no such path; try /health");
        } else {
            // Fenced: another ingest with the same transactional id took over, so this one writes
            // nothing more — an orchestrator should see that and replace it.
            boolean fenced = ingest.counters().fenced() || (ingest.flowiqEnabled() && ingest.flowiq().fenced());
            status = fenced ? 503 : 200;
            body = new IngestHealthAnswer(fenced ? "DOWN" : "UP",
                    fenced ? "another ingest with the same transactional id took over; this one no longer writes" : null,
                    String.valueOf(ingest.counters().cursor()),
                    ingest.flowiqEnabled() ? String.valueOf(ingest.flowiq().cursor()) : null,
                    ingest.stats().asMap());
        }
        byte[] bytes = ApiJson.write(body).getBytes(StandardCharsets.UTF_8);
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
