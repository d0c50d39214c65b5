package io.egressmon.copilot.sim;

import io.egressmon.avro.TalkerRole;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.avro.FlowDirection;
import io.egressmon.copilot.sim.flowiq.FlowEstate;
import io.egressmon.copilot.sim.flowiq.OriginalQueries;
import io.egressmon.copilot.sim.flowiq.TalkerTruth;
import io.egressmon.schemas.IpClass;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The simulator's FlowIQ API")
class FlowIqApiTest {

    private static final Instant NOW = Instant.parse("2026-02-11T00:00:42Z");
    private static final Instant WEEK_END = Instant.parse("2026-02-11T00:00:00Z");
    private static final Instant WEEK_START = WEEK_END.minus(Duration.ofDays(7));

    private static CopilotSimulator simulator;
    private static SimClient client;

    @BeforeAll
    static void start() {
        simulator = CopilotSimulator.start(SimulatorConfig.defaults().withClock(new ManualClock(NOW)));
        client = new SimClient(simulator);
        assertEquals(200, client.login().statusCode());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    /** The query string the way Python's requests encodes it: '+' for spaces, %5B/%5D for brackets. */
    private static String path(Map<String, String> params) {
        return "/api/flowiq/field_agg?" + params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The parameters the script sends for one sub-query over [from, to). */
    private static Map<String, String> params(String field, String query, Instant from, Instant to, Integer size) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("field", field);
        params.put("metric", "bytes");
        params.put("query_string", query);
        params.put("date_range[gte]", from.toString());
        params.put("date_range[lte]", to.minusMillis(1).toString());
        params.put("date_range[time_zone]", "-05:00");
        params.put("interval", "1d");
        if (size != null) {
            params.put("size", size.toString());
        }
        return params;
    }

    private static JsonArray fieldAgg(Map<String, String> params) {
        HttpResponse<String> response = client.get(path(params));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
        return new JsonObject(response.body()).getJsonArray("value");
    }

    private static Map<String, Long> asMap(JsonArray buckets) {
        Map<String, Long> map = new HashMap<>();
        buckets.forEach(b -> map.put(((JsonObject) b).getString("key"), ((JsonObject) b).getLong("value")));
        assertEquals(buckets.size(), map.size(), "keys are distinct");
        return map;
    }

    private static Map<String, Long> merged(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> sum = new HashMap<>(a);
        b.forEach((k, v) -> sum.merge(k, v, Long::sum));
        return sum;
    }

    private static String outbound(String gateway) {
        return gateway == null ? OriginalQueries.OUTBOUND : OriginalQueries.forGateway(OriginalQueries.OUTBOUND, gateway);
    }

    private static String inbound(String gateway) {
        return gateway == null ? OriginalQueries.INBOUND : OriginalQueries.forGateway(OriginalQueries.INBOUND, gateway);
    }

    @Test
    @DisplayName("needs a session")
    void session() {
        SimClient stranger = new SimClient(simulator);
        HttpResponse<String> response = stranger.get(path(params("netflow.dst_addr", "", WEEK_START, WEEK_END, 5)));
        assertEquals(401, response.statusCode());
    }

    @Test
    @DisplayName("answers the original script's outbound query for one gateway with its biggest destinations, sorted and cut at size")
    void outboundDestinations() {
        JsonArray value = fieldAgg(params("netflow.dst_addr", outbound(FlowEstate.MARKETING), WEEK_START, WEEK_END, 5));
        TalkerTruth truth = simulator.talkerTruth(WEEK_START, WEEK_END);
        List<TalkerTruth.Ranked> expected = TalkerTruth.rank(
                truth.bytes(FlowEstate.MARKETING, TalkerRole.EXTERNAL, FlowDirection.OUTBOUND), 5);
        assertEquals(5, value.size());
        for (int i = 0; i < 5; i++) {
            JsonObject bucket = value.getJsonObject(i);
            assertEquals(Map.of("key", expected.get(i).ip(), "value", expected.get(i).bytes()),
                    Map.of("key", bucket.getString("key"), "value", bucket.getLong("value")));
            assertEquals(2, bucket.size(), "exactly key and value");
        }
        assertEquals("47.91.64.21", value.getJsonObject(0).getString("key"), "marketing uploads most to 47.91.64.21");
        assertTrue(value.getJsonObject(0).getLong("value") >= value.getJsonObject(1).getLong("value"));
    }

    @Test
    @DisplayName("answers 10 keys when size is left out")
    void defaultSize() {
        assertEquals(10, fieldAgg(params("netflow.src_addr", inbound(null), WEEK_START, WEEK_END, null)).size());
    }

    @Nested
    @DisplayName("summing the four sub-queries with a size that covers every key")
    class FourSubQueries {

        private final Instant from = WEEK_END.minus(Duration.ofDays(13)).plusSeconds(600);
        private final Instant to = WEEK_END.minus(Duration.ofHours(1));

        private Map<String, Long>[] answer(String gateway) {
            Map<String, Long> outDst = asMap(fieldAgg(params("netflow.dst_addr", outbound(gateway), from, to, 100_000)));
            Map<String, Long> outSrc = asMap(fieldAgg(params("netflow.src_addr", outbound(gateway), from, to, 100_000)));
            Map<String, Long> inSrc = asMap(fieldAgg(params("netflow.src_addr", inbound(gateway), from, to, 100_000)));
            Map<String, Long> inDst = asMap(fieldAgg(params("netflow.dst_addr", inbound(gateway), from, to, 100_000)));
            @SuppressWarnings("unchecked")
            Map<String, Long>[] both = new Map[] {merged(outDst, inSrc), merged(outSrc, inDst)};
            return both;
        }

        @Test
        @DisplayName("equals the ground truth of a spoke exactly, across its reboot")
        void spoke() {
            TalkerTruth truth = simulator.talkerTruth(from, to);
            Map<String, Long>[] answer = answer(FlowEstate.OPS_AWS_K8S);
            assertEquals(truth.destinations(FlowEstate.OPS_AWS_K8S), answer[0]);
            assertEquals(truth.sources(FlowEstate.OPS_AWS_K8S), answer[1]);
        }

        @Test
        @DisplayName("equals the ground truth of the estate exactly")
        void global() {
            TalkerTruth truth = simulator.talkerTruth(from, to);
            Map<String, Long>[] answer = answer(null);
            assertEquals(truth.destinations(null), answer[0]);
            assertEquals(truth.sources(null), answer[1]);
            assertTrue(answer[0].size() > 2000, "a long tail: " + answer[0].size());
        }
    }

    @Test
    @DisplayName("lists look-alike public IPs as destinations, never CGNAT or east-west peers")
    void boundary() {
        Map<String, Long> destinations = asMap(fieldAgg(params("netflow.dst_addr", outbound(null), WEEK_START, WEEK_END, 100_000)));
        for (String lookAlike : List.of("100.128.0.1", "100.128.4.20", "172.32.0.1", "192.169.0.1")) {
            assertTrue(destinations.containsKey(lookAlike), lookAlike);
        }
        destinations.keySet().forEach(ip -> assertEquals(IpClass.PUBLIC, IpClass.of(ip), ip));
        Map<String, Long> everything = asMap(fieldAgg(params("netflow.dst_addr", "", WEEK_START, WEEK_END, 100_000)));
        assertTrue(everything.keySet().containsAll(FlowEstate.CGNAT_PEERS), "the records are there, unfiltered");
        Map<String, Long> eastWest = asMap(fieldAgg(params("netflow.dst_addr", "netflow.src_addr:" + OriginalQueries.RFC1918
                + " AND netflow.dst_addr:" + OriginalQueries.RFC1918, WEEK_START, WEEK_END, 100_000)));
        assertTrue(eastWest.size() >= 28, "east-west peers: " + eastWest.size());
        eastWest.keySet().forEach(ip -> assertFalse(destinations.containsKey(ip), ip));
    }

    @Nested
    @DisplayName("refuses with 400 and a JSON reason")
    class BadRequests {

        private JsonObject refused(Map<String, String> params) {
            HttpResponse<String> response = client.get(path(params));
            assertEquals(400, response.statusCode(), response.body());
            return new JsonObject(response.body());
        }

        @Test
        @DisplayName("a malformed query string, saying where")
        void badQuery() {
            JsonObject error = refused(params("netflow.dst_addr", "netflow.src_addr:(\"10.0.0.0/8\" OR", WEEK_START, WEEK_END, 5));
            assertEquals("bad_query", error.getString("error"));
            assertTrue(error.getString("message").contains("at position 33"), error.getString("message"));
            assertEquals("bad_query", refused(params("netflow.dst_addr", "netflow.dst_adr:\"1.2.3.4\"", WEEK_START, WEEK_END, 5))
                    .getString("error"));
        }

        @Test
        @DisplayName("a size outside 1..100000, naming size")
        void badSize() {
            for (String size : List.of("0", "100001", "lots")) {
                Map<String, String> params = params("netflow.dst_addr", "", WEEK_START, WEEK_END, null);
                params.put("size", size);
                JsonObject error = refused(params);
                assertEquals("bad_request", error.getString("error"));
                assertTrue(error.getString("message").startsWith("size"), error.getString("message"));
            }
        }

        @Test
        @DisplayName("another metric or an unknown field")
        void badParameters() {
            Map<String, String> params = params("netflow.dst_addr", "", WEEK_START, WEEK_END, 5);
            params.put("metric", "packets");
            assertTrue(refused(params).getString("message").startsWith("metric"));
            assertTrue(refused(params("netflow.bytes", "", WEEK_START, WEEK_END, 5)).getString("message").startsWith("field"));
        }
    }

    @Test
    @DisplayName("is counted in the stats and faulted like every API call")
    void statsAndFaults() {
        long before = simulator.stats().calls(Stats.FIELD_AGG);
        long injected = simulator.stats().injected503s();
        simulator.faults(Faults.none().withErrorRate(1.0));
        try {
            assertEquals(503, client.get(path(params("netflow.dst_addr", "", WEEK_START, WEEK_END, 5))).statusCode());
        } finally {
            simulator.faults(Faults.none());
        }
        assertEquals(200, client.get(path(params("netflow.dst_addr", "", WEEK_START, WEEK_END, 5))).statusCode());
        assertEquals(before + 2, simulator.stats().calls(Stats.FIELD_AGG));
        assertEquals(injected + 1, simulator.stats().injected503s());
    }

    @Nested
    @DisplayName("tells the ground truth at /sim/talkers")
    class SimTalkers {

        @Test
        @DisplayName("for the estate and for one spoke, as talkerTruth does")
        void truth() {
            String range = "from=" + WEEK_START + "&to=" + WEEK_END;
            JsonObject global = new JsonObject(client.get("/sim/talkers?" + range).body());
            TalkerTruth truth = simulator.talkerTruth(WEEK_START, WEEK_END);
            assertEquals(10, global.getJsonArray("destinations").size());
            assertEquals(new JsonObject().put("rank", 1).put("ip", "23.185.0.3")
                    .put("bytes", truth.destinations(null).get("23.185.0.3")), global.getJsonArray("destinations").getJsonObject(0));
            assertEquals("10.2.2.100", global.getJsonArray("sources").getJsonObject(0).getString("ip"));
            assertEquals(truth.distinctExternal(null), global.getInteger("distinct_external"));
            assertEquals(truth.egressBytes(null), global.getLong("egress_bytes"));
            JsonObject spoke = new JsonObject(client.get("/sim/talkers?" + range + "&top=3&gateway=" + FlowEstate.OPS_AZURE_K8S).body());
            assertEquals(FlowEstate.OPS_AZURE_K8S, spoke.getString("gateway"));
            assertEquals(List.of("54.230.114.82", "20.150.38.228", "20.60.40.4"),
                    spoke.getJsonArray("destinations").stream().map(o -> ((JsonObject) o).getString("ip")).toList());
        }

        @Test
        @DisplayName("404 for an unknown gateway, 400 for bad parameters")
        void errors() {
            String range = "from=" + WEEK_START + "&to=" + WEEK_END;
            assertEquals(404, client.get("/sim/talkers?" + range + "&gateway=nope").statusCode());
            assertEquals(400, client.get("/sim/talkers?from=" + WEEK_START).statusCode());
            assertEquals(400, client.get("/sim/talkers?" + range + "&top=0").statusCode());
            assertEquals(400, client.get("/sim/talkers?from=" + WEEK_END + "&to=" + WEEK_START).statusCode());
            assertFalse(client.get("/sim/talkers?" + range).body().isEmpty());
        }
    }

    @Test
    @DisplayName("answers a 30-day query over every spoke of a big estate, matching its truth")
    void bigEstate() {
        Instant now = Instant.parse("2026-02-11T00:00:00Z");
        try (CopilotSimulator big = CopilotSimulator.start(SimulatorConfig.defaults().withExtraSpokes(600)
                .withClock(new ManualClock(now)))) {
            SimClient bigClient = new SimClient(big);
            assertEquals(200, bigClient.login().statusCode());
            Instant from = now.minus(Duration.ofDays(30));
            HttpResponse<String> response = bigClient.get(path(params("netflow.dst_addr", outbound(null), from, now, 20)));
            assertEquals(200, response.statusCode(), response.body());
            JsonArray value = new JsonObject(response.body()).getJsonArray("value");
            TalkerTruth truth = big.talkerTruth(from, now);
            Map<String, Long> outbound = truth.bytes(null, TalkerRole.EXTERNAL,
                    FlowDirection.OUTBOUND);
            assertEquals(TalkerTruth.rank(outbound, 20).stream().map(TalkerTruth.Ranked::ip).toList(),
                    value.stream().map(o -> ((JsonObject) o).getString("key")).toList());
            assertEquals(614, truth.gateways().size());
        }
    }
}
