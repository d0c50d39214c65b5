package io.egressmon.streams.web;

import io.egressmon.api.ErrorAnswer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The REST API's side of {@code /metrics}: every request timed by route and status class (the first
 * handler of the router, so 400s, 404s and 503s are timed too), and {@code GET /metrics} itself.
 * The route is the endpoint's path (the API's paths have no parameters in them); any other path is
 * {@code other}, so a scan of random URLs cannot add labels.
 */
final class RouteMetrics implements Handler<RoutingContext> {
    static final String DURATION = "egressmon.rest.request.duration";
    static final String OTHER = "other";
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    private final ScrapeCache scrapes;
    private final Set<String> routes;

    RouteMetrics(MeterRegistry registry, ScrapeCache scrapes, Set<String> routes) {
        this.registry = registry;
        this.scrapes = scrapes;
        this.routes = routes;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        String path = ctx.request().path();
        ctx.addEndHandler(ended -> timer(registry, routes.contains(path) ? path : OTHER,
                statusClass(ctx.response().getStatusCode())).record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        ctx.next();
    }

    static Timer timer(MeterRegistry registry, String route, String status) {
        return Timer.builder(DURATION)
                .description("REST requests served, by route (the endpoint's path) and status class")
                .tags("route", route, "status", status)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    static String statusClass(int status) {
        return status >= 100 && status < 600 ? (status / 100) + "xx" : "other";
    }

    /**
     * {@code GET /metrics}: the latest rendering of the registry ({@link ScrapeCache}), rendered off the
     * event loop, because reading Kafka Streams' metrics asks RocksDB for its properties and Kafka's
     * metrics take their sensors' locks.
     */
    void scrape(RoutingContext ctx) {
        boolean gzip = ScrapeCache.acceptsGzip(ctx.request().getHeader(HttpHeaders.ACCEPT_ENCODING));
        Future.fromCompletionStage(scrapes.scrape(gzip), ctx.vertx().getOrCreateContext()).onComplete(ar -> {
            if (ar.succeeded()) {
                ScrapeCache.Rendering rendering = ar.result();
                HttpServerResponse response = ctx.response().setStatusCode(200)
                        .putHeader(HttpHeaders.CONTENT_TYPE, ScrapeCache.CONTENT_TYPE)
                        .putHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
                if (rendering.gzip(gzip)) {
                    response.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
                }
                response.end(Buffer.buffer(rendering.body(gzip)));
            } else {
                // A ScrapeCache.RenderFailed, logged and counted where it failed; its message says what happened.
                Replies.send(ctx, 500, ErrorAnswer.of(ErrorAnswer.INTERNAL, null, ar.cause().getMessage()));
            }
        });
    }
}
