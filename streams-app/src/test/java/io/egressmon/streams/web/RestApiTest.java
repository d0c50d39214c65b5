package io.egressmon.streams.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.report.BandwidthCsv;
import io.egressmon.report.BandwidthReport;
import io.egressmon.report.GroupBy;
import io.egressmon.report.talkers.TalkersReport;
import io.egressmon.report.talkers.TopTalkersCsv;
import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.streams.query.BandwidthAnswer;
import io.egressmon.streams.query.GatewayInfo;
import io.egressmon.streams.query.NotFound;
import io.egressmon.streams.query.PartialAnswer;
import io.egressmon.streams.query.Period;
import io.egressmon.streams.query.PeriodPlan;
import io.egressmon.streams.query.QueryBackend;
import io.egressmon.streams.query.SeriesAnswer;
import io.egressmon.streams.query.Step;
import io.egressmon.streams.query.TalkerPlan;
import io.egressmon.streams.query.TalkersAnswer;
import io.egressmon.streams.query.TalkersPartial;
import io.egressmon.streams.query.TalkersQuery;
import io.egressmon.streams.talkers.TalkerTable;
import io.egressmon.streams.talkers.TalkersTopology;
import io.egressmon.streams.query.Unavailable;
import io.vertx.core.Future;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
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
    private static final int TALKER_CAPACITY = 100;
    private static final String FLOWIQ = "https://cplt.example.com/monitor/flow-iq/flowiq/overview";

    private static Vertx vertx;
    private static TableBackend one;
    private static TableBackend two;
    private static String urlOne;
    private static String urlTwo;

    /** Answers from fixed totals; tests set who owns which gateway and what fails. */
    static final class TableBackend implements QueryBackend {
        String state = "RUNNING";
        Map<String, RawTotals> totals = new TreeMap<>();
        Map<String, GatewayInfo> inventory = new TreeMap<>();
        Map<String, String> ownedElsewhere = new TreeMap<>();
        RuntimeException failure;
        final List<String> calls = new ArrayList<>();

        @Override
        public String streamsState() {
            return state;
        }

        @Override
        public boolean running() {
            return state.equals("RUNNING");
        }

        @Override
        public Map<String, Long> dropped() {
            Map<String, Long> m = new LinkedHashMap<>();
            m.put("duplicate_snapshots", 3L);
            m.put("kafka_streams_dropped_records", 1L);
            return m;
        }

        @Override
        public Future<List<GatewayInfo>> gateways() {
            return failure != null ? Future.failedFuture(failure) : Future.succeededFuture(List.copyOf(inventory.values()));
        }

        @Override
        public Optional<String> ownerElsewhere(String gateway) {
            return Optional.ofNullable(ownedElsewhere.get(gateway));
        }

        @Override
        public Future<BandwidthAnswer> bandwidth(Period period, String gateway, GroupBy groupBy) {
            calls.add("bandwidth " + period + " " + gateway + " " + groupBy);
            if (failure != null) {
                throw failure;
            }
            PeriodPlan plan = PeriodPlan.of(period.start(), period.end(), PeriodPlan.fineSince(NOW));
            return Future.succeededFuture(BandwidthAnswer.assemble(plan, period.days(), totals, inventory, gateway, groupBy));
        }

        @Override
        public Future<SeriesAnswer> series(Period period, String gateway, Step step) {
            calls.add("series " + gateway + " " + step);
            return Future.failedFuture(new NotFound("gateway", "unknown gateway '" + gateway + "'"));
        }

        @Override
        public Future<PartialAnswer> partial(PeriodPlan plan, Set<Integer> partitions) {
            calls.add("partial " + plan.start() + " " + plan.end() + " " + partitions);
            return Future.succeededFuture(new PartialAnswer("one", partitions, totals));
        }

        /** Talker tables by store key (gateway|ROLE), all in the daily window of {@link #TALKER_DAY}. */
        Map<String, TalkerTable> talkerTables = new TreeMap<>();
        Map<String, String> talkersOwnedElsewhere = new TreeMap<>();

        private void talkerWindows(String store, Instant from, Instant to, BiConsumer<String, TalkerTable> sink) {
            if (store.equals(TalkersTopology.STORE_1D) && !TALKER_DAY.isBefore(from) && TALKER_DAY.isBefore(to)) {
                talkerTables.forEach(sink);
            }
        }

        @Override
        public Optional<String> talkersOwnerElsewhere(String gateway) {
            return Optional.ofNullable(talkersOwnedElsewhere.get(gateway));
        }

        @Override
        public Future<TalkersAnswer> topTalkers(TalkersQuery query) {
            calls.add("topTalkers " + query);
            if (failure != null) {
                throw failure;
            }
            TalkerPlan plan = TalkerPlan.of(query.period().start(), query.period().end(), TalkerPlan.hourlySince(NOW));
            TalkersPartial mine = TalkersPartial.collect("one", Set.of(0), plan, this::talkerWindows, query.gateway(),
                    TalkersPartial.grouping(query.perSpoke(), query.groupBy(), inventory), query.perSpoke(), query.top(),
                    TALKER_CAPACITY);
            return Future.succeededFuture(TalkersAnswer.assemble(query, plan, TALKER_CAPACITY, List.of(mine), inventory));
        }

        @Override
        public Future<TalkersPartial> talkersPartial(TalkerPlan plan, Set<Integer> partitions, int top, boolean perSpoke,
                                                     GroupBy groupBy) {
            calls.add("talkersPartial " + plan.start() + " " + plan.end() + " " + partitions + " " + top + " " + perSpoke
                    + " " + groupBy);
            return Future.succeededFuture(TalkersPartial.collect("one", partitions, plan, this::talkerWindows, null,
                    TalkersPartial.grouping(perSpoke, groupBy, inventory), perSpoke, top, TALKER_CAPACITY));
        }
    }

    @BeforeAll
    static void startServers() throws Exception {
        vertx = Vertx.vertx();
        one = new TableBackend();
        two = new TableBackend();
        urlOne = "http://127.0.0.1:" + listen(one).actualPort();
        urlTwo = "http://127.0.0.1:" + listen(two).actualPort();
    }

    private static HttpServer listen(QueryBackend backend) throws Exception {
        return vertx.createHttpServer().requestHandler(RestApi.router(vertx, backend, CLOCK, FLOWIQ)).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void reset() {
        for (TableBackend b : List.of(one, two)) {
            b.state = "RUNNING";
            b.failure = null;
            b.ownedElsewhere.clear();
            b.calls.clear();
            b.inventory.clear();
            b.totals.clear();
            b.inventory.put("spoke-a", gateway("spoke-a", "AWS"));
            b.inventory.put("spoke-b", gateway("spoke-b", "Azure ARM"));
            b.totals.put("spoke-a", new RawTotals(1000, 900, 100, 50, 1));
            b.totals.put("orphan", new RawTotals(10, 10, 0, 0, 0));
            b.talkersOwnedElsewhere.clear();
            b.talkerTables.clear();
            b.talkerTables.put("spoke-a|EXTERNAL", table("23.185.0.3", 5_000_000_000L, "100.64.1.1", 2048, "47.91.64.21", 700));
            b.talkerTables.put("spoke-a|INTERNAL", table("10.2.2.100", 4_000_000_000L));
            b.talkerTables.put("spoke-b|EXTERNAL", table("47.91.64.21", 3_000_000_000L, "8.8.8.8", 10));
            b.talkerTables.put("orphan|INTERNAL", table("10.9.9.9", 123));
        }
    }

    /** An exact table of (ip, bytes) pairs. */
    private static TalkerTable table(Object... ipBytes) {
        TalkerTable t = TalkerTable.empty(TALKER_CAPACITY);
        for (int i = 0; i < ipBytes.length; i += 2) {
            t = t.add((String) ipBytes[i], ((Number) ipBytes[i + 1]).longValue(), false);
        }
        return t;
    }

    private static List<String> ips(JsonArray rows) {
        return rows.stream().map(r -> ((JsonObject) r).getString("ip")).toList();
    }

    private static GatewayInfo gateway(String name, String cloud) {
        return new GatewayInfo(name, "spoke", "acct-1", "vpc-" + name, "vpc-0abc~~vpc-" + name, "us-east-1", cloud,
                "transit-1", "grp", List.of("tun-1", "tun-2"), Instant.parse("2026-02-01T00:00:00Z"));
    }

    private static HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                "JSON content type: " + response.headers().map());
        return new JsonObject(response.body());
    }

    private static void assertBadRequest(String pathAndQuery, String parameter) throws Exception {
        HttpResponse<String> r = get(urlOne + pathAndQuery);
        assertEquals(400, r.statusCode(), r.body());
        JsonObject body = json(r);
        assertEquals("bad_request", body.getString("error"));
        assertEquals(parameter, body.getString("parameter"), r.body());
        assertTrue(body.getString("message").length() > 10, r.body());
    }

    @Test
    @DisplayName("answers the design's JSON: period, spokes sorted by name with attributes and raw counters, and the aggregate")
    void bandwidthJson() throws Exception {
        HttpResponse<String> r = get(urlOne + "/api/v1/bandwidth?from=2026-02-09T00:00:00Z&to=2026-02-10T00:00:00Z");
        assertEquals(200, r.statusCode(), r.body());
        JsonObject body = json(r);
        assertEquals(List.of("report", "method", "period_start", "period_end", "period_days", "gateways", "aggregate"),
                List.copyOf(body.fieldNames()));
        assertEquals("spoke_gateway_bandwidth", body.getString("report"));
        assertEquals("2026-02-09T00:00:00Z", body.getString("period_start"));
        assertEquals(1, body.getInteger("period_days"));
        JsonArray gateways = body.getJsonArray("gateways");
        assertEquals(List.of("orphan", "spoke-a", "spoke-b"),
                gateways.stream().map(g -> ((JsonObject) g).getString("gateway")).toList());
        JsonObject a = gateways.getJsonObject(1);
        assertEquals(List.of("gateway", "account_name", "vpc_name", "vpc_id", "vpc_region", "vendor_name", "transit_gw_name",
                "group_name", "tunnel_interfaces", "internal_rx_bytes", "internal_tx_bytes", "egress_rx_bytes",
                "egress_tx_bytes", "eth0_rx_bytes", "eth0_tx_bytes", "tunnel_rx_bytes", "tunnel_tx_bytes", "resets"),
                List.copyOf(a.fieldNames()));
        assertEquals(850, a.getLong("egress_rx_bytes"));
        assertEquals(750, a.getLong("egress_tx_bytes"));
        assertEquals(1, a.getInteger("resets"));
        assertNull(gateways.getJsonObject(0).getString("account_name"), "no inventory → null attributes");
        assertEquals(3, body.getJsonObject("aggregate").getInteger("spokes"));
        assertEquals(850 + 10, body.getJsonObject("aggregate").getLong("egress_rx_bytes"));

        BandwidthReport parsed = BandwidthReport.fromApiJson(r.body());
        assertEquals(3, parsed.gateways().size(), "the CLI's reader understands the body");
        assertEquals(850, parsed.gateways().get(1).egressRxBytes());
    }

    @Test
    @DisplayName("group_by adds group_by and the groups, sorted by name")
    void grouped() throws Exception {
        JsonObject body = json(get(urlOne + "/api/v1/bandwidth?days=7&group_by=cloud"));
        assertEquals("cloud", body.getString("group_by"));
        List<String> names = body.getJsonArray("groups").stream().map(g -> ((JsonObject) g).getString("name")).toList();
        assertEquals(List.of("AWS", "Azure ARM", GroupBy.MISSING_VALUE), names);
        assertEquals(one.calls.get(0), "bandwidth " + Period.lastDays(7, NOW) + " null CLOUD");
    }

    @Test
    @DisplayName("format=csv or Accept: text/csv answers the seed's CSV")
    void csv() throws Exception {
        HttpResponse<String> byParam = get(urlOne + "/api/v1/bandwidth?days=7&format=csv");
        HttpResponse<String> byHeader = get(urlOne + "/api/v1/bandwidth?days=7", "Accept", "text/csv");
        assertEquals(200, byParam.statusCode(), byParam.body());
        assertTrue(byParam.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertEquals(byParam.body(), byHeader.body());
        assertTrue(byParam.body().startsWith(String.join(",", BandwidthCsv.COLUMNS)), byParam.body());
        BandwidthReport report = BandwidthReport.fromApiJson(get(urlOne + "/api/v1/bandwidth?days=7").body());
        assertEquals(BandwidthCsv.write(report), byParam.body());
        assertEquals(200, get(urlOne + "/api/v1/bandwidth?days=7&format=json", "Accept", "text/csv").statusCode());
    }

    @Test
    @DisplayName("an unknown parameter is refused by name, with the likely one suggested (day=30 is not days=30)")
    void unknownParameter() throws Exception {
        HttpResponse<String> r = get(urlOne + "/api/v1/bandwidth?day=30");
        assertEquals(400, r.statusCode());
        JsonObject body = json(r);
        assertEquals("day", body.getString("parameter"));
        assertTrue(body.getString("message").contains("did you mean 'days'"), body.getString("message"));
        assertTrue(one.calls.isEmpty(), "nothing was queried");
        assertBadRequest("/api/v1/gateways?days=3", "days");
    }

    @Test
    @DisplayName("every bad value is a 400 naming its parameter")
    void badValues() throws Exception {
        assertBadRequest("/api/v1/bandwidth?days=0", "days");
        assertBadRequest("/api/v1/bandwidth?days=7&days=8", "days");
        assertBadRequest("/api/v1/bandwidth?month=13&year=2025", "month");
        assertBadRequest("/api/v1/bandwidth?from=2026-02-01T00:00:00Z", "to");
        assertBadRequest("/api/v1/bandwidth?days=7&group_by=color", "group_by");
        assertBadRequest("/api/v1/bandwidth?days=7&format=xml", "format");
        assertBadRequest("/api/v1/bandwidth?days=7&gateway=", "gateway");
        assertBadRequest("/api/v1/bandwidth/series?days=1", "gateway");
        assertBadRequest("/api/v1/bandwidth/series?days=1&gateway=spoke-a&step=2h", "step");
        assertBadRequest("/api/v1/bandwidth/series?days=1&gateway=spoke-a&format=csv", "format");
        assertBadRequest("/internal/v1/bandwidth/partial?from=2026-02-01T00:00:00Z&to=2026-02-02T00:00:00Z"
                + "&fine_since=2026-02-08T00:00:00Z&partitions=0,x", "partitions");
    }

    @Test
    @DisplayName("an unknown gateway is a 404 naming gateway")
    void unknownGateway() throws Exception {
        for (String path : List.of("/api/v1/bandwidth?days=1&gateway=nope", "/api/v1/bandwidth/series?days=1&gateway=nope")) {
            HttpResponse<String> r = get(urlOne + path);
            assertEquals(404, r.statusCode(), r.body());
            assertEquals("gateway", json(r).getString("parameter"));
            assertEquals("not_found", json(r).getString("error"));
        }
    }

    @Test
    @DisplayName("unknown routes and methods answer JSON, not an HTML page")
    void unknownRoutes() throws Exception {
        HttpResponse<String> r = get(urlOne + "/api/v2/bandwidth");
        assertEquals(404, r.statusCode());
        assertEquals("not_found", json(r).getString("error"));
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(urlOne + "/api/v1/bandwidth"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("method_not_allowed", json(post).getString("error"));
    }

    @Test
    @DisplayName("while Kafka Streams cannot answer: 503 with Retry-After and retry_after_seconds, never a partial body")
    void unavailable() throws Exception {
        one.failure = new Unavailable("partitions are moving");
        HttpResponse<String> r = get(urlOne + "/api/v1/bandwidth?days=1");
        assertEquals(503, r.statusCode());
        assertEquals("2", r.headers().firstValue("Retry-After").orElse(null));
        JsonObject body = json(r);
        assertEquals("unavailable", body.getString("error"));
        assertEquals(2, body.getInteger("retry_after_seconds"));
        assertEquals("partitions are moving", body.getString("message"));
    }

    @Test
    @DisplayName("an unexpected exception is logged and answered as a 500 JSON with a log reference, not its text")
    void internalError() throws Exception {
        one.failure = new IllegalStateException("boom in the store");
        for (String path : List.of("/api/v1/bandwidth?days=1", "/api/v1/gateways")) {
            HttpResponse<String> r = get(urlOne + path);
            assertEquals(500, r.statusCode());
            assertEquals("internal", json(r).getString("error"));
            assertFalse(r.body().contains("boom in the store"), r.body());
            assertTrue(json(r).getString("message").contains(json(r).getString("reference")), r.body());
        }
    }

    @Test
    @DisplayName("a one-gateway query hosted elsewhere is forwarded there and its answer relayed unchanged")
    void forwarding() throws Exception {
        one.ownedElsewhere.put("spoke-a", urlTwo);
        two.totals.put("spoke-a", new RawTotals(5, 5, 1, 1, 0));
        String path = "/api/v1/bandwidth?from=2026-02-09T00:00:00Z&to=2026-02-10T00:00:00Z&gateway=spoke-a";
        HttpResponse<String> viaOne = get(urlOne + path);
        HttpResponse<String> direct = get(urlTwo + path);
        assertEquals(200, viaOne.statusCode(), viaOne.body());
        assertEquals(direct.body(), viaOne.body());
        assertEquals(3, json(viaOne).getJsonArray("gateways").getJsonObject(0).getLong("egress_rx_bytes"));
        assertTrue(one.calls.isEmpty(), "instance one did not answer itself: " + one.calls);

        HttpResponse<String> csv = get(urlOne + path + "&format=csv");
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    }

    @Test
    @DisplayName("a forwarded request is never forwarded again: ownership moving in between is a 503")
    void noForwardingLoops() throws Exception {
        one.ownedElsewhere.put("spoke-a", urlTwo);
        two.ownedElsewhere.put("spoke-a", urlOne);
        HttpResponse<String> r = get(urlOne + "/api/v1/bandwidth?days=1&gateway=spoke-a");
        assertEquals(503, r.statusCode(), r.body());
        assertEquals("2", r.headers().firstValue("Retry-After").orElse(null));
    }

    @Test
    @DisplayName("an owner that does not answer is a 503, not a 500")
    void ownerGone() throws Exception {
        one.ownedElsewhere.put("spoke-a", "http://127.0.0.1:1");
        HttpResponse<String> r = get(urlOne + "/api/v1/bandwidth?days=1&gateway=spoke-a");
        assertEquals(503, r.statusCode(), r.body());
    }

    @Test
    @DisplayName("/health is UP with the drop counters unless Kafka Streams died; /ready is 200 only when RUNNING")
    void healthAndReady() throws Exception {
        JsonObject health = json(get(urlOne + "/health"));
        assertEquals("UP", health.getString("status"));
        assertEquals("RUNNING", health.getString("streams_state"));
        assertEquals(3, health.getJsonObject("dropped").getLong("duplicate_snapshots"));
        assertEquals(200, get(urlOne + "/ready").statusCode());

        one.state = "REBALANCING";
        assertEquals(200, get(urlOne + "/health").statusCode());
        HttpResponse<String> ready = get(urlOne + "/ready");
        assertEquals(503, ready.statusCode());
        assertTrue(ready.headers().firstValue("Retry-After").isPresent());

        one.state = "ERROR";
        HttpResponse<String> dead = get(urlOne + "/health");
        assertEquals(503, dead.statusCode());
        assertEquals("DOWN", json(dead).getString("status"));
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
        HttpResponse<String> r = get(urlOne + "/internal/v1/bandwidth/partial?from=2026-02-09T00:00:00Z"
                + "&to=2026-02-10T00:00:00Z&fine_since=2026-02-08T11:37:12Z&partitions=3,0");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(List.of("partial 2026-02-09T00:00:00Z 2026-02-10T00:00:00Z [0, 3]"), one.calls);
        PartialAnswer answer = PartialAnswer.fromJson(new JsonObject(r.body()));
        assertEquals(Set.of(0, 3), answer.partitions());
        assertEquals(one.totals, new TreeMap<>(answer.totals()));
    }

    @Test
    @DisplayName("top talkers answer the design's global JSON: period, FlowIQ link, destinations and sources merged over all spokes")
    void topTalkersGlobal() throws Exception {
        HttpResponse<String> r = get(urlOne + "/api/v1/top-talkers?days=7&top=2");
        assertEquals(200, r.statusCode(), r.body());
        JsonObject body = json(r);
        assertEquals(List.of("report", "mode", "period_start", "period_end", "period_days", "copilot_flowiq_url",
                "destinations", "sources", "top"), List.copyOf(body.fieldNames()));
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
        assertEquals(List.of("topTalkers " + new TalkersQuery(Period.lastDays(7, NOW), 2, null, false, null)), one.calls);
    }

    @Test
    @DisplayName("per_spoke=true lists every spoke with the gateway and seven attributes, its destinations and sources")
    void topTalkersPerSpoke() throws Exception {
        JsonObject body = json(get(urlOne + "/api/v1/top-talkers?days=7&per_spoke=true"));
        assertEquals("per_spoke", body.getString("mode"));
        assertEquals(List.of("report", "mode", "period_start", "period_end", "period_days", "copilot_flowiq_url",
                "gateways", "top"), List.copyOf(body.fieldNames()));
        JsonArray gateways = body.getJsonArray("gateways");
        assertEquals(List.of("orphan", "spoke-a", "spoke-b"), gateways.stream().map(g -> ((JsonObject) g).getString("gateway")).toList());
        JsonObject a = gateways.getJsonObject(1);
        assertEquals(List.of("gateway", "account_name", "vpc_name", "vpc_id", "vpc_region", "vendor_name", "transit_gw_name",
                "group_name", "destinations", "sources"), List.copyOf(a.fieldNames()));
        assertEquals(List.of("23.185.0.3", "100.64.1.1", "47.91.64.21"), ips(a.getJsonArray("destinations")));
        assertEquals(true, a.getJsonArray("destinations").getJsonObject(1).getBoolean("is_cgnat"), "100.64/10 is CGNAT");
        assertTrue(gateways.getJsonObject(2).getJsonArray("sources").isEmpty(), "spoke-b has no sources");
        assertNull(gateways.getJsonObject(0).getString("vendor_name"), "no inventory → null attributes");
    }

    @Test
    @DisplayName("group_by adds each group's ranking, merged from its members' tables, to the global or per-spoke answer")
    void topTalkersGrouped() throws Exception {
        JsonObject body = json(get(urlOne + "/api/v1/top-talkers?days=7&group_by=cloud"));
        assertEquals("global", body.getString("mode"));
        assertEquals("cloud", body.getString("group_by"));
        JsonArray groups = body.getJsonArray("groups");
        assertEquals(List.of("AWS", "Azure ARM", "unknown"), groups.stream().map(g -> ((JsonObject) g).getString("name")).toList());
        JsonObject aws = groups.getJsonObject(0);
        assertEquals(List.of("name", "spokes", "gateways", "destinations", "sources"), List.copyOf(aws.fieldNames()));
        assertEquals(List.of("spoke-a"), aws.getJsonArray("gateways").getList());
        assertEquals(List.of("23.185.0.3", "100.64.1.1", "47.91.64.21"), ips(aws.getJsonArray("destinations")));
        assertEquals(List.of("10.9.9.9"), ips(groups.getJsonObject(2).getJsonArray("sources")));

        JsonObject perSpoke = json(get(urlOne + "/api/v1/top-talkers?days=7&per_spoke=true&group_by=cloud"));
        assertEquals("per_spoke", perSpoke.getString("mode"));
        assertEquals(groups, perSpoke.getJsonArray("groups"));
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
    @DisplayName("an unknown gateway is a 404; a known one answers its own talkers only")
    void topTalkersOneGateway() throws Exception {
        HttpResponse<String> r = get(urlOne + "/api/v1/top-talkers?days=7&gateway=nope");
        assertEquals(404, r.statusCode(), r.body());
        assertEquals("gateway", json(r).getString("parameter"));
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
        String path = "/api/v1/top-talkers?days=7&gateway=spoke-a&per_spoke=true";
        HttpResponse<String> viaOne = get(urlOne + path);
        assertEquals(200, viaOne.statusCode(), viaOne.body());
        assertEquals(get(urlTwo + path).body(), viaOne.body());
        assertEquals(List.of("10.1.1.1"), ips(json(viaOne).getJsonArray("gateways").getJsonObject(0).getJsonArray("sources")));
        assertTrue(one.calls.isEmpty(), "instance one did not answer itself: " + one.calls);
    }

    @Test
    @DisplayName("the internal talkers endpoint rebuilds the sender's plan and answers merged tables that survive JSON")
    void talkersPartial() throws Exception {
        HttpResponse<String> r = get(urlOne + "/internal/v1/talkers/partial?from=2026-02-03T11:00:00Z&to=2026-02-10T11:00:00Z"
                + "&hourly_since=2026-01-06T11:37:12Z&partitions=4,1&top=3&per_spoke=false");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(List.of("talkersPartial 2026-02-03T11:00:00Z 2026-02-10T11:00:00Z [1, 4] 3 false null"), one.calls);
        TalkersPartial partial = TalkersPartial.fromJson(new JsonObject(r.body()));
        assertEquals(Set.of(1, 4), partial.partitions());
        assertEquals(Set.of(TalkersPartial.ALL), partial.groups().keySet());
        assertEquals(5_000_000_000L + 2048 + 700 + 3_000_000_000L + 10,
                partial.groups().get(TalkersPartial.ALL).external().totalBytes());
        assertBadRequest("/internal/v1/talkers/partial?from=2026-02-03T11:00:00Z&to=2026-02-10T11:00:00Z&partitions=1", "hourly_since");
    }

    @Test
    @DisplayName("top talkers: the CLI's reader understands the JSON, and format=csv or Accept: text/csv is the seed's CSV of it")
    void topTalkersCsvAndCliReader() throws Exception {
        for (String q : List.of("days=7&top=2", "days=7&per_spoke=true&group_by=cloud")) {
            HttpResponse<String> json = get(urlOne + "/api/v1/top-talkers?" + q);
            TalkersReport parsed = TalkersReport.fromApiJson(json.body());
            HttpResponse<String> byParam = get(urlOne + "/api/v1/top-talkers?" + q + "&format=csv");
            HttpResponse<String> byHeader = get(urlOne + "/api/v1/top-talkers?" + q, "Accept", "text/csv");
            assertEquals(200, byParam.statusCode(), byParam.body());
            assertTrue(byParam.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
            assertEquals(TopTalkersCsv.write(parsed), byParam.body(), q);
            assertEquals(byParam.body(), byHeader.body());
        }
        TalkersReport global = TalkersReport.fromApiJson(get(urlOne + "/api/v1/top-talkers?days=7&top=2").body());
        assertEquals(2, global.top());
        assertEquals(FLOWIQ, global.copilotFlowiqUrl());
        String csv = get(urlOne + "/api/v1/top-talkers?days=7&top=2&format=csv").body();
        assertTrue(csv.startsWith(String.join(",", TopTalkersCsv.GLOBAL_COLUMNS) + "\r\n"), csv);
        assertTrue(csv.contains("destination,1,23.185.0.3,5000000000,4.66 GB,False,23.185.0.3," + FLOWIQ), csv);
    }
}
