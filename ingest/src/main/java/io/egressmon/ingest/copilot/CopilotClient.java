package io.egressmon.ingest.copilot;

import io.egressmon.ingest.IngestConfig;
import io.egressmon.ingest.IngestStats;
import io.egressmon.ingest.Secret;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client of the CoPilot API calls the reports need (see {@code copilot-api.md}), on the Vert.x Web
 * Client with a cookie session.
 *
 * <p>Logs in on first use. A call answered 401/403, or 200 with something that is not JSON (CoPilot
 * serves its login page when the session is gone), logs in again and is sent again. 5xx answers,
 * timeouts and I/O errors are retried with exponential back-off and jitter, up to
 * {@code maxAttempts} tries; then the call fails with a {@link CopilotException} naming it. At most
 * {@code maxConcurrency} calls are in flight. TLS is verified against the JDK trust store, or a PEM
 * CA bundle ({@code caFile}); {@code insecure} turns verification off and says so in the log. The
 * password goes into the login body and nowhere else.
 *
 * <p>Answers are read tolerantly: nulls, missing keys, empty {@code interfaces}, unreadable FlowIQ
 * keys and unknown fields never fail a call; each oddity is counted in {@link IngestStats} and logged
 * at debug. Every call — inventory, performance and FlowIQ — shares the session, the retries and
 * the limit of calls in flight.
 */
public final class CopilotClient implements AutoCloseable {
    public static final String LOGIN_PATH = "/api/login";
    public static final String GATEWAYS_PATH = "/api/gateways";
    public static final String ROUTES_PATH = "/api/cloud-routes/routes/gateways";
    public static final String PERFORMANCE_PATH = "/api/reports/report/performance";
    public static final String FIELD_AGG_PATH = "/api/flowiq/field_agg";

    private static final Logger log = LoggerFactory.getLogger(CopilotClient.class);
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Vertx vertx;
    private final Context context;
    private final CopilotTransport transport;
    private final String baseUrl;
    private final String username;
    private final Secret password;
    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final IngestStats stats;
    private final InFlightLimit limit;

    // Session state, touched on `context` only.
    private boolean loggedIn;
    private int generation;
    private Future<Integer> loginInFlight;

    public CopilotClient(Vertx vertx, IngestConfig config, IngestStats stats) {
        if (config.copilotUrl() == null) {
            throw new IllegalArgumentException("the CoPilot URL is not set: set " + IngestConfig.ENV_COPILOT_URL);
        }
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.username = config.username() == null ? "" : config.username();
        this.password = config.password() == null ? Secret.empty() : config.password();
        this.maxAttempts = Math.max(1, config.maxAttempts());
        this.baseDelay = config.retryBaseDelay();
        this.maxDelay = config.retryMaxDelay();
        this.stats = stats;
        this.limit = new InFlightLimit(config.maxConcurrency());
        this.transport = new CopilotTransport(vertx, config.copilotUrl(), new CopilotTls(config.insecure(), config.caFile(),
                IngestConfig.ENV_INSECURE, IngestConfig.ENV_CA_FILE), config.requestTimeout(), config.maxConcurrency(), stats);
        this.baseUrl = transport.baseUrl();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Logs in now (again, if a session exists). Other calls log in on their own when needed. */
    public Future<Void> login() {
        return onContext(() -> {
            loggedIn = false;
            return session().mapEmpty();
        });
    }

    /** {@code GET /api/gateways}: every gateway with a usable name, in CoPilot's order. */
    public Future<List<ControllerGateway>> gateways() {
        return onContext(() -> call("GET " + GATEWAYS_PATH, HttpMethod.GET, GATEWAYS_PATH, null,
                json -> GatewayListReader.read(json, stats)));
    }

    /**
     * {@code GET /api/cloud-routes/routes/gateways}: per {@code gw_name}, the sorted distinct route
     * {@code dev} values that start with {@code tun-} ({@code tun0}, OpenVPN, is not one).
     */
    public Future<Map<String, List<String>>> tunnelInterfaces() {
        return onContext(() -> call("GET " + ROUTES_PATH, HttpMethod.GET, ROUTES_PATH, null,
                json -> RouteTableReader.tunnelInterfaces(json, stats)));
    }

    /**
     * {@code POST /api/reports/report/performance} for {@code gateways} over {@code [start, end]}: one
     * result per requested gateway, in the same order. The answer is matched by position; if CoPilot
     * answers a batch with the wrong number of elements, each gateway is asked on its own.
     */
    public Future<List<GatewayPerformance>> performance(List<String> gateways, Instant start, Instant end) {
        if (gateways.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        List<String> names = List.copyOf(gateways);
        JsonArray body = performanceBody(names, start, end);
        String what = "POST " + PERFORMANCE_PATH + " (" + names.size() + " gateway" + (names.size() == 1 ? "" : "s")
                + ", " + iso(start) + " .. " + iso(end) + ")";
        Future<List<GatewayPerformance>> batch = onContext(() -> call(what, HttpMethod.POST, PERFORMANCE_PATH, body,
                json -> PerformanceReader.read(names, json, stats)));
        if (names.size() == 1) {
            return batch;
        }
        return batch.recover(e -> {
            if (!(e.getCause() instanceof MisalignedAnswer)) {
                return Future.failedFuture(e);
            }
            log.warn("{}: {}; asking for each gateway on its own", what, e.getCause().getMessage());
            List<Future<List<GatewayPerformance>>> singles = new ArrayList<>();
            for (String name : names) {
                singles.add(performance(List.of(name), start, end));
            }
            return Future.all(singles).map(all -> {
                List<GatewayPerformance> out = new ArrayList<>(names.size());
                for (Future<List<GatewayPerformance>> f : singles) {
                    out.addAll(f.result());
                }
                return out;
            });
        });
    }

    /**
     * {@code GET /api/flowiq/field_agg}: the bytes of the flow records matching {@code queryString}
     * in {@code [gte, lte]} (both inclusive, milliseconds), summed per value of {@code field}, at most
     * {@code size} keys, largest first. Unreadable keys are skipped and counted
     * ({@link IngestStats#flowiqSkippedBuckets}); {@link FieldAggAnswer#returned()} still counts them.
     */
    public Future<FieldAggAnswer> fieldAgg(String field, String queryString, Instant gte, Instant lte, int size) {
        if (size < 1) {
            return Future.failedFuture(new IllegalArgumentException("size must be >= 1, got " + size));
        }
        String path = fieldAggPath(field, queryString, gte, lte, size);
        String what = "GET " + FIELD_AGG_PATH + " (" + field + ", " + iso(gte) + " .. " + iso(lte) + ")";
        return onContext(() -> call(what, HttpMethod.GET, path, null, json -> FieldAggReader.read(json, stats)));
    }

    /**
     * The field_agg path with its query, as the original scripts send it: times in ISO with
     * milliseconds and {@code Z} (so the time zone is {@code +00:00}); {@code interval} only shapes
     * CoPilot's histogram, which is not read.
     */
    static String fieldAggPath(String field, String queryString, Instant gte, Instant lte, int size) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("field", field);
        q.put("metric", "bytes");
        q.put("query_string", queryString);
        q.put("date_range[gte]", iso(gte));
        q.put("date_range[lte]", iso(lte));
        q.put("date_range[time_zone]", "+00:00");
        q.put("interval", "1d");
        q.put("size", Integer.toString(size));
        StringBuilder path = new StringBuilder(FIELD_AGG_PATH);
        char sep = '?';
        for (Map.Entry<String, String> e : q.entrySet()) {
            path.append(sep).append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return path.toString();
    }

    /** The performance request body, exactly as the original scripts send it. */
    static JsonArray performanceBody(List<String> gateways, Instant start, Instant end) {
        JsonArray body = new JsonArray();
        for (String gateway : gateways) {
            body.add(new JsonObject()
                    .put("gatewayName", gateway)
                    .put("systemMetrics", new JsonArray())
                    .put("interfaceMetrics", new JsonArray().add("rx_bytes").add("tx_bytes"))
                    .put("start", iso(start))
                    .put("end", iso(end))
                    .put("perInterfaceStats", true));
        }
        return body;
    }

    /** ISO-8601 UTC with milliseconds and {@code Z}, as CoPilot expects: {@code 2026-01-11T00:00:00.000Z}. */
    public static String iso(Instant instant) {
        return ISO_MILLIS.format(instant);
    }

    @Override
    public void close() {
        transport.close();
    }

    // ---------------------------------------------------------------- calls, sessions and retries

    /** Runs {@code body} on this client's context, where all session state lives. */
    private <T> Future<T> onContext(Supplier<Future<T>> body) {
        if (Vertx.currentContext() == context) {
            return body.get();
        }
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> {
            try {
                body.get().onComplete(promise);
            } catch (RuntimeException e) {
                promise.fail(e);
            }
        });
        return promise.future();
    }

    private static final class Call<T> {
        final String what;
        final HttpMethod method;
        final String path;
        final Object body;
        final Function<Object, T> parse;
        int tries;
        int relogins;
        boolean afterRelogin;

        Call(String what, HttpMethod method, String path, Object body, Function<Object, T> parse) {
            this.what = what;
            this.method = method;
            this.path = path;
            this.body = body;
            this.parse = parse;
        }
    }

    private <T> Future<T> call(String what, HttpMethod method, String path, Object body, Function<Object, T> parse) {
        Call<T> call = new Call<>(what, method, path, body, parse);
        return limit.run(() -> attempt(call));
    }

    private <T> Future<T> attempt(Call<T> call) {
        if (transport.closed()) {
            return Future.failedFuture(new CopilotException(call.what, 0, "CoPilot " + call.what + ": client closed", null));
        }
        return session().compose(gen -> transport.send(call.method, call.path, call.body).transform(ar -> outcome(call, gen, ar)));
    }

    private <T> Future<T> outcome(Call<T> call, int generationUsed, AsyncResult<HttpResponse<Buffer>> ar) {
        if (ar.failed()) {
            Throwable cause = ar.cause();
            if (CopilotTransport.isTlsFailure(cause)) {
                return giveUp(call, 0, transport.tlsFailure(call.what, cause), cause);
            }
            return retry(call, 0, CopilotTransport.describe(cause), cause);
        }
        HttpResponse<Buffer> response = ar.result();
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            return sessionGone(call, generationUsed, status, "HTTP " + status);
        }
        if (status >= 500 || status == 429 || status == 408) {
            return retry(call, status, "HTTP " + status, null);
        }
        if (status < 200 || status >= 300) {
            return giveUp(call, status, "CoPilot " + call.what + " answered HTTP " + status + ": " + CopilotTransport.snippet(response), null);
        }
        Object json;
        try {
            Buffer body = response.body();
            if (body == null || body.length() == 0) {
                throw new DecodeException("empty body");
            }
            json = Json.decodeValue(body);
        } catch (DecodeException e) {
            String type = response.getHeader("Content-Type");
            return sessionGone(call, generationUsed, status,
                    "HTTP " + status + " with a non-JSON answer" + (type == null ? "" : " (" + type + ")"));
        }
        try {
            return Future.succeededFuture(call.parse.apply(json));
        } catch (MisalignedAnswer e) {
            return giveUp(call, status, "CoPilot " + call.what + " answered " + e.getMessage(), e);
        } catch (RuntimeException e) {
            stats.unknownShapes.incrementAndGet();
            if (!call.afterRelogin) {
                // Some proxies and CoPilot versions answer a lost session with a JSON error page: one fresh login tells.
                return sessionGone(call, generationUsed, status, "JSON of an unexpected shape: " + e.getMessage());
            }
            return giveUp(call, status, "CoPilot " + call.what + " answered JSON of an unexpected shape: " + e.getMessage(), e);
        }
    }

    /**
     * The session is gone (or never was valid for this call): log in again and send the call again.
     * The first time this is free; if the call is refused again right after a fresh login, each
     * further round counts as a try, so a user without permission ends in a failure, not a loop.
     */
    private <T> Future<T> sessionGone(Call<T> call, int generationUsed, int status, String why) {
        if (call.afterRelogin) {
            call.tries++;
            if (call.tries >= maxAttempts) {
                return giveUp(call, status, "CoPilot " + call.what + " was refused (" + why + ") even after logging in again as '"
                        + username + "': check that this user may use the API", null);
            }
        }
        call.relogins++;
        call.afterRelogin = true;
        if (generation == generationUsed) {
            loggedIn = false;
        }
        log.debug("CoPilot session gone ({} on {}): logging in again", why, call.what);
        Future<Void> pause = call.tries > 0 && call.relogins > 1 ? delay(call.tries) : Future.succeededFuture();
        return pause.compose(v -> attempt(call));
    }

    private <T> Future<T> retry(Call<T> call, int status, String why, Throwable cause) {
        call.tries++;
        call.afterRelogin = false;
        if (call.tries >= maxAttempts) {
            return giveUp(call, status, "CoPilot " + call.what + " failed after " + call.tries + " attempt"
                    + (call.tries == 1 ? "" : "s") + ": " + why, cause);
        }
        stats.retries.incrementAndGet();
        log.debug("CoPilot {} failed ({}), try {} of {}", call.what, why, call.tries + 1, maxAttempts);
        return delay(call.tries).compose(v -> attempt(call));
    }

    private <T> Future<T> giveUp(Call<T> call, int status, String message, Throwable cause) {
        stats.failedCalls.incrementAndGet();
        log.debug("{}", message);
        return Future.failedFuture(new CopilotException(call.what, status, message, cause));
    }

    /** Exponential back-off with jitter: a random time in [d/2, d], d = base·2^(try−1) capped at the maximum. */
    private Future<Void> delay(int tries) {
        long base = Math.max(0, baseDelay.toMillis());
        long cap = Math.max(base, maxDelay.toMillis());
        long d = base << Math.min(20, Math.max(0, tries - 1));
        d = Math.min(cap, d < 0 ? cap : d);
        long millis = d <= 1 ? d : d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1);
        if (millis <= 0) {
            return Future.succeededFuture();
        }
        return vertx.timer(millis).mapEmpty();
    }

    /** A valid session's generation: logs in when there is none, sharing one login among concurrent calls. */
    private Future<Integer> session() {
        if (loggedIn) {
            return Future.succeededFuture(generation);
        }
        Future<Integer> shared = loginInFlight;
        if (shared != null) {
            return shared;
        }
        Future<Integer> login = loginAttempt(0);
        if (!login.isComplete()) {
            loginInFlight = login;
            login.onComplete(ar -> loginInFlight = null);
        }
        return login;
    }

    private Future<Integer> loginAttempt(int tries) {
        if (transport.closed()) {
            return Future.failedFuture(new CopilotException("POST " + LOGIN_PATH, 0, "CoPilot login: client closed", null));
        }
        JsonObject body = new JsonObject().put("username", username).put("password", password.reveal());
        return transport.send(HttpMethod.POST, LOGIN_PATH, body).transform(ar -> {
            String what = "login as '" + username + "' at " + baseUrl;
            if (ar.failed()) {
                Throwable cause = ar.cause();
                if (CopilotTransport.isTlsFailure(cause)) {
                    return loginFailed(0, transport.tlsFailure("login", cause), cause);
                }
                return loginRetry(tries, 0, what + ": " + CopilotTransport.describe(cause), cause);
            }
            int status = ar.result().statusCode();
            if (status >= 200 && status < 300) {
                loggedIn = true;
                generation++;
                stats.loginCount.incrementAndGet();
                if (generation > 1) {
                    stats.relogins.incrementAndGet();
                    log.debug("logged in again to CoPilot at {} as '{}'", baseUrl, username);
                } else {
                    log.info("logged in to CoPilot at {} as '{}'", baseUrl, username);
                }
                return Future.succeededFuture(generation);
            }
            if (status == 401 || status == 403) {
                return loginFailed(status, "CoPilot refused the " + what + " (HTTP " + status
                        + "): check the user name and password (" + IngestConfig.ENV_USERNAME + "/"
                        + IngestConfig.ENV_PASSWORD + " or " + IngestConfig.ENV_AVIATRIX_USERNAME + "/"
                        + IngestConfig.ENV_AVIATRIX_PASSWORD + ")", null);
            }
            if (status >= 500 || status == 429 || status == 408) {
                return loginRetry(tries, status, what + ": HTTP " + status, null);
            }
            return loginFailed(status, "CoPilot " + what + " answered HTTP " + status, null);
        });
    }

    private Future<Integer> loginRetry(int tries, int status, String why, Throwable cause) {
        int done = tries + 1;
        if (done >= maxAttempts) {
            return loginFailed(status, "CoPilot " + why + " (gave up after " + done + " attempt" + (done == 1 ? "" : "s") + ")", cause);
        }
        stats.retries.incrementAndGet();
        log.debug("CoPilot {}; try {} of {}", why, done + 1, maxAttempts);
        return delay(done).compose(v -> loginAttempt(done));
    }

    private Future<Integer> loginFailed(int status, String message, Throwable cause) {
        stats.failedCalls.incrementAndGet();
        return Future.failedFuture(new CopilotException("POST " + LOGIN_PATH, status, message, cause));
    }
}
