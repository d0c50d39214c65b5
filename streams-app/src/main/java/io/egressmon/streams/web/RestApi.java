package io.egressmon.streams.web;

import io.egressmon.api.cost.CostPartialRequest;
import io.egressmon.api.cost.CostRequest;

import static io.egressmon.streams.web.Replies.parameters;
import static io.egressmon.streams.web.Replies.reply;

import io.egressmon.api.Endpoints;
import io.egressmon.api.ErrorAnswer;
import io.egressmon.api.NotFound;
import io.egressmon.api.Format;
import io.egressmon.api.HealthAnswer;
import io.egressmon.api.KafkaReach;
import io.egressmon.api.Period;
import io.egressmon.api.QueryParameters;
import io.egressmon.api.ReadyAnswer;
import io.egressmon.api.Unavailable;
import io.egressmon.api.alerts.AlertsPartialRequest;
import io.egressmon.api.alerts.AlertsRequest;
import io.egressmon.api.bandwidth.BandwidthCsv;
import io.egressmon.api.bandwidth.BandwidthPartialRequest;
import io.egressmon.api.coverage.CoverageRequest;
import io.egressmon.api.coverage.CoveragePartialRequest;
import io.egressmon.api.flows.FlowsCsv;
import io.egressmon.api.flows.FlowsPartialRequest;
import io.egressmon.api.flows.FlowsRequest;
import io.egressmon.api.bandwidth.BandwidthRequest;
import io.egressmon.api.bandwidth.SeriesRequest;
import io.egressmon.api.talkers.TalkersPartialRequest;
import io.egressmon.api.talkers.TopTalkersCsv;
import io.egressmon.api.talkers.TopTalkersRequest;
import io.egressmon.streams.query.QueryBackend;
import io.egressmon.streams.web.Replies.Body;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The REST API (docs/design.md, "REST API"): one Vert.x {@link Router} over a {@link QueryBackend}.
 * Each handler reads its typed request (the {@code api} module's rules), asks the backend and writes
 * the typed answer (JSON, or the original scripts' CSV where asked); every error names what to fix;
 * an exception never turns into an empty 500.
 */
public final class RestApi {
    private static final Set<String> DEAD_STATES = Set.of("ERROR", "PENDING_ERROR", "NOT_RUNNING", "PENDING_SHUTDOWN");

    /** Every path the router serves: the labels of the REST timer. */
    static final List<String> ROUTES = List.of(Endpoints.BANDWIDTH, Endpoints.SERIES, Endpoints.GATEWAYS,
            Endpoints.TOP_TALKERS, Endpoints.COVERAGE, Endpoints.FLOWS, Endpoints.ALERTS, Endpoints.HEALTH, Endpoints.READY,
            Endpoints.METRICS, Endpoints.BANDWIDTH_PARTIAL, Endpoints.TALKERS_PARTIAL, Endpoints.COVERAGE_PARTIAL,
            Endpoints.FLOWS_PARTIAL, Endpoints.ALERTS_PARTIAL, Endpoints.COST, Endpoints.COST_PARTIAL);

    private final QueryBackend backend;
    private final InstanceHealth instance;
    private final Clock clock;

    private RestApi(QueryBackend backend, InstanceHealth instance, Clock clock) {
        this.backend = backend;
        this.instance = instance;
        this.clock = clock;
    }

    /** The router of the whole API, with nothing watching Kafka (the REST layer's tests). */
    public static Router router(Vertx vertx, QueryBackend backend, Clock clock) {
        return router(vertx, backend, InstanceHealth.UNWATCHED, clock);
    }

    /** The router of the whole API; {@code instance} tells {@code /health} and {@code /ready} about Kafka and lag. */
    public static Router router(Vertx vertx, QueryBackend backend, InstanceHealth instance, Clock clock) {
        // Its scrape cache is not closed: its thread starts with a scrape and ends once scrapes stop.
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        return router(vertx, backend, instance, clock, metrics, new ScrapeCache(metrics));
    }

    /**
     * The router of the whole API, every request timed into {@code metrics}; {@code GET /metrics}
     * answers the Prometheus text {@code scrapes} renders (of {@code metrics}, say).
     */
    public static Router router(Vertx vertx, QueryBackend backend, InstanceHealth instance, Clock clock,
                                MeterRegistry metrics, ScrapeCache scrapes) {
        RestApi api = new RestApi(backend, instance, clock);
        Router router = Router.router(vertx);
        RouteMetrics timing = new RouteMetrics(metrics, scrapes, Set.copyOf(ROUTES));
        router.route().handler(timing);
        router.get(Endpoints.METRICS).handler(timing::scrape);
        router.get(Endpoints.BANDWIDTH).handler(api::bandwidth);
        router.get(Endpoints.SERIES).handler(api::series);
        router.get(Endpoints.GATEWAYS).handler(api::gateways);
        router.get(Endpoints.TOP_TALKERS).handler(api::topTalkers);
        router.get(Endpoints.COVERAGE).handler(api::coverage);
        router.get(Endpoints.FLOWS).handler(api::flows);
        router.get(Endpoints.ALERTS).handler(api::alerts);
        router.get(Endpoints.HEALTH).handler(api::health);
        router.get(Endpoints.READY).handler(api::ready);
        router.get(Endpoints.BANDWIDTH_PARTIAL).handler(api::bandwidthPartial);
        router.get(Endpoints.TALKERS_PARTIAL).handler(api::talkersPartial);
        router.get(Endpoints.COVERAGE_PARTIAL).handler(api::coveragePartial);
        router.get(Endpoints.FLOWS_PARTIAL).handler(api::flowsPartial);
        router.get(Endpoints.ALERTS_PARTIAL).handler(api::alertsPartial);
        router.get(Endpoints.COST).handler(api::cost);
        router.get(Endpoints.COST_PARTIAL).handler(api::costPartial);
        Dashboard.mount(router);
        String publicEndpoints = String.join(", ", Endpoints.PUBLIC.subList(0, Endpoints.PUBLIC.size() - 1))
                + " and " + Endpoints.PUBLIC.get(Endpoints.PUBLIC.size() - 1);
        router.errorHandler(404, ctx -> Replies.send(ctx, 404, ErrorAnswer.of(NotFound.ERROR, null, "no endpoint "
                + ctx.request().method() + " " + ctx.request().path() + "; the API has GET " + publicEndpoints)));
        router.errorHandler(405, ctx -> Replies.send(ctx, 405, ErrorAnswer.of(ErrorAnswer.METHOD_NOT_ALLOWED, null,
                ctx.request().method() + " is not allowed on " + ctx.request().path() + "; use GET")));
        router.errorHandler(500, ctx -> Replies.fail(ctx, ctx.failure() != null ? ctx.failure()
                : new IllegalStateException("request failed without an exception")));
        return router;
    }

    private void bandwidth(RoutingContext ctx) {
        QueryParameters params = parameters(ctx, BandwidthRequest.PARAMETERS);
        BandwidthRequest request = BandwidthRequest.parse(params);
        Period period = request.period().resolve(clock.instant());
        Format format = format(ctx, params, true);
        reply(ctx, backend.bandwidth(request, period, forwarded(ctx))
                .map(answer -> format == Format.CSV ? Body.csv(BandwidthCsv.write(answer)) : Body.json(answer)));
    }

    private void series(RoutingContext ctx) {
        QueryParameters params = parameters(ctx, SeriesRequest.PARAMETERS);
        SeriesRequest request = SeriesRequest.parse(params);
        Period period = request.period().resolve(clock.instant());
        format(ctx, params, false);
        reply(ctx, backend.series(request, period, forwarded(ctx)).map(Body::json));
    }

    /**
     * FlowIQ top talkers. Without {@code gateway}, every instance hosting talkers partitions is asked
     * (the answer is complete or a 503); with it, the instance hosting that spoke's talkers answers.
     */
    private void topTalkers(RoutingContext ctx) {
        QueryParameters params = parameters(ctx, TopTalkersRequest.PARAMETERS);
        TopTalkersRequest request = TopTalkersRequest.parse(params);
        Period period = request.period().resolve(clock.instant());
        Format format = format(ctx, params, true);
        reply(ctx, backend.topTalkers(request, period, forwarded(ctx))
                .map(answer -> format == Format.CSV ? Body.csv(TopTalkersCsv.write(answer)) : Body.json(answer)));
    }

    /** Flow egress ÷ counter egress per gateway and hour; every instance hosting either part is asked. */
    private void coverage(RoutingContext ctx) {
        QueryParameters params = parameters(ctx, CoverageRequest.PARAMETERS);
        CoverageRequest request = CoverageRequest.parse(params);
        Period period = request.period().resolve(clock.instant());
        format(ctx, params, false);
        reply(ctx, backend.coverage(request, period).map(Body::json));
    }

    /** The live flow table: every instance hosting flow partitions is asked (complete or a 503). */
    private void flows(RoutingContext ctx) {
        QueryParameters params = parameters(ctx, FlowsRequest.PARAMETERS);
        FlowsRequest request = FlowsRequest.parse(params);
        Format format = format(ctx, params, true);
        reply(ctx, backend.flows(request)
                .map(answer -> format == Format.CSV ? Body.csv(FlowsCsv.write(answer)) : Body.json(answer)));
    }

    /** Budget alerts of a month and every budget's standing: every instance hosting alert partitions is asked. */
    private void alerts(RoutingContext ctx) {
        AlertsRequest request = AlertsRequest.parse(parameters(ctx, AlertsRequest.PARAMETERS), clock.instant());
        reply(ctx, backend.alerts(request).map(Body::json));
    }

    /** Another instance's alerts fan-out: the alert stores of the named partitions, active here. */
    private void alertsPartial(RoutingContext ctx) {
        AlertsPartialRequest request = AlertsPartialRequest.parse(parameters(ctx, AlertsPartialRequest.PARAMETERS));
        reply(ctx, backend.alertsPartial(request).map(Body::json));
    }

    private void gateways(RoutingContext ctx) {
        parameters(ctx, Set.of());
        reply(ctx, backend.gateways().map(Body::json));
    }

    /**
     * Liveness: UP; DEGRADED (still 200: restarting would not help) while Kafka does not answer or
     * Kafka Streams is not RUNNING yet (starting, restoring, rebalancing); DOWN (503) once Kafka
     * Streams has died or is shutting down. With how far processing is
     * behind and the drop counters.
     */
    private void health(RoutingContext ctx) {
        String state = backend.streamsState();
        KafkaReach kafka = instance.kafka();
        String status = DEAD_STATES.contains(state) ? HealthAnswer.DOWN
                : !backend.running() || (kafka != null && !kafka.reachable()) ? HealthAnswer.DEGRADED : HealthAnswer.UP;
        Map<String, Long> dropped = new LinkedHashMap<>(backend.dropped());
        Long streamsDropped = instance.droppedRecords();
        if (streamsDropped != null) {
            dropped.put("kafka_streams_dropped_records", streamsDropped);
        }
        Replies.send(ctx, HealthAnswer.DOWN.equals(status) ? 503 : 200,
                new HealthAnswer(status, state, kafka, instance.processingLagRecords(), dropped, instance.webhooks()));
    }

    /**
     * Readiness: 200 once Kafka Streams is RUNNING (queries can be answered) and Kafka answers; else
     * 503 saying why. While Kafka is away answers would stop at its last commit without saying so.
     */
    private void ready(RoutingContext ctx) {
        String state = backend.streamsState();
        KafkaReach kafka = instance.kafka();
        if (!backend.running()) {
            Replies.fail(ctx, new Unavailable("Kafka Streams is " + state + ", not RUNNING"));
        } else if (kafka != null && !kafka.reachable()) {
            Replies.fail(ctx, new Unavailable("Kafka has not answered for " + kafka.secondsSinceContact() + " s ("
                    + kafka.error() + "): answers would stop at its last commit"));
        } else {
            backend.counterProgress().onComplete(ar -> {
                if (ar.succeeded()) {
                    Replies.send(ctx, 200, ReadyAnswer.ready(state, ar.result().orElse(null), clock.instant()));
                } else {
                    Replies.fail(ctx, ar.cause());
                }
            });
        }
    }

    private void cost(RoutingContext ctx) {
        QueryParameters params = parameters(ctx, CostRequest.PARAMETERS);
        CostRequest request = CostRequest.parse(params);
        Period period = request.period().resolve(clock.instant());
        reply(ctx, backend.cost(request, period).map(Body::json));
    }

    /** Another instance's cost fan-out: its part from the named partitions of its active cost stores. */
    private void costPartial(RoutingContext ctx) {
        CostPartialRequest request = CostPartialRequest.parse(parameters(ctx, CostPartialRequest.PARAMETERS));
        reply(ctx, backend.costPartial(request).map(Body::json));
    }

    /** Another instance's fan-out: raw totals of the named partitions from this instance's active stores. */
    private void bandwidthPartial(RoutingContext ctx) {
        BandwidthPartialRequest request = BandwidthPartialRequest.parse(parameters(ctx, BandwidthPartialRequest.PARAMETERS));
        reply(ctx, backend.bandwidthPartial(request).map(Body::json));
    }

    /** Another instance's top-talkers fan-out: merged tables of the named partitions from this instance's active stores. */
    private void coveragePartial(RoutingContext ctx) {
        CoveragePartialRequest request = CoveragePartialRequest.parse(parameters(ctx, CoveragePartialRequest.PARAMETERS));
        reply(ctx, backend.coveragePartial(request).map(Body::json));
    }

    private void flowsPartial(RoutingContext ctx) {
        FlowsPartialRequest request = FlowsPartialRequest.parse(parameters(ctx, FlowsPartialRequest.PARAMETERS));
        reply(ctx, backend.flowsPartial(request).map(Body::json));
    }

    private void talkersPartial(RoutingContext ctx) {
        TalkersPartialRequest request = TalkersPartialRequest.parse(parameters(ctx, TalkersPartialRequest.PARAMETERS));
        reply(ctx, backend.talkersPartial(request).map(Body::json));
    }

    private static Format format(RoutingContext ctx, QueryParameters params, boolean csvExists) {
        return Format.parse(params, ctx.request().getHeader(HttpHeaders.ACCEPT), csvExists);
    }

    private static boolean forwarded(RoutingContext ctx) {
        return ctx.request().getHeader(Endpoints.FORWARDED_HEADER) != null;
    }
}
