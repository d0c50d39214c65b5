package io.egressmon.copilot.sim;

import io.egressmon.copilot.sim.flowiq.FieldAgg;
import io.egressmon.copilot.sim.flowiq.FieldAggRequest;
import io.egressmon.copilot.sim.flowiq.FlowEstate;
import io.egressmon.copilot.sim.flowiq.LuceneSyntaxException;
import io.egressmon.copilot.sim.flowiq.TalkerTruth;
import io.egressmon.copilot.sim.flows.FlowExporter;
import io.egressmon.copilot.sim.flows.FlowTruth;
import io.egressmon.copilot.sim.flows.SpokeExporter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP server that answers CoPilot's API over a synthetic {@link Estate}, knows the
 * {@link GroundTruth} and injects {@link Faults}: 503s, stalls, expiring sessions, odd elements,
 * and {@link BadAnswer}s (malformed, truncated, wrongly typed, a login page, huge; over HTTPS
 * with {@link SimulatorTls}, a certificate for another name).
 *
 * <p>{@code /api/...} speaks CoPilot: login with a session cookie, the gateway inventory, route
 * tables, the performance report, FlowIQ's field aggregation over the estate's synthetic flow
 * records ({@link FlowEstate}). {@code /sim/...} is the simulator's own, needs no session and is
 * never faulted: {@code GET /sim/truth?from=&to=}, {@code GET /sim/talkers?from=&to=&top=&gateway=},
 * {@code GET /sim/estate}, {@code GET /sim/stats}, {@code GET|POST /sim/faults}. Every response waits the configured latency first (on a timer:
 * the event loop is never blocked).
 *
 * <p>The sample spokes also export their flows over UDP (NetFlow v9 or IPFIX, some sampled), live,
 * each from its own loopback address ({@link #flowExporters()}); see {@link FlowExporter}.
 */
public final class CopilotSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CopilotSimulator.class);

    /** Any name would do: clients just keep the cookies they are given. */
    public static final String SESSION_COOKIE = "copilot_session";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;
    private static final String HTML_503 = "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n"
            + "<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n"
            + "</body>\r\n</html>\r\n";

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final SimulatorConfig config;
    private final Estate estate;
    private final FlowEstate flows;
    private final FieldAgg fieldAgg;
    private final Random faultRolls;
    private final Map<String, Instant> sessions = new ConcurrentHashMap<>();
    private volatile Faults faults = Faults.none();
    private volatile HttpServer server;
    private final FlowTruth flowTruth;
    private FlowExporter flowExporter;

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final LongAdder logins = new LongAdder();
    private final LongAdder failedLogins = new LongAdder();
    private final AtomicLong injected503s = new AtomicLong();
    private final LongAdder injectedStalls = new LongAdder();
    private final LongAdder oddJsonElements = new LongAdder();
    private final LongAdder expiredSessions = new LongAdder();
    private final LongAdder unauthorized = new LongAdder();
    private final LongAdder performanceQueries = new LongAdder();
    private final Map<BadAnswer, AtomicLong> badAnswers = new EnumMap<>(BadAnswer.class);

    private CopilotSimulator(Vertx vertx, boolean ownsVertx, SimulatorConfig config) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.config = config;
        this.estate = Estate.create(config.anchorOrNow(), config.seed(), config.extraSpokes(), config.spikes());
        this.flows = FlowEstate.of(estate);
        this.fieldAgg = new FieldAgg(flows);
        this.faultRolls = new Random(config.seed());
        this.flowTruth = new FlowTruth(flows);
        for (BadAnswer kind : BadAnswer.values()) {
            badAnswers.put(kind, new AtomicLong());
        }
    }

    /** Starts on a Vertx of its own (closed by {@link #close()}); returns once listening. */
    public static CopilotSimulator start(SimulatorConfig config) {
        Vertx vertx = Vertx.vertx();
        try {
            return await(startAsync(vertx, config, true));
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    /** Starts on the given Vertx (left open by {@link #close()}); returns once listening. Not from an event loop. */
    public static CopilotSimulator start(Vertx vertx, SimulatorConfig config) {
        return await(startAsync(vertx, config, false));
    }

    /** Starts on the given Vertx (left open by {@link #close()}), for callers on an event loop. */
    public static Future<CopilotSimulator> startAsync(Vertx vertx, SimulatorConfig config) {
        return startAsync(vertx, config, false);
    }

    private static Future<CopilotSimulator> startAsync(Vertx vertx, SimulatorConfig config, boolean ownsVertx) {
        CopilotSimulator simulator = new CopilotSimulator(vertx, ownsVertx, config);
        HttpServerOptions options = new HttpServerOptions();
        if (config.tls() != null) {
            options.setSsl(true).setKeyCertOptions(config.tls().keyCertOptions(simulator::presentsOtherName));
        }
        return vertx.createHttpServer(options)
                .requestHandler(simulator.router())
                .listen(config.port(), config.host())
                .map(server -> {
                    simulator.server = server;
                    if (config.flowExport().enabled()) {
                        try {
                            simulator.startFlowExport(config.flowExport().collector());
                        } catch (RuntimeException e) {
                            LOG.warn("CoPilot simulator: no flow export ({})", e.getMessage());
                        }
                    }
                    LOG.info("CoPilot simulator listening on {} ({} gateways, anchor {})", simulator.baseUrl(),
                            simulator.estate.gateways().size(), simulator.estate.anchor());
                    return simulator;
                });
    }

    public int port() {
        return server.actualPort();
    }

    public String baseUrl() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return (config.tls() == null ? "http://" : "https://") + host + ":" + port();
    }

    public SimulatorConfig config() {
        return config;
    }

    public Estate estate() {
        return estate;
    }

    /** The truth over {@code (from, to]} with samples up to the simulator's clock's now. */
    public GroundTruth truth(Instant from, Instant to) {
        return estate.truth(from, to, config.clock().instant());
    }

    /** The estate's flow records, which {@code GET /api/flowiq/field_agg} aggregates. */
    public FlowEstate flows() {
        return flows;
    }

    /**
     * The exact top talkers over the flow records at whole minutes {@code from <= m < to} that exist
     * by the simulator's clock — what field_agg gives for {@code gte = from, lte = to − 1 ms}.
     */
    public TalkerTruth talkerTruth(Instant from, Instant to) {
        return flows.truth(from, to, config.clock().instant());
    }

    /**
     * Which spoke exports flows from which address: {@code 127.0.1.N} → gateway name, in the estate's
     * order — what {@code EGRESSMON_FLOW_EXPORTERS} wants (see {@link #flowExportersSetting()}).
     */
    public Map<String, String> flowExporters() {
        Map<String, String> exporters = new LinkedHashMap<>();
        for (SpokeExporter exporter : flowTruth.exporters()) {
            exporters.put(exporter.source().getHostAddress(), exporter.gateway());
        }
        return exporters;
    }

    /** {@link #flowExporters()} as {@code ADDR=GATEWAY,ADDR=GATEWAY}. */
    public String flowExportersSetting() {
        StringBuilder setting = new StringBuilder();
        flowExporters().forEach((address, gateway) ->
                setting.append(setting.isEmpty() ? "" : ",").append(address).append('=').append(gateway));
        return setting.toString();
    }

    /** What the flow exports carry, for any spoke and minute, and the coverage a correct collector reports. */
    public FlowTruth flowTruth() {
        return flowTruth;
    }

    /**
     * Starts exporting the spokes' flows to {@code collector}, from the minute in progress on the
     * simulator's clock (stopping an export already running first); the export stops on {@link #close()}.
     *
     * @throws java.io.UncheckedIOException when the spokes' loopback addresses cannot be bound
     */
    public synchronized FlowExporter startFlowExport(InetSocketAddress collector) {
        stopFlowExport();
        flowExporter = new FlowExporter(flowTruth, config.clock(), collector, config.flowExport().tick()).start();
        return flowExporter;
    }

    /** The export running, if any. */
    public synchronized Optional<FlowExporter> flowExport() {
        return Optional.ofNullable(flowExporter);
    }

    public synchronized void stopFlowExport() {
        if (flowExporter != null) {
            flowExporter.close();
            flowExporter = null;
        }
    }

    /** Replaces the faults in force; applies to requests arriving from now on. Not from an event loop. */
    public void faults(Faults faults) {
        await(applyFaults(faults));
    }

    /**
     * Replaces the faults in force. Over HTTPS, while certificates for another name are asked for,
     * each change starts a new TLS context: a client cannot resume a session of the old one and so
     * skip the certificate (a resumed session shows none), it shakes hands in full and rolls.
     */
    private Future<Void> applyFaults(Faults faults) {
        Faults before = this.faults;
        this.faults = Objects.requireNonNull(faults, "faults");
        boolean mismatches = faults.rate(BadAnswer.TLS_NAME_MISMATCH) > 0 || before.rate(BadAnswer.TLS_NAME_MISMATCH) > 0;
        if (config.tls() == null || server == null || !mismatches) {
            return Future.succeededFuture();
        }
        return server.updateSSLOptions(new ServerSSLOptions()
                .setKeyCertOptions(config.tls().keyCertOptions(this::presentsOtherName)), true).mapEmpty();
    }

    public Faults faults() {
        return faults;
    }

    public Stats stats() {
        Map<String, Long> snapshot = new HashMap<>();
        calls.forEach((endpoint, count) -> snapshot.put(endpoint, count.sum()));
        Map<BadAnswer, Long> given = new EnumMap<>(BadAnswer.class);
        badAnswers.forEach((kind, count) -> given.put(kind, count.get()));
        return new Stats(snapshot, logins.sum(), failedLogins.sum(), injected503s.get(), injectedStalls.sum(),
                oddJsonElements.sum(), expiredSessions.sum(), unauthorized.sum(), performanceQueries.sum(), given);
    }

    /** Stops listening, then closes the Vertx if the simulator made it. Not from an event loop. */
    @Override
    public void close() {
        await(closeAsync());
    }

    public Future<Void> closeAsync() {
        stopFlowExport();
        if (ownsVertx) {
            // Closing the Vertx closes its servers; chaining it after server.close() would complete
            // on the very event loop it shuts down, and never be seen.
            return vertx.close();
        }
        return server == null ? Future.succeededFuture() : server.close();
    }

    private Router router() {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
        router.route().handler(this::admit);
        router.post("/api/login").handler(this::login);
        router.route("/api/*").handler(this::requireSession);
        router.get("/api/logout").handler(this::logout);
        router.get("/api/gateways").handler(this::gateways);
        router.get("/api/cloud-routes/routes/gateways").handler(this::routes);
        router.post("/api/reports/report/performance").handler(this::performance);
        router.get("/api/flowiq/field_agg").handler(this::fieldAgg);
        router.get("/sim/truth").handler(this::simTruth);
        router.get("/sim/talkers").handler(this::simTalkers);
        router.get("/sim/estate").handler(ctx -> json(ctx, 200, CopilotJson.estate(estate, config.clock().instant())));
        router.get("/sim/stats").handler(ctx -> json(ctx, 200, CopilotJson.stats(stats())));
        router.get("/sim/faults").handler(ctx -> json(ctx, 200, CopilotJson.faults(faults)));
        router.post("/sim/faults").handler(this::simFaults);
        router.errorHandler(404, ctx -> json(ctx, 404, CopilotJson.error("not_found",
                "no such endpoint: " + ctx.request().method() + " " + ctx.request().path())));
        router.errorHandler(500, ctx -> {
            LOG.warn("simulator failed on {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
            json(ctx, 500, CopilotJson.error("internal", String.valueOf(ctx.failure())));
        });
        return router;
    }

    /**
     * First stop of every request: count it, wait the latency (plus a stall, when one is rolled),
     * then answer 503 when an error is rolled, else carry on. Only {@code /api} is faulted.
     */
    private void admit(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        calls.computeIfAbsent(endpoint(request), k -> new LongAdder()).increment();
        boolean api = request.path().startsWith("/api/");
        Faults current = faults;
        long delayMillis = config.latency().toMillis();
        if (api && roll(current.stallRate())) {
            injectedStalls.increment();
            delayMillis += current.stall().toMillis();
        }
        boolean unavailable = api && roll(current.errorRate());
        if (api && config.tls() != null && current.rate(BadAnswer.TLS_NAME_MISMATCH) > 0) {
            // Every call shakes hands anew, and so rolls for the wrong certificate.
            ctx.response().putHeader("connection", "close");
        }
        Runnable proceed = () -> {
            if (unavailable) {
                unavailable(ctx);
            } else {
                ctx.next();
            }
        };
        if (delayMillis > 0) {
            vertx.timer(delayMillis, TimeUnit.MILLISECONDS).onSuccess(v -> proceed.run());
        } else {
            proceed.run();
        }
    }

    private boolean roll(double probability) {
        return probability > 0 && faultRolls.nextDouble() < probability;
    }

    /** Per TLS handshake: whether it presents the certificate for another host. */
    private boolean presentsOtherName() {
        if (roll(faults.rate(BadAnswer.TLS_NAME_MISMATCH))) {
            badAnswers.get(BadAnswer.TLS_NAME_MISMATCH).incrementAndGet();
            return true;
        }
        return false;
    }

    /**
     * Sends a data call's right answer with status 200, unless a {@link BadAnswer} is rolled: one
     * draw picks at most one kind, each with its probability.
     */
    private void answer(RoutingContext ctx, Object json) {
        Faults current = faults;
        double draw = faultRolls.nextDouble();
        double upTo = 0;
        for (BadAnswer kind : BadAnswer.values()) {
            if (kind == BadAnswer.TLS_NAME_MISMATCH || current.rate(kind) == 0) {
                continue;
            }
            upTo += current.rate(kind);
            if (draw < upTo) {
                long n = badAnswers.get(kind).incrementAndGet();
                if (kind == BadAnswer.LOGIN_PAGE) {
                    // CoPilot serves its login page when the session is gone: so it is, here.
                    Cookie cookie = ctx.request().getCookie(SESSION_COOKIE);
                    if (cookie != null) {
                        sessions.remove(cookie.getValue());
                    }
                }
                BadAnswers.send(kind, ctx, json, n, current.hugeBodyBytes());
                return;
            }
        }
        String body = json instanceof JsonArray list ? list.encode() : ((JsonObject) json).encode();
        ctx.response().setStatusCode(200).putHeader("content-type", "application/json").end(body);
    }

    /** Alternates a JSON body and the HTML page a proxy in front of CoPilot would send. */
    private void unavailable(RoutingContext ctx) {
        long n = injected503s.incrementAndGet();
        if (n % 2 == 1) {
            json(ctx, 503, CopilotJson.error("service_unavailable", "CoPilot is temporarily unavailable"));
        } else {
            ctx.response().setStatusCode(503).putHeader("content-type", "text/html").end(HTML_503);
        }
    }

    private static String endpoint(HttpServerRequest request) {
        String key = request.method().name() + " " + request.path();
        return switch (key) {
            case Stats.LOGIN, Stats.LOGOUT, Stats.GATEWAYS, Stats.ROUTES, Stats.PERFORMANCE, Stats.FIELD_AGG,
                 "GET /sim/truth", "GET /sim/talkers", "GET /sim/estate", "GET /sim/stats", "GET /sim/faults",
                 "POST /sim/faults" -> key;
            default -> Stats.OTHER;
        };
    }

    private void login(RoutingContext ctx) {
        String username;
        String password;
        String contentType = String.valueOf(ctx.request().getHeader("content-type"));
        if (contentType.startsWith("application/x-www-form-urlencoded") || contentType.startsWith("multipart/form-data")) {
            username = ctx.request().getFormAttribute("username");
            password = ctx.request().getFormAttribute("password");
        } else {
            JsonObject body;
            try {
                body = ctx.body().asJsonObject();
            } catch (RuntimeException e) {
                body = null;
            }
            username = body == null ? null : body.getString("username");
            password = body == null ? null : body.getString("password");
        }
        if (!config.username().equals(username) || !config.password().equals(password)) {
            failedLogins.increment();
            unauthorized.increment();
            json(ctx, 401, CopilotJson.error("unauthorized", "invalid username or password"));
            return;
        }
        String token = UUID.randomUUID().toString();
        forgetExpiredSessions();
        sessions.put(token, config.clock().instant());
        logins.increment();
        ctx.response().addCookie(Cookie.cookie(SESSION_COOKIE, token).setPath("/").setHttpOnly(true));
        json(ctx, 200, new JsonObject().put("status", "ok").put("username", username));
    }

    /** Keeps the session table small for clients that log in again and again. */
    private void forgetExpiredSessions() {
        Faults current = faults;
        if (current.sessionsExpire() && sessions.size() > 1000) {
            Instant cutoff = config.clock().instant().minus(current.sessionTtl());
            sessions.values().removeIf(created -> !created.isAfter(cutoff));
        }
    }

    private void requireSession(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(SESSION_COOKIE);
        Instant created = cookie == null ? null : sessions.get(cookie.getValue());
        if (created == null) {
            unauthorized.increment();
            json(ctx, 401, CopilotJson.error("unauthorized", "not logged in"));
            return;
        }
        Faults current = faults;
        if (current.sessionsExpire() && !config.clock().instant().isBefore(created.plus(current.sessionTtl()))) {
            if (sessions.remove(cookie.getValue()) != null) {
                expiredSessions.increment();
            }
            unauthorized.increment();
            json(ctx, 401, CopilotJson.error("unauthorized", "session expired"));
            return;
        }
        ctx.next();
    }

    private void logout(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(SESSION_COOKIE);
        if (cookie != null) {
            sessions.remove(cookie.getValue());
        }
        ctx.response().removeCookie(SESSION_COOKIE);
        json(ctx, 200, new JsonObject().put("status", "ok"));
    }

    private void gateways(RoutingContext ctx) {
        JsonArray results = new JsonArray();
        estate.gateways().forEach(g -> results.add(CopilotJson.gateway(g)));
        answer(ctx, new JsonObject().put("results", results));
    }

    private void routes(RoutingContext ctx) {
        Instant now = config.clock().instant();
        JsonArray all = new JsonArray();
        estate.gateways().forEach(g -> all.add(CopilotJson.routes(g, now)));
        answer(ctx, all);
    }

    private void performance(RoutingContext ctx) {
        List<CopilotJson.PerformanceQuery> queries;
        try {
            JsonArray body = ctx.body().asJsonArray();
            if (body == null) {
                throw new IllegalArgumentException("the body must be a JSON list");
            }
            queries = body.stream().map(CopilotJson::performanceQuery).toList();
        } catch (RuntimeException e) {
            json(ctx, 400, CopilotJson.error("bad_request", "bad performance request: " + e.getMessage()));
            return;
        }
        Instant now = config.clock().instant();
        double oddRate = faults.oddJsonRate();
        JsonArray answer = new JsonArray();
        for (CopilotJson.PerformanceQuery query : queries) {
            JsonObject element = CopilotJson.performance(
                    estate.performance(query.gatewayName(), query.start(), query.end(), now), query.metrics());
            if (roll(oddRate)) {
                OddJson.apply(element, faultRolls);
                oddJsonElements.increment();
            }
            answer.add(element);
        }
        performanceQueries.add(queries.size());
        answer(ctx, answer);
    }

    /**
     * {@code {"value": [{"key": …, "value": bytes}, …]}}. Computed off the event loop: a query over
     * every spoke of a big estate takes a while, and other clients' calls should not wait for it.
     */
    private void fieldAgg(RoutingContext ctx) {
        FieldAggRequest request;
        try {
            request = FieldAggRequest.parse(ctx.request()::getParam);
        } catch (LuceneSyntaxException e) {
            json(ctx, 400, CopilotJson.error("bad_query", "bad query_string: " + e.getMessage()));
            return;
        } catch (IllegalArgumentException e) {
            json(ctx, 400, CopilotJson.error("bad_request", e.getMessage()));
            return;
        }
        Instant now = config.clock().instant();
        vertx.executeBlocking(() -> fieldAgg.run(request, now), false)
                .onSuccess(buckets -> answer(ctx, CopilotJson.fieldAgg(buckets)))
                .onFailure(ctx::fail);
    }

    private void simTalkers(RoutingContext ctx) {
        String gateway;
        int top;
        Instant from;
        Instant to;
        try {
            String fromText = ctx.request().getParam("from");
            String toText = ctx.request().getParam("to");
            if (fromText == null || toText == null) {
                throw new IllegalArgumentException("from and to (ISO-8601) are required");
            }
            from = CopilotJson.parseInstant("from", fromText);
            to = CopilotJson.parseInstant("to", toText);
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("to " + to + " is before from " + from);
            }
            top = CopilotJson.parseTop(ctx.request().getParam("top"));
            gateway = ctx.request().getParam("gateway");
            if (gateway != null && estate.gateway(gateway).isEmpty()) {
                json(ctx, 404, CopilotJson.error("not_found", "no gateway '" + gateway + "' in the estate"));
                return;
            }
        } catch (IllegalArgumentException e) {
            json(ctx, 400, CopilotJson.error("bad_request", e.getMessage()));
            return;
        }
        vertx.executeBlocking(() -> CopilotJson.talkers(talkerTruth(from, to), gateway, top), false)
                .onSuccess(body -> json(ctx, 200, body))
                .onFailure(ctx::fail);
    }

    private void simTruth(RoutingContext ctx) {
        try {
            String from = ctx.request().getParam("from");
            String to = ctx.request().getParam("to");
            if (from == null || to == null) {
                throw new IllegalArgumentException("from and to (ISO-8601) are required");
            }
            GroundTruth truth = truth(CopilotJson.parseInstant("from", from), CopilotJson.parseInstant("to", to));
            json(ctx, 200, CopilotJson.truth(truth));
        } catch (IllegalArgumentException e) {
            json(ctx, 400, CopilotJson.error("bad_request", e.getMessage()));
        }
    }

    private void simFaults(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            applyFaults(CopilotJson.faults(body == null ? new JsonObject() : body)).onComplete(ar -> {
                if (ar.failed()) {
                    ctx.fail(ar.cause());
                    return;
                }
                LOG.info("faults now {}", faults);
                json(ctx, 200, CopilotJson.faults(faults));
            });
        } catch (RuntimeException e) {
            json(ctx, 400, CopilotJson.error("bad_request", "bad faults: " + e.getMessage()));
        }
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }

    private static <T> T await(Future<T> future) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("would block an event loop: use startAsync/closeAsync there");
        }
        try {
            return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("CoPilot simulator: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("CoPilot simulator did not answer within " + START_TIMEOUT, e);
        }
    }
}
