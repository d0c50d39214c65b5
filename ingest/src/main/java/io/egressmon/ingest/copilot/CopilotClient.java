package io.egressmon.ingest.copilot;

import io.egressmon.ingest.IngestStats;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client of the CoPilot API calls the reports need (see {@code docs/copilot-api.md}): what each call
 * asks, and which reader reads its answer.
 *
 * <p>The work is shared out: {@link CopilotTransport} speaks HTTP and TLS (the JDK trust store, a
 * PEM CA bundle, or no verification at all, said in the log); {@link CopilotSession} logs in on
 * first use and again when the session is lost, retries 5xx answers, timeouts and I/O errors with
 * back-off and jitter ({@link RetryPolicy}), and keeps at most {@code maxConcurrency} calls in
 * flight; an answer that is malformed, cut off, of the wrong type, a login page, larger than
 * {@code maxResponseBytes} or behind a certificate for another name is counted by
 * {@link BadAnswerReason} and handled as it says; a call that fails for good fails with a
 * {@link CopilotException} naming it. The password goes into the login body and nowhere else.
 *
 * <p>Answers are read tolerantly ({@link GatewayListReader}, {@link RouteTableReader},
 * {@link PerformanceReader}, {@link FieldAggReader}): nulls, missing keys, empty {@code interfaces},
 * unreadable FlowIQ keys and unknown fields never fail a call; each oddity is counted in
 * {@link IngestStats} and logged at debug. Every call — inventory, performance and FlowIQ — shares
 * the session, the retries and the limit of calls in flight.
 */
public final class CopilotClient implements AutoCloseable {
    public static final String GATEWAYS_PATH = "/api/gateways";
    public static final String ROUTES_PATH = "/api/cloud-routes/routes/gateways";
    public static final String PERFORMANCE_PATH = "/api/reports/report/performance";
    public static final String FIELD_AGG_PATH = "/api/flowiq/field_agg";

    private static final Logger log = LoggerFactory.getLogger(CopilotClient.class);
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final CopilotTransport transport;
    private final CopilotSession session;
    private final IngestStats stats;

    public CopilotClient(Vertx vertx, CopilotSettings settings, IngestStats stats) {
        // The limit comes first: a maxConcurrency below 1 fails here, before a connection pool exists.
        InFlightLimit limit = new InFlightLimit(settings.maxConcurrency());
        this.transport = new CopilotTransport(vertx, settings.url(), settings.tls(), settings.requestTimeout(),
                settings.maxConcurrency(), settings.maxResponseBytes(), stats);
        this.session = new CopilotSession(vertx, transport, settings.credentials(), settings.retry(), limit, stats);
        this.stats = stats;
    }

    public String baseUrl() {
        return transport.baseUrl();
    }

    /** Logs in now (again, if a session exists). Other calls log in on their own when needed. */
    public Future<Void> login() {
        return session.login();
    }

    /** {@code GET /api/gateways}: every gateway with a usable name, in CoPilot's order. */
    public Future<List<ControllerGateway>> gateways() {
        return session.call("GET " + GATEWAYS_PATH, HttpMethod.GET, GATEWAYS_PATH, null,
                json -> GatewayListReader.read(json, stats));
    }

    /**
     * {@code GET /api/cloud-routes/routes/gateways}: per {@code gw_name}, the sorted distinct route
     * {@code dev} values that start with {@code tun-} ({@code tun0}, OpenVPN, is not one).
     */
    public Future<Map<String, List<String>>> tunnelInterfaces() {
        return session.call("GET " + ROUTES_PATH, HttpMethod.GET, ROUTES_PATH, null,
                json -> RouteTableReader.tunnelInterfaces(json, stats));
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
        Future<List<GatewayPerformance>> batch = session.call(what, HttpMethod.POST, PERFORMANCE_PATH, body,
                json -> PerformanceReader.read(names, json, stats));
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
        return session.call(what, HttpMethod.GET, path, null, json -> FieldAggReader.read(json, stats));
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
}
