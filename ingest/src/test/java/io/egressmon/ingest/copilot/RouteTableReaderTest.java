package io.egressmon.ingest.copilot;

import static io.egressmon.ingest.copilot.AnswerJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.egressmon.ingest.IngestStats;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reading CoPilot's route tables")
class RouteTableReaderTest {
    private final IngestStats stats = new IngestStats();

    @Test
    @DisplayName("tunnels: the distinct, sorted route devices starting with tun-; tun0 and eth0 are not tunnels")
    void tunnels() {
        Map<String, List<String>> t = RouteTableReader.tunnelInterfaces(json("[{'gw_name': 'a', 'route_table': ["
                + "{'dev': 'eth0'}, {'dev': 'tun-B-0'}, {'dev': 'tun-A-1'}, {'dev': 'tun-B-0'}, {'dev': 'tun0'}, {'via': 'x'}]},"
                + " {'gw_name': 'b'}, {'gw_name': 'c', 'route_table': []}]"), stats);
        assertEquals(Map.of("a", List.of("tun-A-1", "tun-B-0"), "b", List.of(), "c", List.of()), t);
    }

    @Test
    @DisplayName("a table, route or gateway of the wrong kind is skipped and counted; an answer that is no list is an error")
    void oddities() {
        Map<String, List<String>> t = RouteTableReader.tunnelInterfaces(json("{'results': [{'gw_name': 'a', 'route_table':"
                + " [7, {'dev': 'tun-1'}]}, {'gw_name': 'b', 'route_table': 'none'}, {'route_table': []}, null]}"), stats);
        assertEquals(Map.of("a", List.of("tun-1"), "b", List.of()), t);
        assertEquals(4, stats.unknownShapes.get(), "a route, a table, a gateway without a name, a null");
        assertThrows(IllegalStateException.class, () -> RouteTableReader.tunnelInterfaces(json("{'error': 'x'}"), stats));
    }
}
