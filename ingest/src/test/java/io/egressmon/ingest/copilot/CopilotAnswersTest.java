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
        List<GatewayInfo> list = CopilotClient.parseGateways(json("{'results': [{'gw_name': 'spoke-1', '$gw_type': 'Spoke',"
                + " 'account_name': 'acc', 'vpc_id': 'net~-~proj', 'vpc_name': 'spoke-1', 'vpc_region': 'us-west1',"
                + " 'vendor_name': 'Gcloud', 'transit_gw_name': 'tr', 'group_name': 'grp', 'tags': {'x': 1}, 'elb_state': null}]}"),
                stats);
        assertEquals(List.of(new GatewayInfo("spoke-1", "spoke", "acc", "net~-~proj", "net", "us-west1", "Gcloud", "tr", "grp")),
                list);
        assertEquals(0, stats.unknownShapes.get());
    }

    @Test
    @DisplayName("gateways without a name are skipped and counted; a non-list answer is an error")
    void gatewaysOddities() {
        List<GatewayInfo> list = CopilotClient.parseGateways(json("{'results': [{'$gw_type': 'spoke'}, 7, {'gw_name': 'ok'}]}"), stats);
        assertEquals(List.of("ok"), list.stream().map(GatewayInfo::gwName).toList());
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
}
