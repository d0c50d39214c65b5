package io.egressmon.streams.web;

import static io.egressmon.streams.query.TableBackend.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.KafkaReach;
import io.egressmon.api.ApiJson;
import io.egressmon.api.Endpoints;
import io.egressmon.api.GroupBy;
import io.egressmon.api.InventoryGateway;
import io.egressmon.api.PeriodRequest;
import io.egressmon.api.Unavailable;
import io.egressmon.api.bandwidth.BandwidthAnswer;
import io.egressmon.api.coverage.CoverageAnswer;
import io.egressmon.api.flows.FlowRow;
import io.egressmon.api.flows.FlowsAnswer;
import io.egressmon.api.bandwidth.BandwidthCsv;
import io.egressmon.api.bandwidth.BandwidthPartial;
import io.egressmon.api.bandwidth.BandwidthPartialRequest;
import io.egressmon.api.bandwidth.BandwidthRequest;
import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.api.talkers.TalkersPartial;
import io.egressmon.api.talkers.TalkerSource;
import io.egressmon.api.talkers.TalkersPartialRequest;
import io.egressmon.api.talkers.TopTalkersAnswer;
import io.egressmon.api.talkers.TopTalkersCsv;
import io.egressmon.api.talkers.TopTalkersRequest;
import io.egressmon.streams.query.QueryBackend;
import io.egressmon.streams.query.TableBackend;
import io.egressmon.streams.talkers.TalkerTable;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The REST API over a table-backed query backend")
class RestApiTest {
    private static final Instant NOW = Instant.parse("2026-02-10T10:37:12Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Instant TALKER_DAY = Instant.parse("2026-02-08T00:00:00Z");
    private static final String FLOWIQ = "https://cplt.example.com/monitor/flow-iq/flowiq/overview";
    private static final PeriodRequest LAST_WEEK = new PeriodRequest.LastDays(7);

    private static Vertx vertx;
    private static TableBackend one;
    private static TableBackend two;
    private static String urlOne;
    private static String urlTwo;

    @BeforeAll
    static void startServers() throws Exception {
        vertx = Vertx.vertx();
        one = new TableBackend(vertx, NOW, TALKER_DAY, FLOWIQ);
        two = new TableBackend(vertx, NOW, TALKER_DAY, FLOWIQ);
        urlOne = "http://127.0.0.1:" + listen(one).actualPort();
        urlTwo = "http://127.0.0.1:" + listen(two).actualPort();
    }

    private static HttpServer listen(QueryBackend backend) throws Exception {
        return vertx.createHttpServer().requestHandler(RestApi.router(vertx, backend, CLOCK)).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void reset() {
        for (TableBackend b : List.of(one, two)) {
            b.clear();
            b.inventory.put("spoke-a", gateway("spoke-a", "AWS"));
            b.inventory.put("spoke-b", gateway("spoke-b", "Azure ARM"));
            b.totals.put("spoke-a", new RawTotals(1000, 900, 100, 50, 1));
            b.totals.put("orphan", new RawTotals(10, 10, 0, 0, 0));
            b.talkerTables.put("spoke-a|EXTERNAL", table("23.185.0.3", 5_000_000_000L, "100.64.1.1", 2048, "47.91.64.21", 700));
            b.talkerTables.put("spoke-a|INTERNAL", table("10.2.2.100", 4_000_000_000L));
            b.talkerTables.put("spoke-b|EXTERNAL", table("47.91.64.21", 3_000_000_000L, "8.8.8.8", 10));
            b.talkerTables.put("orphan|INTERNAL", table("10.9.9.9", 123));
        }
    }

    /** An exact table of (ip, bytes) pairs. */
    private static TalkerTable table(Object... ipBytes) {
        TalkerTable t = TalkerTable.empty(TableBackend.TALKER_CAPACITY);
        for (int i = 0; i < ipBytes.length; i += 2) {
            t = t.add((String) ipBytes[i], ((Number) ipBytes[i + 1]).longValue(), false);
        }
        return t;
    }

    private static List<String> ips(JsonArray rows) {
        return rows.stream().map(r -> ((JsonObject) r).getString("ip")).toList();
    }

    private static List<String> names(JsonArray objects, String field) {
        return objects.stream().map(o -> ((JsonObject) o).getString(field)).toList();
    }

    private static InventoryGateway gateway(String name, String cloud) {
        return new InventoryGateway(name, "spoke", "acct-1", "vpc-" + name, "vpc-0abc~~vpc-" + name, "us-east-1", cloud,
                "transit-1", "grp", List.of("tun-1", "tun-2"), Instant.parse("2026-02-01T00:00:00Z"));
    }

    private static HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    private static JsonObject json(HttpResponse<String> response) {
        assertTrue(contentType(response).startsWith("application/json"), "JSON content type: " + response.headers().map());
        return new JsonObject(response.body());
    }

    /** A 200 JSON answer read into its record, as the CLI and the other instances read it. */
    private static <A> A answer(String url, Class<A> type) throws Exception {
        HttpResponse<String> r = get(url);
        assertEquals(200, r.statusCode(), r.body());
        json(r);
        return ApiJson.read(r.body(), type);
    }

    /** The CSV of {@code url} (which has a query), asked with format=csv and with Accept: text/csv: the same text/csv body. */
    private static String csv(String url) throws Exception {
        HttpResponse<String> byParam = get(url + "&format=csv");
        HttpResponse<String> byHeader = get(url, "Accept", "text/csv");
        assertEquals(200, byParam.statusCode(), byParam.body());
        assertTrue(contentType(byParam).startsWith("text/csv"), contentType(byParam));
        assertTrue(contentType(byHeader).startsWith("text/csv"), contentType(byHeader));
        assertEquals(byParam.body(), byHeader.body());
        return byParam.body();
    }

    /** Asks instance one, which forwards to two: the answer must be two's own, unchanged. */
    private static HttpResponse<String> relayed(String pathAndQuery) throws Exception {
        HttpResponse<String> viaOne = get(urlOne + pathAndQuery);
        assertEquals(200, viaOne.statusCode(), viaOne.body());
        assertEquals(get(urlTwo + pathAndQuery).body(), viaOne.body());
        return viaOne;
    }

    private static JsonObject assertStatus(int status, String error, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        JsonObject body = json(r);
        assertEquals(error, body.getString("error"), r.body());
        return body;
    }

    private static void assertGatewayNotFound(String url) throws Exception {
        HttpResponse<String> r = get(url);
        assertEquals("gateway", assertStatus(404, "not_found", r).getString("parameter"), r.body());
    }

    private static void assertBadRequest(String pathAndQuery, String parameter) throws Exception {
        HttpResponse<String> r = get(urlOne + pathAndQuery);
        JsonObject body = assertStatus(400, "bad_request", r);
        assertEquals(parameter, body.getString("parameter"), r.body());
        assertTrue(body.getString("message").length() > 10, r.body());
    }

    @Test
    @DisplayName("answers the design's JSON: period, spokes sorted by name with attributes and raw counters, and the aggregate")
    void bandwidthJson() throws Exception {
        HttpResponse<String> r = get(urlOne + "/api/v1/bandwidth?from=2026-02-09T00:00:00Z&to=2026-02-10T00:00:00Z");
        assertEquals(200, r.statusCode(), r.body());
        JsonObject body = json(r);
        assertEquals(List.of("report", "method", "period_start", "period_end", "period_days", "gateways", "aggregate",
                "resolution", "complete", "data_until", "approximate"), List.copyOf(body.fieldNames()));
        assertEquals("PT1H", body.getString("resolution"), "a day of whole hours is read from hourly windows");
        assertTrue(body.getBoolean("complete"), r.body());
        assertEquals("spoke_gateway_bandwidth", body.getString("report"));
        assertEquals("2026-02-09T00:00:00Z", body.getString("period_start"));
        assertEquals(1, body.getInteger("period_days"));
        JsonArray gateways = body.getJsonArray("gateways");
        assertEquals(List.of("orphan", "spoke-a", "spoke-b"), names(gateways, "gateway"));
        JsonObject a = gateways.getJsonObject(1);
        assertEquals(List.of("gateway", "account_name", "vpc_name", "vpc_id", "vpc_region", "vendor_name", "transit_gw_name",
                "group_name", "tunnel_interfaces", "internal_rx_bytes", "internal_tx_bytes", "egress_rx_bytes",
                "egress_tx_bytes", "eth0_rx_bytes", "eth0_tx_bytes", "tunnel_rx_bytes", "tunnel_tx_bytes", "resets", "has_metrics", "data_until", "error_bound_bytes"),
                List.copyOf(a.fieldNames()));
        assertEquals(850, a.getLong("egress_rx_bytes"));
        assertEquals(750, a.getLong("egress_tx_bytes"));
        assertEquals(1, a.getInteger("resets"));
        assertNull(gateways.getJsonObject(0).getString("account_name"), "no inventory → null attributes");
        assertEquals(3, body.getJsonObject("aggregate").getInteger("spokes"));
        assertEquals(850 + 10, body.getJsonObject("aggregate").getLong("egress_rx_bytes"));
    }

    @Test
    @DisplayName("coverage: per gateway with flows, whole hours up to the last one before now, flow ÷ counter egress and the band")
    void coverage() throws Exception {
        Instant nine = Instant.parse("2026-02-10T09:00:00Z");
        one.flowHours.put("spoke-a", new java.util.TreeMap<>(Map.of(nine.minusSeconds(3600), 90L, nine, 90L,
                nine.plusSeconds(3600), 10L)));
        one.counterHours.put("spoke-a", new java.util.TreeMap<>(Map.of(nine, new RawTotals(100, 0, 0, 0, 0))));
        CoverageAnswer a = answer(urlOne + "/api/v1/coverage?from=2026-02-10T08:30:00Z&to=2026-02-10T10:30:00Z",
                CoverageAnswer.class);
        assertEquals(Instant.parse("2026-02-10T08:00:00Z"), a.periodStart());
        assertEquals(Instant.parse("2026-02-10T10:00:00Z"), a.periodEnd(), "the running hour 10:00 is not whole yet");
        assertEquals(0.9, a.gateways().get(0).coverage(), 1e-9);
        assertEquals(List.of(nine), a.gateways().get(0).steps().stream().map(h -> h.start()).toList());
        assertEquals(0.8, a.bandLow());
        HttpResponse<String> bad = get(urlOne + "/api/v1/coverage?days=7&source=netflow");
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("source"), bad.body());
    }

    /** A flow of {@code kbps} over the 10 s window, as in ovs-flowmon's README. */
    private static FlowRow flow(String src, String dst, int srcPort, int dstPort, int kbps) {
        return FlowRow.of("spoke-a", src, dst, srcPort, dstPort, 6, kbps * 1250L, kbps, 1, NOW.minusSeconds(9),
                NOW.minusSeconds(1), 10);
    }

    @Test
    @DisplayName("flows: the seed's five flows, wildcarded by src_port,dst_port, collapse to its table; CSV shows * for a wildcard")
    void flows() throws Exception {
        one.flowRows.addAll(List.of(flow("192.0.2.1", "198.51.100.2", 65432, 80, 10),
                flow("198.51.100.2", "192.0.2.1", 80, 65432, 10), flow("203.0.113.3", "198.51.100.2", 76543, 80, 5),
                flow("192.0.2.1", "198.51.100.2", 65433, 80, 3), flow("198.51.100.2", "192.0.2.1", 80, 65433, 3)));
        FlowsAnswer a = answer(urlOne + "/api/v1/flows?aggregate=src_port,dst_port&sort=rate&order=desc&limit=50",
                FlowsAnswer.class);
        assertEquals(List.of(13.0, 13.0, 5.0), a.rows().stream().map(FlowRow::rateKbps).toList());
        assertEquals(List.of("192.0.2.1", "198.51.100.2", "203.0.113.3"), a.rows().stream().map(FlowRow::srcAddr).toList());
        assertNull(a.rows().get(0).srcPort(), "wildcarded");
        assertEquals(List.of("dst_port", "src_port"), List.copyOf(new java.util.TreeSet<>(a.aggregate())));
        assertEquals(Instant.parse("2026-02-10T10:37:02Z"), a.from());
        assertEquals(Instant.parse("2026-02-10T10:37:12Z"), a.to());
        assertEquals(5, a.matchedFlows());
        assertTrue(a.complete());
        String csv = csv(urlOne + "/api/v1/flows?aggregate=src_addr,src_port,dst_port&limit=1");
        assertEquals(List.of("gateway,src_addr,dst_addr,src_port,dst_port,protocol,bytes,packets,rate_kbps,flows,first_seen,last_seen",
                "spoke-a,*,198.51.100.2,*,*,tcp,22500,18,18.000,3,2026-02-10T10:37:03Z,2026-02-10T10:37:11Z"),
                List.of(csv.split("\r\n")));
    }

    @Test
    @DisplayName("flows: an unknown aggregate column, a bad CIDR, a bad sort key or order is a 400 naming it")
    void flowsBadParameters() throws Exception {
        assertBadRequest("/api/v1/flows?aggregate=src_port,colour", "aggregate");
        assertBadRequest("/api/v1/flows?src_addr=10.0.0.0/33", "src_addr");
        assertBadRequest("/api/v1/flows?dst_addr=example.com", "dst_addr");
        assertBadRequest("/api/v1/flows?sort=speed", "sort");
        assertBadRequest("/api/v1/flows?order=sideways", "order");
        assertBadRequest("/api/v1/flows?window=2m", "window");
        assertBadRequest("/api/v1/flows?limit=0", "limit");
        assertEquals(List.of(), one.calls, "nothing was queried");
    }

    @Test
    @DisplayName("the bandwidth JSON reads back into the API's record, as the CLI reads it")
    void bandwidthRecord() throws Exception {
        BandwidthAnswer parsed = answer(urlOne + "/api/v1/bandwidth?days=7", BandwidthAnswer.class);
        assertEquals(3, parsed.gateways().size());
        assertEquals(850, parsed.gateways().get(1).traffic().egressRxBytes());
    }

    @Test
    @DisplayName("the backend is asked the request as parsed, over the period resolved with the server's clock")
    void requestAsParsed() throws Exception {
        assertEquals(200, get(urlOne + "/api/v1/bandwidth?days=7&group_by=cloud").statusCode());
        assertEquals(List.of(call("bandwidth", new BandwidthRequest(LAST_WEEK, null, GroupBy.CLOUD), LAST_WEEK.resolve(NOW))),
                one.calls);
    }

    @Test
    @DisplayName("group_by adds group_by and the groups, sorted by name")
    void grouped() throws Exception {
        JsonObject body = json(get(urlOne + "/api/v1/bandwidth?days=7&group_by=cloud"));
        assertEquals("cloud", body.getString("group_by"));
        assertEquals(List.of("AWS", "Azure ARM", GroupBy.MISSING_VALUE), names(body.getJsonArray("groups"), "name"));
    }

    @Test
    @DisplayName("format=csv or Accept: text/csv answers the original script's CSV of the JSON answer")
    void bandwidthCsv() throws Exception {
        String csv = csv(urlOne + "/api/v1/bandwidth?days=7");
        assertTrue(csv.startsWith(String.join(",", BandwidthCsv.COLUMNS)), csv);
        assertEquals(BandwidthCsv.write(answer(urlOne + "/api/v1/bandwidth?days=7", BandwidthAnswer.class)), csv);
    }

    @Test
    @DisplayName("format=json wins over Accept: text/csv")
    void formatWinsOverAccept() throws Exception {
        HttpResponse<String> r = get(urlOne + "/api/v1/bandwidth?days=7&format=json", "Accept", "text/csv");
        assertEquals(200, r.statusCode());
        assertEquals("spoke_gateway_bandwidth", json(r).getString("report"));
    }

    @Test
    @DisplayName("an unknown parameter is a 400 naming it (day=30 is not days=30), and nothing is queried")
    void unknownParameter() throws Exception {
        assertBadRequest("/api/v1/bandwidth?day=30", "day");
        assertTrue(one.calls.isEmpty(), "nothing was queried: " + one.calls);
    }

    @Test
    @DisplayName("/api/v1/gateways takes no parameters: any is a 400 naming it")
    void gatewaysTakeNoParameters() throws Exception {
        assertBadRequest("/api/v1/gateways?days=3", "days");
    }

    @Test
    @DisplayName("every bad value is a 400 naming its parameter")
    void badValues() throws Exception {
        assertBadRequest("/api/v1/bandwidth?days=0", "days");
        assertBadRequest("/api/v1/bandwidth?days=7&days=8", "days");
        assertBadRequest("/api/v1/bandwidth?month=13&year=2025", "month");
        assertBadRequest("/api/v1/bandwidth?from=2026-02-01T00:00:00Z", "to");
        assertBadRequest("/api/v1/bandwidth?from=2026-02-01T00:00:00Z&to=2026-02-11T00:00:00Z", "to");
        assertBadRequest("/api/v1/bandwidth?days=7&group_by=color", "group_by");
        assertBadRequest("/api/v1/bandwidth?days=7&format=xml", "format");
        assertBadRequest("/api/v1/bandwidth?days=7&gateway=", "gateway");
        assertBadRequest("/api/v1/bandwidth/series?days=1", "gateway");
        assertBadRequest("/api/v1/bandwidth/series?days=1&gateway=spoke-a&step=2h", "step");
        assertBadRequest("/internal/v1/bandwidth/partial?from=2026-02-01T00:00:00Z&to=2026-02-02T00:00:00Z"
                + "&fine_since=2026-02-08T00:00:00Z&partitions=0,x", "partitions");
        assertTrue(one.calls.isEmpty(), "nothing was queried: " + one.calls);
    }

    @Test
    @DisplayName("a series is JSON only: format=csv is a 400 naming format")
    void seriesHasNoCsv() throws Exception {
        assertBadRequest("/api/v1/bandwidth/series?days=1&gateway=spoke-a&format=csv", "format");
    }

    @Test
    @DisplayName("a series answers JSON with a point per step asked")
    void series() throws Exception {
        JsonObject body = json(get(urlOne + "/api/v1/bandwidth/series?days=1&gateway=spoke-a&step=1d"));
        assertEquals("spoke_gateway_bandwidth_series", body.getString("report"));
        assertEquals("1d", body.getString("step"));
        assertEquals(List.of("2026-02-09T00:00:00Z", "2026-02-10T00:00:00Z"), names(body.getJsonArray("points"), "start"));
    }

    @Test
    @DisplayName("an unknown gateway is a 404 naming gateway")
    void unknownGateway() throws Exception {
        assertGatewayNotFound(urlOne + "/api/v1/bandwidth?days=1&gateway=nope");
        assertGatewayNotFound(urlOne + "/api/v1/bandwidth/series?days=1&gateway=nope");
    }

    @Test
    @DisplayName("an unknown route is a JSON 404 listing the endpoints, not an HTML page")
    void unknownRoute() throws Exception {
        JsonObject body = assertStatus(404, "not_found", get(urlOne + "/api/v2/bandwidth"));
        assertTrue(body.getString("message").contains(Endpoints.TOP_TALKERS), body.encode());
    }

    @Test
    @DisplayName("a method other than GET is a JSON 405")
    void wrongMethod() throws Exception {
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(urlOne + "/api/v1/bandwidth"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertStatus(405, "method_not_allowed", post);
    }

    @Test
    @DisplayName("while Kafka Streams cannot answer: 503 with Retry-After and retry_after_seconds, never a partial body")
    void unavailable() throws Exception {
        one.failure = new Unavailable("partitions are moving");
        HttpResponse<String> r = get(urlOne + "/api/v1/bandwidth?days=1");
        JsonObject body = assertStatus(503, "unavailable", r);
        assertEquals("2", r.headers().firstValue("Retry-After").orElse(null));
        assertEquals(2, body.getInteger("retry_after_seconds"));
        assertEquals("partitions are moving", body.getString("message"));
    }

    @Test
    @DisplayName("an unexpected exception, thrown or failing the answer, is logged and answered as a 500 JSON with a log reference, not its text")
    void internalError() throws Exception {
        one.failure = new IllegalStateException("boom in the store");
        for (String path : List.of("/api/v1/bandwidth?days=1", "/api/v1/gateways")) {
            HttpResponse<String> r = get(urlOne + path);
            JsonObject body = assertStatus(500, "internal", r);
            assertFalse(r.body().contains("boom in the store"), r.body());
            assertTrue(body.getString("message").contains(body.getString("reference")), r.body());
        }
    }

    @Test
    @DisplayName("a one-gateway query hosted elsewhere is forwarded there, marked as forwarded, and its answer relayed unchanged")
    void forwarding() throws Exception {
        one.ownedElsewhere.put("spoke-a", urlTwo);
        two.totals.put("spoke-a", new RawTotals(5, 5, 1, 1, 0));
        HttpResponse<String> viaOne = relayed("/api/v1/bandwidth?from=2026-02-09T00:00:00Z&to=2026-02-10T00:00:00Z&gateway=spoke-a");
        assertEquals(3, json(viaOne).getJsonArray("gateways").getJsonObject(0).getLong("egress_rx_bytes"), "two's totals");
        assertTrue(two.calls.get(0).endsWith(" forwarded"), two.calls.toString());
    }

    @Test
    @DisplayName("a forwarded answer is written as CSV when asked")
    void forwardedCsv() throws Exception {
        one.ownedElsewhere.put("spoke-a", urlTwo);
        String csv = csv(urlOne + "/api/v1/bandwidth?days=1&gateway=spoke-a");
        assertEquals(BandwidthCsv.write(answer(urlTwo + "/api/v1/bandwidth?days=1&gateway=spoke-a", BandwidthAnswer.class)), csv);
    }

    @Test
    @DisplayName("a request with the forwarded header reaches the backend as forwarded")
    void forwardedHeader() throws Exception {
        assertEquals(200, get(urlOne + "/api/v1/bandwidth?days=1&gateway=spoke-a", Endpoints.FORWARDED_HEADER, "1").statusCode());
        assertEquals(List.of(call("bandwidth", new BandwidthRequest(new PeriodRequest.LastDays(1), "spoke-a", null),
                new PeriodRequest.LastDays(1).resolve(NOW)) + " forwarded"), one.calls);
    }

    @Test
    @DisplayName("a forwarded request is never forwarded again: ownership moving in between is a 503")
    void noForwardingLoops() throws Exception {
        one.ownedElsewhere.put("spoke-a", urlTwo);
        two.ownedElsewhere.put("spoke-a", urlOne);
        HttpResponse<String> r = get(urlOne + "/api/v1/bandwidth?days=1&gateway=spoke-a");
        assertStatus(503, "unavailable", r);
        assertEquals("2", r.headers().firstValue("Retry-After").orElse(null));
    }

    @Test
    @DisplayName("an owner that does not answer is a 503, not a 500")
    void ownerGone() throws Exception {
        one.ownedElsewhere.put("spoke-a", "http://127.0.0.1:1");
        assertStatus(503, "unavailable", get(urlOne + "/api/v1/bandwidth?days=1&gateway=spoke-a"));
    }

    @Test
    @DisplayName("the owner's 404 is relayed as a 404 naming gateway")
    void ownerNotFound() throws Exception {
        one.ownedElsewhere.put("nope", urlTwo);
        assertGatewayNotFound(urlOne + "/api/v1/bandwidth/series?days=1&gateway=nope");
        assertTrue(two.calls.get(0).endsWith(" forwarded"), "two answered: " + two.calls);
    }

    @Test
    @DisplayName("/health is UP with the drop counters, and /ready is 200, while Kafka Streams is RUNNING")
    void healthAndReady() throws Exception {
        JsonObject health = json(get(urlOne + "/health"));
        assertEquals("UP", health.getString("status"));
        assertEquals("RUNNING", health.getString("streams_state"));
        assertEquals(3, health.getJsonObject("dropped").getLong("duplicate_snapshots"));
        assertEquals(200, get(urlOne + "/ready").statusCode());
    }

    @Test
    @DisplayName("while Kafka Streams rebalances, /health is a 200 DEGRADED and /ready is a 503 with Retry-After")
    void rebalancing() throws Exception {
        one.state = "REBALANCING";
        HttpResponse<String> health = get(urlOne + "/health");
        assertEquals(200, health.statusCode());
        assertEquals("DEGRADED", json(health).getString("status"));
        HttpResponse<String> ready = get(urlOne + "/ready");
        assertStatus(503, "unavailable", ready);
        assertTrue(ready.headers().firstValue("Retry-After").isPresent());
    }

    @Test
    @DisplayName("once Kafka Streams died, /health is a 503 DOWN")
    void dead() throws Exception {
        one.state = "ERROR";
        HttpResponse<String> dead = get(urlOne + "/health");
        assertEquals(503, dead.statusCode());
        assertEquals("DOWN", json(dead).getString("status"));
    }

    @Test
    @DisplayName("while Kafka does not answer, /health is a 200 DEGRADED saying since when (with the lag and Kafka Streams' dropped records), and /ready a 503 saying why")
    void kafkaUnreachable() throws Exception {
        InstanceHealth away = new InstanceHealth() {
            @Override
            public KafkaReach kafka() {
                return new KafkaReach(false, 42, "Timed out waiting for a node assignment");
            }

            @Override
            public Long processingLagRecords() {
                return 17L;
            }

            @Override
            public Long droppedRecords() {
                return 5L;
            }
        };
        HttpServer server = vertx.createHttpServer().requestHandler(RestApi.router(vertx, one, away, CLOCK))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            String url = "http://127.0.0.1:" + server.actualPort();
            HttpResponse<String> health = get(url + "/health");
            assertEquals(200, health.statusCode());
            JsonObject body = json(health);
            assertEquals("DEGRADED", body.getString("status"));
            assertEquals(false, body.getJsonObject("kafka").getBoolean("reachable"));
            assertEquals(42, body.getJsonObject("kafka").getLong("seconds_since_contact"));
            assertEquals(17, body.getLong("processing_lag_records"));
            assertEquals(5, body.getJsonObject("dropped").getLong("kafka_streams_dropped_records"), "Kafka Streams' own");
            assertEquals(3, body.getJsonObject("dropped").getLong("duplicate_snapshots"), "beside the topology's");
            HttpResponse<String> ready = get(url + "/ready");
            assertStatus(503, "unavailable", ready);
            assertTrue(json(ready).getString("message").startsWith("Kafka has not answered for 42 s"), ready.body());
        } finally {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("/api/v1/gateways lists the inventory with gw_type and observed_at")
    void gateways() throws Exception {
        JsonObject body = json(get(urlOne + "/api/v1/gateways"));
        JsonObject a = body.getJsonArray("gateways").getJsonObject(0);
        assertEquals("spoke-a", a.getString("gateway"));
        assertEquals("spoke", a.getString("gw_type"));
        assertEquals("2026-02-01T00:00:00Z", a.getString("observed_at"));
        assertEquals(List.of("tun-1", "tun-2"), a.getJsonArray("tunnel_interfaces").getList());
    }

    @Test
    @DisplayName("the internal partial endpoint rebuilds the sender's plan from from, to and fine_since")
    void partial() throws Exception {
        BandwidthPartial answer = answer(urlOne + "/internal/v1/bandwidth/partial?from=2026-02-09T00:00:00Z"
                + "&to=2026-02-10T00:00:00Z&fine_since=2026-02-08T11:37:12Z&partitions=3,0", BandwidthPartial.class);
        assertEquals(List.of("bandwidthPartial " + new BandwidthPartialRequest(Instant.parse("2026-02-09T00:00:00Z"),
                Instant.parse("2026-02-10T00:00:00Z"), Instant.parse("2026-02-08T11:37:12Z"), Set.of(0, 3))), one.calls);
        assertEquals(Set.of(0, 3), answer.partitions());
        assertEquals(one.totals, new TreeMap<>(answer.gateways().entrySet().stream().filter(e -> e.getValue().windows())
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().totals()))));
    }

    @Test
    @DisplayName("top talkers answer the design's global JSON: period, FlowIQ link, destinations and sources merged over all spokes")
    void topTalkersGlobal() throws Exception {
        HttpResponse<String> r = get(urlOne + "/api/v1/top-talkers?days=7&top=2");
        assertEquals(200, r.statusCode(), r.body());
        JsonObject body = json(r);
        assertEquals(List.of("report", "mode", "period_start", "period_end", "period_days", "copilot_flowiq_url",
                "destinations", "sources", "top", "requested_start", "requested_end", "resolution", "complete"),
                List.copyOf(body.fieldNames()), "the period moved onto the hour grid, and the table backend has no progress marks");
        assertEquals("flowiq_top_talkers", body.getString("report"));
        assertEquals("global", body.getString("mode"));
        assertEquals(7, body.getInteger("period_days"));
        assertEquals("2026-02-03T11:00:00Z", body.getString("period_start"), "edges move out onto the hour grid");
        assertEquals("2026-02-10T11:00:00Z", body.getString("period_end"));
        assertEquals(FLOWIQ, body.getString("copilot_flowiq_url"));
        JsonArray destinations = body.getJsonArray("destinations");
        assertEquals(List.of("23.185.0.3", "47.91.64.21"), ips(destinations), "spoke-a's and spoke-b's bytes summed per IP");
        JsonObject first = destinations.getJsonObject(0);
        assertEquals(List.of("rank", "ip", "bytes", "human_readable", "is_cgnat", "flowiq_filter", "copilot_url"),
                List.copyOf(first.fieldNames()));
        assertEquals(1, first.getInteger("rank"));
        assertEquals(5_000_000_000L, first.getLong("bytes"));
        assertEquals("4.66 GB", first.getString("human_readable"));
        assertEquals(false, first.getBoolean("is_cgnat"));
        assertEquals("23.185.0.3", first.getString("flowiq_filter"));
        assertEquals(FLOWIQ, first.getString("copilot_url"));
        assertEquals(3_000_000_700L, destinations.getJsonObject(1).getLong("bytes"));
        assertEquals(List.of("10.2.2.100", "10.9.9.9"), ips(body.getJsonArray("sources")));
        assertEquals(2, body.getInteger("top"));
        assertEquals(List.of(call("topTalkers", new TopTalkersRequest(LAST_WEEK, 2, null, false, null), LAST_WEEK.resolve(NOW))),
                one.calls);
    }

    @Test
    @DisplayName("per_spoke=true lists every spoke with the gateway and seven attributes, its destinations and sources")
    void topTalkersPerSpoke() throws Exception {
        JsonObject body = json(get(urlOne + "/api/v1/top-talkers?days=7&per_spoke=true"));
        assertEquals("per_spoke", body.getString("mode"));
        assertEquals(List.of("report", "mode", "period_start", "period_end", "period_days", "copilot_flowiq_url",
                "gateways", "top", "requested_start", "requested_end", "resolution", "complete"), List.copyOf(body.fieldNames()));
        JsonArray gateways = body.getJsonArray("gateways");
        assertEquals(List.of("orphan", "spoke-a", "spoke-b"), names(gateways, "gateway"));
        JsonObject a = gateways.getJsonObject(1);
        assertEquals(List.of("gateway", "account_name", "vpc_name", "vpc_id", "vpc_region", "vendor_name", "transit_gw_name",
                "group_name", "destinations", "sources"), List.copyOf(a.fieldNames()));
        assertEquals(List.of("23.185.0.3", "100.64.1.1", "47.91.64.21"), ips(a.getJsonArray("destinations")));
        assertEquals(true, a.getJsonArray("destinations").getJsonObject(1).getBoolean("is_cgnat"), "100.64/10 is CGNAT");
        assertTrue(gateways.getJsonObject(2).getJsonArray("sources").isEmpty(), "spoke-b has no sources");
        assertNull(gateways.getJsonObject(0).getString("vendor_name"), "no inventory → null attributes");
    }

    @Test
    @DisplayName("group_by adds each group's ranking, merged from its members' tables, to the global answer")
    void topTalkersGrouped() throws Exception {
        JsonObject body = json(get(urlOne + "/api/v1/top-talkers?days=7&group_by=cloud"));
        assertEquals("global", body.getString("mode"));
        assertEquals("cloud", body.getString("group_by"));
        JsonArray groups = body.getJsonArray("groups");
        assertEquals(List.of("AWS", "Azure ARM", "unknown"), names(groups, "name"));
        JsonObject aws = groups.getJsonObject(0);
        assertEquals(List.of("name", "spokes", "gateways", "destinations", "sources"), List.copyOf(aws.fieldNames()));
        assertEquals(List.of("spoke-a"), aws.getJsonArray("gateways").getList());
        assertEquals(List.of("23.185.0.3", "100.64.1.1", "47.91.64.21"), ips(aws.getJsonArray("destinations")));
        assertEquals(List.of("10.9.9.9"), ips(groups.getJsonObject(2).getJsonArray("sources")));
    }

    @Test
    @DisplayName("group_by adds the same groups to the per-spoke answer")
    void topTalkersPerSpokeGrouped() throws Exception {
        JsonArray global = json(get(urlOne + "/api/v1/top-talkers?days=7&group_by=cloud")).getJsonArray("groups");
        JsonObject perSpoke = json(get(urlOne + "/api/v1/top-talkers?days=7&per_spoke=true&group_by=cloud"));
        assertEquals("per_spoke", perSpoke.getString("mode"));
        assertEquals(global, perSpoke.getJsonArray("groups"));
        assertEquals(3, perSpoke.getJsonArray("gateways").size());
    }

    @Test
    @DisplayName("an approximate ranking says so, with its error bound; exact answers carry no such fields")
    void topTalkersApproximate() throws Exception {
        one.talkerTables.put("spoke-b|EXTERNAL", TalkerTable.empty(2).add("1.0.0.1", 100, false).add("1.0.0.2", 50, false)
                .add("1.0.0.3", 10, false));
        JsonObject body = json(get(urlOne + "/api/v1/top-talkers?days=7"));
        assertEquals(true, body.getBoolean("approximate"));
        assertEquals(50, body.getLong("error_bound_bytes"));
        assertNull(body.getValue("truncated_input"));
        assertNull(json(get(urlTwo + "/api/v1/top-talkers?days=7")).getValue("approximate"));
    }

    @Test
    @DisplayName("bad top-talkers parameters are a 400 naming the parameter")
    void topTalkersBadValues() throws Exception {
        assertBadRequest("/api/v1/top-talkers?top=0", "top");
        assertBadRequest("/api/v1/top-talkers?top=1001", "top");
        assertBadRequest("/api/v1/top-talkers?top=ten", "top");
        assertBadRequest("/api/v1/top-talkers?per_spoke=yes", "per_spoke");
        assertBadRequest("/api/v1/top-talkers?group_by=color", "group_by");
        assertBadRequest("/api/v1/top-talkers?days=7&month=1", "month");
        assertBadRequest("/api/v1/top-talkers?gateway=", "gateway");
        assertBadRequest("/api/v1/top-talkers?perspoke=true", "perspoke");
        assertBadRequest("/api/v1/top-talkers?format=xml", "format");
        assertTrue(one.calls.isEmpty(), "nothing was queried: " + one.calls);
    }

    @Test
    @DisplayName("top talkers of an unknown gateway are a 404 naming gateway")
    void topTalkersUnknownGateway() throws Exception {
        assertGatewayNotFound(urlOne + "/api/v1/top-talkers?days=7&gateway=nope");
    }

    @Test
    @DisplayName("top talkers of a known gateway are its own talkers only")
    void topTalkersOneGateway() throws Exception {
        JsonObject body = json(get(urlOne + "/api/v1/top-talkers?days=7&gateway=spoke-b"));
        assertEquals(List.of("47.91.64.21", "8.8.8.8"), ips(body.getJsonArray("destinations")));
        assertEquals(3_000_000_000L, body.getJsonArray("destinations").getJsonObject(0).getLong("bytes"));
        assertTrue(body.getJsonArray("sources").isEmpty());
    }

    @Test
    @DisplayName("a one-gateway top-talkers query goes to the owner of the gateway's talkers partition, not of its bandwidth")
    void topTalkersForwarding() throws Exception {
        one.talkersOwnedElsewhere.put("spoke-a", urlTwo);
        one.ownedElsewhere.put("spoke-a", "http://127.0.0.1:1"); // the bandwidth owner must not be asked
        two.talkerTables.put("spoke-a|INTERNAL", table("10.1.1.1", 77));
        HttpResponse<String> viaOne = relayed("/api/v1/top-talkers?days=7&gateway=spoke-a&per_spoke=true");
        assertEquals(List.of("10.1.1.1"), ips(json(viaOne).getJsonArray("gateways").getJsonObject(0).getJsonArray("sources")));
    }

    @Test
    @DisplayName("the internal talkers endpoint rebuilds the sender's plan and answers merged tables that survive JSON")
    void talkersPartial() throws Exception {
        TalkersPartial partial = answer(urlOne + "/internal/v1/talkers/partial?from=2026-02-03T11:00:00Z"
                + "&to=2026-02-10T11:00:00Z&hourly_since=2026-01-06T11:37:12Z&partitions=4,1&top=3&per_spoke=false",
                TalkersPartial.class);
        assertEquals(List.of("talkersPartial " + new TalkersPartialRequest(Instant.parse("2026-02-03T11:00:00Z"),
                Instant.parse("2026-02-10T11:00:00Z"), Instant.parse("2026-01-06T11:37:12Z"), Set.of(1, 4), 3, false, null,
                TalkerSource.FLOWIQ, null)),
                one.calls);
        assertEquals(Set.of(1, 4), partial.partitions());
        assertEquals(Set.of(TalkersPartial.ALL), partial.groups().keySet());
        assertEquals(5_000_000_000L + 2048 + 700 + 3_000_000_000L + 10,
                partial.groups().get(TalkersPartial.ALL).external().totalBytes());
    }

    @Test
    @DisplayName("the internal talkers endpoint needs hourly_since: without it, a 400 naming it")
    void talkersPartialNeedsHourlySince() throws Exception {
        assertBadRequest("/internal/v1/talkers/partial?from=2026-02-03T11:00:00Z&to=2026-02-10T11:00:00Z&partitions=1",
                "hourly_since");
    }

    @Test
    @DisplayName("top talkers: format=csv or Accept: text/csv is the original script's CSV of the JSON answer, global or per spoke")
    void topTalkersCsv() throws Exception {
        for (String q : List.of("days=7&top=2", "days=7&per_spoke=true&group_by=cloud")) {
            String url = urlOne + "/api/v1/top-talkers?" + q;
            assertEquals(TopTalkersCsv.write(answer(url, TopTalkersAnswer.class)), csv(url), q);
        }
    }

    @Test
    @DisplayName("top talkers: the JSON reads back into the API's record, as the CLI reads it, and its CSV rows are the script's")
    void topTalkersRecord() throws Exception {
        TopTalkersAnswer global = answer(urlOne + "/api/v1/top-talkers?days=7&top=2", TopTalkersAnswer.class);
        assertEquals(2, global.top());
        assertEquals(FLOWIQ, global.copilotFlowiqUrl());
        String csv = csv(urlOne + "/api/v1/top-talkers?days=7&top=2");
        assertTrue(csv.startsWith(String.join(",", TopTalkersCsv.GLOBAL_COLUMNS) + "\r\n"), csv);
        assertTrue(csv.contains("destination,1,23.185.0.3,5000000000,4.66 GB,False,23.185.0.3," + FLOWIQ), csv);
    }
}
