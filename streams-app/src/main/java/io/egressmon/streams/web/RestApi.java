package io.egressmon.streams.web;

import io.egressmon.report.BandwidthCsv;
import io.egressmon.report.GroupBy;
import io.egressmon.report.talkers.TopTalkersCsv;
import io.egressmon.streams.query.BadParameter;
import io.egressmon.streams.query.NotFound;
import io.egressmon.streams.query.Period;
import io.egressmon.streams.query.PeriodPlan;
import io.egressmon.streams.query.QueryBackend;
import io.egressmon.streams.query.Step;
import io.egressmon.streams.query.StreamsQueries;
import io.egressmon.streams.query.TalkerPlan;
import io.egressmon.streams.query.TalkersQuery;
import io.egressmon.streams.query.Unavailable;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API (docs/design.md, "REST API"): one Vert.x {@link Router} over a {@link QueryBackend}.
 * Every answer is JSON (or the seed's CSV where asked); every error names what to fix; an exception
 * never turns into an empty 500.
 */
public final class RestApi {
    /** Marks a request one instance forwarded to the owner of a gateway, so it is never forwarded again. */
    public static final String FORWARDED_HEADER = "X-Egressmon-Forwarded";
    public static final String BANDWIDTH_PATH = "/api/v1/bandwidth";
    public static final String SERIES_PATH = "/api/v1/bandwidth/series";
    public static final String GATEWAYS_PATH = "/api/v1/gateways";
    public static final String HEALTH_PATH = "/health";
    public static final String READY_PATH = "/ready";
    public static final String PARTIAL_PATH = StreamsQueries.PARTIAL_PATH;
    public static final String TOP_TALKERS_PATH = "/api/v1/top-talkers";
    public static final String TALKERS_PARTIAL_PATH = StreamsQueries.TALKERS_PARTIAL_PATH;

    static final Set<String> BANDWIDTH_PARAMETERS = Set.of("days", "month", "year", "from", "to", "gateway", "group_by", "format");
    static final Set<String> SERIES_PARAMETERS = Set.of("days", "month", "year", "from", "to", "gateway", "step", "format");
    static final Set<String> PARTIAL_PARAMETERS = Set.of("from", "to", "fine_since", "partitions");
    static final Set<String> TOP_TALKERS_PARAMETERS = Set.of("days", "month", "year", "from", "to", "top", "gateway",
            "per_spoke", "group_by", "format");
    static final Set<String> TALKERS_PARTIAL_PARAMETERS = Set.of("from", "to", "hourly_since", "partitions", "top",
            "per_spoke", "group_by");
    static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);
    private static final String JSON = "application/json";
    private static final String CSV = "text/csv; charset=utf-8";
    private static final Set<String> DEAD_STATES = Set.of("ERROR", "PENDING_ERROR", "NOT_RUNNING", "PENDING_SHUTDOWN");

    private final QueryBackend backend;
    private final Clock clock;
    private final String copilotFlowiqUrl;
    private final WebClient forwarder;

    private RestApi(Vertx vertx, QueryBackend backend, Clock clock, String copilotFlowiqUrl) {
        this.backend = backend;
        this.clock = clock;
        this.copilotFlowiqUrl = copilotFlowiqUrl == null ? "" : copilotFlowiqUrl;
        this.forwarder = WebClient.create(vertx);
    }

    /** The router of the whole API, with no CoPilot known for the top-talkers links. */
    public static Router router(Vertx vertx, QueryBackend backend, Clock clock) {
        return router(vertx, backend, clock, "");
    }

    /**
     * The router of the whole API.
     *
     * @param copilotFlowiqUrl CoPilot's FlowIQ page for the top-talkers answers; empty when unknown
     */
    public static Router router(Vertx vertx, QueryBackend backend, Clock clock, String copilotFlowiqUrl) {
        RestApi api = new RestApi(vertx, backend, clock, copilotFlowiqUrl);
        Router router = Router.router(vertx);
        router.get(BANDWIDTH_PATH).handler(api::bandwidth);
        router.get(SERIES_PATH).handler(api::series);
        router.get(GATEWAYS_PATH).handler(api::gateways);
        router.get(TOP_TALKERS_PATH).handler(api::topTalkers);
        router.get(HEALTH_PATH).handler(api::health);
        router.get(READY_PATH).handler(api::ready);
        router.get(PARTIAL_PATH).handler(api::partial);
        router.get(TALKERS_PARTIAL_PATH).handler(api::talkersPartial);
        router.errorHandler(404, ctx -> send(ctx, 404, ApiJson.error("not_found", null, "no endpoint "
                + ctx.request().method() + " " + ctx.request().path() + "; the API has GET " + BANDWIDTH_PATH + ", "
                + SERIES_PATH + ", " + GATEWAYS_PATH + ", " + TOP_TALKERS_PATH + ", " + HEALTH_PATH + " and " + READY_PATH)));
        router.errorHandler(405, ctx -> send(ctx, 405, ApiJson.error("method_not_allowed", null,
                ctx.request().method() + " is not allowed on " + ctx.request().path() + "; use GET")));
        router.errorHandler(500, ctx -> fail(ctx, ctx.failure() != null ? ctx.failure()
                : new IllegalStateException("request failed without an exception")));
        return router;
    }

    private void bandwidth(RoutingContext ctx) {
        Map<String, String> params = parameters(ctx, BANDWIDTH_PARAMETERS);
        Period period = Period.parse(params, clock.instant());
        String gateway = optional(params, "gateway");
        GroupBy groupBy = groupBy(params.get("group_by"));
        boolean csv = wantsCsv(ctx, params, true);
        if (gateway != null && forwardedToOwner(ctx, gateway, backend.ownerElsewhere(gateway))) {
            return;
        }
        reply(ctx, backend.bandwidth(period, gateway, groupBy).map(answer -> csv
                ? new Body(CSV, BandwidthCsv.write(answer.toReport()))
                : new Body(JSON, ApiJson.bandwidth(answer).encode())));
    }

    private void series(RoutingContext ctx) {
        Map<String, String> params = parameters(ctx, SERIES_PARAMETERS);
        Period period = Period.parse(params, clock.instant());
        String gateway = optional(params, "gateway");
        if (gateway == null) {
            throw new BadParameter("gateway", "a series is per gateway: add gateway=NAME");
        }
        Step step = params.containsKey("step") ? Step.parse(params.get("step")) : Step.DEFAULT;
        wantsCsv(ctx, params, false);
        if (forwardedToOwner(ctx, gateway, backend.ownerElsewhere(gateway))) {
            return;
        }
        reply(ctx, backend.series(period, gateway, step).map(answer -> new Body(JSON, ApiJson.series(answer).encode())));
    }

    /**
     * FlowIQ top talkers. Without {@code gateway}, every instance hosting talkers partitions is asked
     * (the answer is complete or a 503); with it, the instance hosting that spoke's talkers answers
     * (this one, or it is forwarded there).
     */
    private void topTalkers(RoutingContext ctx) {
        Map<String, String> params = parameters(ctx, TOP_TALKERS_PARAMETERS);
        Period period = Period.parse(params, clock.instant());
        TalkersQuery query = new TalkersQuery(period, TalkersQuery.parseTop(params), optional(params, "gateway"),
                TalkersQuery.parsePerSpoke(params), groupBy(params.get("group_by")));
        boolean csv = wantsCsv(ctx, params, true);
        if (query.gateway() != null && forwardedToOwner(ctx, query.gateway(), backend.talkersOwnerElsewhere(query.gateway()))) {
            return;
        }
        reply(ctx, backend.topTalkers(query).map(answer -> csv
                ? new Body(CSV, TopTalkersCsv.write(answer.toReport(copilotFlowiqUrl)))
                : new Body(JSON, ApiJson.topTalkers(answer, copilotFlowiqUrl).encode())));
    }

    private void gateways(RoutingContext ctx) {
        parameters(ctx, Set.of());
        reply(ctx, backend.gateways().map(list -> new Body(JSON, ApiJson.gateways(list).encode())));
    }

    /** Liveness: UP unless Kafka Streams has died (or is shutting down); with the drop counters. */
    private void health(RoutingContext ctx) {
        String state = backend.streamsState();
        boolean up = !DEAD_STATES.contains(state);
        JsonObject dropped = new JsonObject();
        backend.dropped().forEach(dropped::put);
        send(ctx, up ? 200 : 503, new JsonObject()
                .put("status", up ? "UP" : "DOWN")
                .put("streams_state", state)
                .put("dropped", dropped));
    }

    /** Readiness: 200 once Kafka Streams is RUNNING (queries can be answered), else 503. */
    private void ready(RoutingContext ctx) {
        String state = backend.streamsState();
        if (backend.running()) {
            send(ctx, 200, new JsonObject().put("status", "READY").put("streams_state", state));
        } else {
            fail(ctx, new Unavailable("Kafka Streams is " + state + ", not RUNNING"));
        }
    }

    /** Another instance's fan-out: raw totals of the named partitions from this instance's active stores. */
    private void partial(RoutingContext ctx) {
        Map<String, String> params = parameters(ctx, PARTIAL_PARAMETERS);
        Instant from = instant(params, "from");
        Instant to = instant(params, "to");
        Instant fineSince = instant(params, "fine_since");
        if (!from.isBefore(to)) {
            throw new BadParameter("to", "to must be after from");
        }
        Set<Integer> partitions = partitions(params.get("partitions"));
        reply(ctx, backend.partial(PeriodPlan.of(from, to, fineSince), partitions)
                .map(answer -> new Body(JSON, answer.toJson().encode())));
    }

    /** Another instance's top-talkers fan-out: merged tables of the named partitions from this instance's active stores. */
    private void talkersPartial(RoutingContext ctx) {
        Map<String, String> params = parameters(ctx, TALKERS_PARTIAL_PARAMETERS);
        Instant from = instant(params, "from");
        Instant to = instant(params, "to");
        Instant hourlySince = instant(params, "hourly_since");
        if (!from.isBefore(to)) {
            throw new BadParameter("to", "to must be after from");
        }
        Set<Integer> partitions = partitions(params.get("partitions"));
        reply(ctx, backend.talkersPartial(TalkerPlan.of(from, to, hourlySince), partitions, TalkersQuery.parseTop(params),
                        TalkersQuery.parsePerSpoke(params), groupBy(params.get("group_by")))
                .map(answer -> new Body(JSON, answer.toJson().encode())));
    }

    /**
     * Sends the request on to the instance hosting {@code gateway} when that is not this one, and
     * relays its answer. A request that was already forwarded is never forwarded again: the
     * partition moved in between, which the client can simply retry.
     *
     * @param owner the owner's base URL, or empty when it is this instance (from the backend's metadata
     *              for the stores the request reads)
     * @return true when the request was forwarded (or refused), false to answer it here
     */
    private boolean forwardedToOwner(RoutingContext ctx, String gateway, Optional<String> owner) {
        if (owner.isEmpty()) {
            return false;
        }
        if (ctx.request().getHeader(FORWARDED_HEADER) != null) {
            throw new Unavailable("gateway '" + gateway + "' moved to " + owner.get() + " while this request was being forwarded");
        }
        String url = owner.get() + ctx.request().uri();
        var request = forwarder.getAbs(url).timeout(FORWARD_TIMEOUT.toMillis()).putHeader(FORWARDED_HEADER, "1");
        String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
        if (accept != null) {
            request.putHeader(HttpHeaders.ACCEPT.toString(), accept);
        }
        request.send()
                .onSuccess(response -> relay(ctx, response))
                .onFailure(e -> fail(ctx, new Unavailable("instance " + owner.get() + ", which hosts gateway '" + gateway
                        + "', did not answer: " + e.getMessage(), e)));
        return true;
    }

    private static void relay(RoutingContext ctx, HttpResponse<Buffer> response) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(response.statusCode());
        for (CharSequence header : List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.RETRY_AFTER)) {
            String value = response.getHeader(header.toString());
            if (value != null) {
                ctx.response().putHeader(header, value);
            }
        }
        Buffer body = response.body();
        ctx.response().end(body == null ? Buffer.buffer() : body);
    }

    private record Body(String contentType, String text) {
    }

    private static void reply(RoutingContext ctx, Future<Body> answer) {
        answer.onSuccess(body -> {
            if (!ctx.response().ended()) {
                ctx.response().setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, body.contentType()).end(body.text());
            }
        }).onFailure(e -> fail(ctx, e));
    }

    /** Maps a failure to its answer: 400, 404 and 503 say what happened; anything else is logged and is a 500 JSON. */
    static void fail(RoutingContext ctx, Throwable failure) {
        Throwable e = failure;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (ctx.response().ended() || ctx.response().closed()) {
            LOG.warn("{} {} failed after its answer was sent: {}", ctx.request().method(), ctx.request().uri(), e.toString());
            return;
        }
        if (e instanceof BadParameter bad) {
            send(ctx, 400, ApiJson.error("bad_request", bad.parameter(), bad.getMessage()));
        } else if (e instanceof NotFound notFound) {
            send(ctx, 404, ApiJson.error("not_found", notFound.parameter(), notFound.getMessage()));
        } else if (e instanceof Unavailable) {
            LOG.debug("{} {}: unavailable: {}", ctx.request().method(), ctx.request().uri(), e.getMessage());
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Unavailable.RETRY_AFTER_SECONDS));
            send(ctx, 503, ApiJson.error("unavailable", null, e.getMessage())
                    .put("retry_after_seconds", Unavailable.RETRY_AFTER_SECONDS));
        } else {
            // The exception's text stays in the log: it can describe internals a client should not see.
            String reference = Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 16);
            LOG.error("{} {} failed (reference {})", ctx.request().method(), ctx.request().uri(), reference, e);
            send(ctx, 500, ApiJson.error("internal", null, "internal error; the server log has the details under reference "
                    + reference).put("reference", reference));
        }
    }

    private static void send(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(body.encode());
    }

    /**
     * The query parameters, one value each. A name the endpoint does not know is refused rather than
     * ignored: {@code day=30} silently meaning "the default 30 days" would be a wrong answer to
     * {@code day=7}.
     */
    static Map<String, String> parameters(RoutingContext ctx, Set<String> allowed) {
        MultiMap query;
        try {
            query = ctx.queryParams();
        } catch (RuntimeException e) {
            throw new BadParameter("query", "the query string cannot be decoded (" + e.getMessage() + "); percent-encode special characters");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : query.names()) {
            if (!allowed.contains(name)) {
                throw new BadParameter(name, unknownParameterMessage(name, allowed));
            }
            List<String> values = query.getAll(name);
            if (values.size() > 1) {
                throw new BadParameter(name, name + " is given " + values.size() + " times; give it once");
            }
            params.put(name, values.get(0));
        }
        return params;
    }

    static String unknownParameterMessage(String name, Set<String> allowed) {
        StringBuilder message = new StringBuilder("unknown parameter '").append(name).append('\'');
        allowed.stream()
                .filter(candidate -> distance(candidate, name) <= 2)
                .min(Comparator.comparingInt((String candidate) -> distance(candidate, name)).thenComparing(c -> c))
                .ifPresent(candidate -> message.append(" (did you mean '").append(candidate).append("'?)"));
        if (allowed.isEmpty()) {
            return message.append("; this endpoint takes no parameters").toString();
        }
        return message.append("; expected one of ").append(String.join(", ", new TreeSet<>(allowed))).toString();
    }

    /** Levenshtein distance, for "did you mean". */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String optional(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            throw new BadParameter(name, name + " is empty; leave it out or give a value");
        }
        return value.trim();
    }

    private static GroupBy groupBy(String key) {
        if (key == null) {
            return null;
        }
        try {
            return GroupBy.fromKey(key);
        } catch (IllegalArgumentException e) {
            throw new BadParameter("group_by", e.getMessage());
        }
    }

    /** {@code format=csv|json}; without it, {@code Accept: text/csv} asks for CSV. */
    private static boolean wantsCsv(RoutingContext ctx, Map<String, String> params, boolean csvExists) {
        String format = params.get("format");
        if (format == null) {
            String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
            return csvExists && accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
        }
        switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "json":
                return false;
            case "csv":
                if (csvExists) {
                    return true;
                }
                throw new BadParameter("format", "this endpoint answers JSON only; leave format out or use format=json");
            default:
                throw new BadParameter("format", "format='" + format + "' is not one of json, csv");
        }
    }

    private static Instant instant(Map<String, String> params, String name) {
        String text = params.get(name);
        if (text == null) {
            throw new BadParameter(name, name + " is required");
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeException e) {
            throw new BadParameter(name, name + "='" + text + "' is not an ISO-8601 instant");
        }
    }

    private static Set<Integer> partitions(String text) {
        if (text == null || text.isBlank()) {
            throw new BadParameter("partitions", "partitions is required, e.g. partitions=0,3");
        }
        List<Integer> list = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                int p = Integer.parseInt(part.trim());
                if (p < 0) {
                    throw new NumberFormatException("negative");
                }
                list.add(p);
            } catch (NumberFormatException e) {
                throw new BadParameter("partitions", "partitions='" + text + "' is not a comma-separated list of partition numbers");
            }
        }
        return new TreeSet<>(list);
    }
}
