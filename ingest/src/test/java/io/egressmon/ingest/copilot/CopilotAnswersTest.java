package io.egressmon.ingest.copilot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.ingest.IngestStats;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reading CoPilot's answers")
class CopilotAnswersTest {
    private final IngestStats stats = new IngestStats();

    private static Object json(String text) {
        return Json.decodeValue(text.replace('\'', '"'));
    }

    @Test
    @DisplayName("the performance request is a list with one element per gateway, times in ISO with milliseconds and Z")
    void performanceBody() {
        JsonArray body = CopilotClient.performanceBody(List.of("a", "b"),
                Instant.parse("2026-01-11T00:00:00Z"), Instant.parse("2026-02-10T00:00:00.5Z"));
        assertEquals(new JsonArray(List.of(
                new JsonObject().put("gatewayName", "a").put("systemMetrics", new JsonArray())
                        .put("interfaceMetrics", new JsonArray().add("rx_bytes").add("tx_bytes"))
                        .put("start", "2026-01-11T00:00:00.000Z").put("end", "2026-02-10T00:00:00.500Z")
                        .put("perInterfaceStats", true),
                new JsonObject().put("gatewayName", "b").put("systemMetrics", new JsonArray())
                        .put("interfaceMetrics", new JsonArray().add("rx_bytes").add("tx_bytes"))
                        .put("start", "2026-01-11T00:00:00.000Z").put("end", "2026-02-10T00:00:00.500Z")
                        .put("perInterfaceStats", true))), body);
    }

    @Test
    @DisplayName("gateways: the seven attributes, vpc_name derived, type lower-cased, unknown fields ignored")
    void gateways() {
        List<ControllerGateway> list = CopilotClient.parseGateways(json("{'results': [{'gw_name': 'spoke-1', '$gw_type': 'Spoke',"
                + " 'account_name': 'acc', 'vpc_id': 'net~-~proj', 'vpc_name': 'spoke-1', 'vpc_region': 'us-west1',"
                + " 'vendor_name': 'Gcloud', 'transit_gw_name': 'tr', 'group_name': 'grp', 'tags': {'x': 1}, 'elb_state': null}]}"),
                stats);
        assertEquals(List.of(new ControllerGateway("spoke-1", "spoke", "acc", "net~-~proj", "net", "us-west1", "Gcloud", "tr", "grp")),
                list);
        assertEquals(0, stats.unknownShapes.get());
    }

    @Test
    @DisplayName("gateways without a name are skipped and counted; a non-list answer is an error")
    void gatewaysOddities() {
        List<ControllerGateway> list = CopilotClient.parseGateways(json("{'results': [{'$gw_type': 'spoke'}, 7, {'gw_name': 'ok'}]}"), stats);
        assertEquals(List.of("ok"), list.stream().map(ControllerGateway::gwName).toList());
        assertEquals(3, stats.unknownShapes.get(), "no name, not an object, no type");
        assertThrows(IllegalStateException.class, () -> CopilotClient.parseGateways(json("{'error': 'x'}"), stats));
    }

    @Test
    @DisplayName("tunnels: the distinct, sorted route devices starting with tun-; tun0 and eth0 are not tunnels")
    void tunnels() {
        Map<String, List<String>> t = CopilotClient.parseTunnels(json("[{'gw_name': 'a', 'route_table': ["
                + "{'dev': 'eth0'}, {'dev': 'tun-B-0'}, {'dev': 'tun-A-1'}, {'dev': 'tun-B-0'}, {'dev': 'tun0'}, {'via': 'x'}]},"
                + " {'gw_name': 'b'}, {'gw_name': 'c', 'route_table': []}]"), stats);
        assertEquals(Map.of("a", List.of("tun-A-1", "tun-B-0"), "b", List.of(), "c", List.of()), t);
    }

    @Test
    @DisplayName("performance: answers are matched to gateways by position")
    void performanceByPosition() {
        List<GatewayPerformance> p = CopilotClient.parsePerformance(List.of("a", "b"), json("["
                + "{'interfaces': {'eth0': {'rx_bytes': {'min': 1, 'max': 2}, 'tx_bytes': {'min': 3, 'max': 4}}}},"
                + "{'interfaces': {'tun-x': {'rx_bytes': {'min': 5, 'max': 6}, 'tx_bytes': {'min': 7, 'max': 8}}}}]"), stats);
        assertEquals(List.of(
                new GatewayPerformance("a", Map.of("eth0", new InterfaceMinMax(1L, 2L, 3L, 4L))),
                new GatewayPerformance("b", Map.of("tun-x", new InterfaceMinMax(5L, 6L, 7L, 8L)))), p);
    }

    @Test
    @DisplayName("performance: nulls and missing keys become unread values and are counted, never a failure")
    void performanceNulls() {
        List<GatewayPerformance> p = CopilotClient.parsePerformance(List.of("a"), json("[{'status': 'partial', 'interfaces': {"
                + "'eth0': {'rx_bytes': {'min': null, 'max': 2, 'avg': 1.5}, 'tx_bytes': {'max': 4}},"
                + "'tun-x': {'rx_bytes': {'min': 5, 'max': 6}}}}]"), stats);
        assertEquals(Map.of("eth0", new InterfaceMinMax(null, 2L, null, 4L),
                "tun-x", new InterfaceMinMax(5L, 6L, null, null)), p.get(0).interfaces());
        assertEquals(4, stats.nullValues.get());
    }

    @Test
    @DisplayName("performance: empty or missing interfaces mean no data and are counted")
    void performanceEmpty() {
        List<GatewayPerformance> p = CopilotClient.parsePerformance(List.of("a", "b", "c"),
                json("[{'interfaces': {}}, {}, null]"), stats);
        assertTrue(p.stream().allMatch(g -> g.interfaces().isEmpty()));
        assertEquals(2, stats.emptyInterfaces.get());
        assertEquals(1, stats.unknownShapes.get());
    }

    @Test
    @DisplayName("performance: whole-valued numbers in any notation are read; fractions, text and negatives are not")
    void performanceNumbers() {
        List<GatewayPerformance> p = CopilotClient.parsePerformance(List.of("a"), json("[{'interfaces': {"
                + "'eth0': {'rx_bytes': {'min': 1.0e3, 'max': '2000'}, 'tx_bytes': {'min': 1.5, 'max': -4}},"
                + "'tun-y': {'rx_bytes': {'min': 9223372036854775807, 'max': 'lots'}, 'tx_bytes': {'min': 0, 'max': 0}}}}]"),
                stats);
        assertEquals(new InterfaceMinMax(1000L, 2000L, null, null), p.get(0).interfaces().get("eth0"));
        assertEquals(new InterfaceMinMax(Long.MAX_VALUE, null, 0L, 0L), p.get(0).interfaces().get("tun-y"));
        assertEquals(3, stats.unknownShapes.get());
    }

    @Test
    @DisplayName("performance: an answer of the wrong length cannot be matched and is refused")
    void performanceMisaligned() {
        assertThrows(CopilotClient.MisalignedAnswer.class,
                () -> CopilotClient.parsePerformance(List.of("a", "b"), json("[{'interfaces': {}}]"), stats));
        assertEquals(List.of(GatewayPerformance.empty("a")), CopilotClient.parsePerformance(List.of("a"), json("[]"), stats));
    }

    @Test
    @DisplayName("field_agg: the query as the scripts send it — bytes per field, ISO times with ms and Z, every value URL-encoded")
    void fieldAggPath() {
        String path = CopilotClient.fieldAggPath("netflow.dst_addr", "(a:\"x y\" OR b) AND c:\"10.0.0.0/8\"",
                Instant.parse("2026-01-11T10:00:00Z"), Instant.parse("2026-01-11T10:14:59.999Z"), 1000);
        assertEquals("/api/flowiq/field_agg?field=netflow.dst_addr&metric=bytes"
                + "&query_string=%28a%3A%22x+y%22+OR+b%29+AND+c%3A%2210.0.0.0%2F8%22"
                + "&date_range%5Bgte%5D=2026-01-11T10%3A00%3A00.000Z&date_range%5Blte%5D=2026-01-11T10%3A14%3A59.999Z"
                + "&date_range%5Btime_zone%5D=%2B00%3A00&interval=1d&size=1000", path);
    }

    @Test
    @DisplayName("field_agg: keys and bytes in CoPilot's order; whole numbers in any notation; extra fields ignored")
    void fieldAgg() {
        FieldAggAnswer a = CopilotClient.parseFieldAgg(json("{'value': [{'key': '23.185.0.3', 'value': 26889267504, 'doc_count': 3},"
                + " {'key': '47.91.64.21', 'value': 6.1e3}, {'key': '10.0.0.1', 'value': '17'}], 'took': 5}"), stats);
        assertEquals(new FieldAggAnswer(List.of(new FieldAggBucket("23.185.0.3", 26889267504L), new FieldAggBucket("47.91.64.21", 6100),
                new FieldAggBucket("10.0.0.1", 17)), 3), a);
        assertEquals(0, stats.flowiqSkippedBuckets.get());
    }

    @Test
    @DisplayName("field_agg: null, missing or non-numeric bytes, a missing key and a key twice are skipped and counted, never a failure")
    void fieldAggOddities() {
        FieldAggAnswer a = CopilotClient.parseFieldAgg(json("{'value': [{'key': 'a', 'value': null}, {'key': 'b'},"
                + " {'key': 'c', 'value': 'lots'}, {'key': 'd', 'value': 1.5}, {'key': 'e', 'value': -3}, {'value': 9},"
                + " {'key': null, 'value': 9}, 7, {'key': 'ok', 'value': 2}, {'key': 'ok', 'value': 1}]}"), stats);
        assertEquals(List.of(new FieldAggBucket("ok", 2)), a.buckets());
        assertEquals(10, a.returned(), "what CoPilot sent, for the truncation check");
        assertEquals(9, stats.flowiqSkippedBuckets.get());
    }

    @Test
    @DisplayName("field_agg: no keys, a null or absent value list, and a bare list are answers; an error object is the wrong shape")
    void fieldAggShapes() {
        assertEquals(new FieldAggAnswer(List.of(), 0), CopilotClient.parseFieldAgg(json("{'value': []}"), stats));
        assertEquals(new FieldAggAnswer(List.of(), 0), CopilotClient.parseFieldAgg(json("{'value': null}"), stats));
        assertEquals(new FieldAggAnswer(List.of(), 0), CopilotClient.parseFieldAgg(json("{}"), stats));
        assertEquals(2, stats.unknownShapes.get(), "the missing list is noted");
        assertEquals(List.of(new FieldAggBucket("1.1.1.1", 4)),
                CopilotClient.parseFieldAgg(json("[{'key': '1.1.1.1', 'value': 4}]"), stats).buckets());
        assertThrows(IllegalStateException.class, () -> CopilotClient.parseFieldAgg(json("{'error': 'bad query'}"), stats));
        assertThrows(IllegalStateException.class, () -> CopilotClient.parseFieldAgg(json("{'value': 'none'}"), stats));
        assertTrue(new FieldAggAnswer(List.of(), 5).filled(5) && !new FieldAggAnswer(List.of(), 4).filled(5));
    }
}
