package io.egressmon.streams.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.ApiJson;
import io.egressmon.api.ErrorAnswer;
import io.egressmon.streams.query.TableBackend;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The REST API's timer per route and status class, and GET /metrics")
class RouteMetricsTest {
    private static final Instant NOW = Instant.parse("2026-02-10T10:37:12Z");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Vertx vertx;
    private static PrometheusMeterRegistry registry;
    private static ScrapeCache scrapes;
    private static String url;
    private static String failingUrl;
    private static ScrapeCache failing;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        scrapes = new ScrapeCache(registry);
        TableBackend backend = new TableBackend(vertx, NOW, Instant.parse("2026-02-08T00:00:00Z"), "https://cplt.example.com/");
        url = listen(RestApi.router(vertx, backend, InstanceHealth.UNWATCHED, Clock.fixed(NOW, ZoneOffset.UTC), registry, scrapes));
        failing = new ScrapeCache(out -> {
            throw new IllegalStateException("a sensor's lock is gone");
        }, registry, System::nanoTime, ScrapeCache.Worker.thread());
        failingUrl = listen(RestApi.router(vertx, backend, InstanceHealth.UNWATCHED, Clock.fixed(NOW, ZoneOffset.UTC), registry,
                failing));
    }

    private static String listen(Router router) throws Exception {
        return "http://127.0.0.1:" + vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    @AfterAll
    static void stop() throws Exception {
        scrapes.close();
        failing.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return get(url, path);
    }

    private static HttpResponse<String> get(String url, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long count(String route, String status) {
        Timer t = registry.find(RouteMetrics.DURATION).tags("route", route, "status", status).timer();
        return t == null ? 0 : t.count();
    }

    @Test
    @DisplayName("a bad parameter is one more 4xx of its endpoint; an answer one more 2xx; an unknown path is route=other")
    void timesByRouteAndStatusClass() throws Exception {
        long bad = count("/api/v1/bandwidth", "4xx");
        long good = count("/api/v1/gateways", "2xx");
        long other = count(RouteMetrics.OTHER, "4xx");
        assertEquals(400, get("/api/v1/bandwidth?days=zero").statusCode());
        assertEquals(200, get("/api/v1/gateways").statusCode());
        assertEquals(404, get("/api/v1/nothing/" + System.nanoTime()).statusCode());
        // The end handler runs once the answer is written; the client may read it first.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (count(RouteMetrics.OTHER, "4xx") == other && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(bad + 1, count("/api/v1/bandwidth", "4xx"));
        assertEquals(good + 1, count("/api/v1/gateways", "2xx"));
        assertEquals(other + 1, count(RouteMetrics.OTHER, "4xx"));
    }

    @Test
    @DisplayName("GET /metrics answers Prometheus' text format 0.0.4 with the REST timer in it")
    void servesTheTextFormat() throws Exception {
        get("/health");
        // The text is rendered in the background, at most a second plus a render after the request it shows.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        HttpResponse<String> r = get("/metrics");
        while (!r.body().contains("route=\"/health\"") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            r = get("/metrics");
        }
        assertEquals(200, r.statusCode());
        assertEquals(ScrapeCache.CONTENT_TYPE, r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.body().contains("# TYPE egressmon_rest_request_duration_seconds histogram"), r.body());
        assertTrue(r.body().contains("egressmon_rest_request_duration_seconds_bucket{route=\"/health\",status=\"2xx\",le=\"0.001\"}"),
                r.body());
    }

    @Test
    @DisplayName("GET /metrics with Accept-Encoding: gzip (as Prometheus scrapes) answers the same text gzip-compressed")
    void gzipForPrometheus() throws Exception {
        HttpRequest gzip = HttpRequest.newBuilder(URI.create(url + "/metrics")).header("Accept-Encoding", "gzip").build();
        // The first scrape that asks makes the next background render compress too.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        HttpResponse<byte[]> r = HTTP.send(gzip, HttpResponse.BodyHandlers.ofByteArray());
        while (r.headers().firstValue("Content-Encoding").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            r = HTTP.send(gzip, HttpResponse.BodyHandlers.ofByteArray());
        }
        assertEquals(200, r.statusCode());
        assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElse("none"));
        assertEquals(ScrapeCache.CONTENT_TYPE, r.headers().firstValue("Content-Type").orElse(""));
        String text;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(text.contains("# TYPE egressmon_rest_request_duration_seconds histogram"), text);
        assertTrue(r.body().length * 4 < text.length(), r.body().length + " bytes compressed for " + text.length());

        HttpResponse<String> plain = get("/metrics");
        assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty(), "not asked for, not compressed");
        assertTrue(plain.body().startsWith("# HELP"), plain.body().substring(0, 20));
    }

    @Test
    @DisplayName("GET /metrics answers 500 with a message saying why when the text cannot be rendered, and the failure is counted")
    void failedRenderIsA500() throws Exception {
        double before = registry.counter(ScrapeCache.FAILURES).count();
        HttpResponse<String> r = get(failingUrl, "/metrics");
        assertEquals(500, r.statusCode(), r.body());
        ErrorAnswer answer = ApiJson.read(r.body(), ErrorAnswer.class);
        assertEquals(ErrorAnswer.INTERNAL, answer.error());
        assertEquals("the metrics could not be rendered (IllegalStateException); the server log has the details",
                answer.message());
        assertEquals(before + 1, registry.counter(ScrapeCache.FAILURES).count());
    }
}
