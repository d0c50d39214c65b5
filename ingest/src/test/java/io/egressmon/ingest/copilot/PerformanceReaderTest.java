package io.egressmon.ingest.copilot;

import static io.egressmon.ingest.copilot.AnswerJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.ingest.IngestStats;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reading CoPilot's performance answers")
class PerformanceReaderTest {
    private final IngestStats stats = new IngestStats();

    @Test
    @DisplayName("performance: answers are matched to gateways by position")
    void performanceByPosition() {
        List<GatewayPerformance> p = PerformanceReader.read(List.of("a", "b"), json("["
                + "{'interfaces': {'eth0': {'rx_bytes': {'min': 1, 'max': 2}, 'tx_bytes': {'min': 3, 'max': 4}}}},"
                + "{'interfaces': {'tun-x': {'rx_bytes': {'min': 5, 'max': 6}, 'tx_bytes': {'min': 7, 'max': 8}}}}]"), stats);
        assertEquals(List.of(
                new GatewayPerformance("a", Map.of("eth0", new InterfaceMinMax(1L, 2L, 3L, 4L))),
                new GatewayPerformance("b", Map.of("tun-x", new InterfaceMinMax(5L, 6L, 7L, 8L)))), p);
    }

    @Test
    @DisplayName("performance: nulls and missing keys become unread values and are counted, never a failure")
    void performanceNulls() {
        List<GatewayPerformance> p = PerformanceReader.read(List.of("a"), json("[{'status': 'partial', 'interfaces': {"
                + "'eth0': {'rx_bytes': {'min': null, 'max': 2, 'avg': 1.5}, 'tx_bytes': {'max': 4}},"
                + "'tun-x': {'rx_bytes': {'min': 5, 'max': 6}}}}]"), stats);
        assertEquals(Map.of("eth0", new InterfaceMinMax(null, 2L, null, 4L),
                "tun-x", new InterfaceMinMax(5L, 6L, null, null)), p.get(0).interfaces());
        assertEquals(4, stats.nullValues.get());
    }

    @Test
    @DisplayName("performance: empty or missing interfaces mean no data and are counted")
    void performanceEmpty() {
        List<GatewayPerformance> p = PerformanceReader.read(List.of("a", "b", "c"),
                json("[{'interfaces': {}}, {}, null]"), stats);
        assertTrue(p.stream().allMatch(g -> g.interfaces().isEmpty()));
        assertEquals(2, stats.emptyInterfaces.get());
        assertEquals(1, stats.unknownShapes.get());
    }

    @Test
    @DisplayName("performance: whole-valued numbers in any notation are read; fractions, text and negatives are not")
    void performanceNumbers() {
        List<GatewayPerformance> p = PerformanceReader.read(List.of("a"), json("[{'interfaces': {"
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
        assertThrows(MisalignedAnswer.class,
                () -> PerformanceReader.read(List.of("a", "b"), json("[{'interfaces': {}}]"), stats));
        assertEquals(List.of(GatewayPerformance.empty("a")), PerformanceReader.read(List.of("a"), json("[]"), stats));
    }

    @Test
    @DisplayName("performance: interfaces, an interface or a counter of the wrong kind is counted and read as no data; no list is an error")
    void performanceShapes() {
        List<GatewayPerformance> p = PerformanceReader.read(List.of("a", "b"), json("[{'interfaces': ['eth0']},"
                + " {'interfaces': {'eth0': 7, 'tun-z': {'rx_bytes': [1, 2], 'tx_bytes': {'min': 1, 'max': 2}}}}]"), stats);
        assertEquals(List.of(GatewayPerformance.empty("a"),
                new GatewayPerformance("b", Map.of("tun-z", new InterfaceMinMax(null, null, 1L, 2L)))), p);
        assertEquals(3, stats.unknownShapes.get(), "a list of interfaces, an interface that is a number, a counter that is a list");
        assertThrows(IllegalStateException.class, () -> PerformanceReader.read(List.of("a"), json("{'error': 'x'}"), stats));
    }
}
