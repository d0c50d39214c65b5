package io.egressmon.api.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.egressmon.api.BadParameter;
import io.egressmon.api.QueryParameters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Flow table aggregation")
class FlowAggregationTest {
    private static final String IP_A = "192.0.2.1";
    private static final String IP_B = "198.51.100.2";
    private static final String IP_C = "203.0.113.3";
    private static final long WINDOW = 10;
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    /** A flow of {@code kbps} over the 10 s window (bytes = kbps × 1000 / 8 × 10). */
    private static FlowRow flow(String src, String dst, int srcPort, int dstPort, int kbps) {
        return FlowRow.of("spoke-1", src, dst, srcPort, dstPort, 6, kbps * 1250L, kbps, 1, T, T.plusSeconds(9), WINDOW);
    }

    /** The five flows of ovs-flowmon's README, "Aggregates". */
    private static List<FlowRow> seedFlows() {
        return List.of(flow(IP_A, IP_B, 65432, 80, 10), flow(IP_B, IP_A, 80, 65432, 10), flow(IP_C, IP_B, 76543, 80, 5),
                flow(IP_A, IP_B, 65433, 80, 3), flow(IP_B, IP_A, 80, 65433, 3));
    }

    /** Rows as the seed's tables show them: SrcAddr, DstAddr, SrcPort, DstPort, RATE (kbps). */
    private static List<List<String>> table(List<FlowRow> rows) {
        List<List<String>> out = new ArrayList<>();
        for (FlowRow r : rows) {
            List<String> f = FlowsCsv.fields(r);
            out.add(List.of(f.get(1), f.get(2), f.get(3), f.get(4), String.valueOf(Math.round(r.rateKbps()))));
        }
        return out;
    }

    private static List<FlowRow> view(Set<FlowColumn> aggregate) {
        return FlowAggregation.top(FlowAggregation.collapse(seedFlows(), aggregate, WINDOW), FlowSort.RATE, true, 50);
    }

    @Test
    @DisplayName("wildcarding SrcPort and DstPort gives the seed's first aggregated table")
    void portsWildcarded() {
        assertEquals(List.of(
                List.of(IP_A, IP_B, "*", "*", "13"),
                List.of(IP_B, IP_A, "*", "*", "13"),
                List.of(IP_C, IP_B, "*", "*", "5")), table(view(Set.of(FlowColumn.SRC_PORT, FlowColumn.DST_PORT))));
    }

    @Test
    @DisplayName("also wildcarding SrcAddr gives the seed's second table: the traffic hitting each destination")
    void sourceWildcardedToo() {
        assertEquals(List.of(
                List.of("*", IP_B, "*", "*", "18"),
                List.of("*", IP_A, "*", "*", "13")),
                table(view(Set.of(FlowColumn.SRC_ADDR, FlowColumn.SRC_PORT, FlowColumn.DST_PORT))));
    }

    @Test
    @DisplayName("nothing wildcarded leaves the five flows; bytes, packets and flows are summed when collapsed")
    void sums() {
        assertEquals(5, view(Set.of()).size());
        FlowRow toB = view(Set.of(FlowColumn.SRC_ADDR, FlowColumn.SRC_PORT, FlowColumn.DST_PORT)).get(0);
        assertEquals(18 * 1250L, toB.bytes());
        assertEquals(18, toB.packets());
        assertEquals(3, toB.flows());
        assertEquals(18.0, toB.rateKbps());
    }

    @Test
    @DisplayName("collapsing partial results (two instances) gives what one collapse of everything gives")
    void partialsCollapseAlike() {
        Set<FlowColumn> ports = Set.of(FlowColumn.SRC_PORT, FlowColumn.DST_PORT);
        List<FlowRow> flows = seedFlows();
        List<FlowRow> partials = new ArrayList<>(FlowAggregation.collapse(flows.subList(0, 2), ports, WINDOW));
        partials.addAll(FlowAggregation.collapse(flows.subList(2, 5), ports, WINDOW));
        Collections.reverse(partials);
        assertEquals(view(ports), FlowAggregation.top(FlowAggregation.collapse(partials, ports, WINDOW), FlowSort.RATE, true, 50));
    }

    @Test
    @DisplayName("sorts by any column either way, ties by the naming columns, and cuts at the limit")
    void sortAndLimit() {
        List<FlowRow> bySrcPort = FlowAggregation.top(seedFlows(), FlowSort.SRC_PORT, false, 3);
        assertEquals(List.of(80, 80, 65432), bySrcPort.stream().map(FlowRow::srcPort).toList());
        assertEquals(List.of(IP_B, IP_B), bySrcPort.subList(0, 2).stream().map(FlowRow::srcAddr).toList());
        assertEquals(List.of(65432, 65433), bySrcPort.subList(0, 2).stream().map(FlowRow::dstPort).toList(), "ties by dst_port");
        assertEquals(List.of(3, 3), FlowAggregation.top(seedFlows(), FlowSort.RATE, false, 2).stream()
                .map(r -> (int) r.rateKbps()).toList());
    }

    @Test
    @DisplayName("a request names the parameter that is wrong: unknown column, bad CIDR, bad sort key, bad order")
    void badParameters() {
        Map<String, String> bad = Map.of("aggregate", "src_port,colour", "src_addr", "10.0.0.0/33", "dst_addr", "not-an-ip",
                "sort", "speed", "order", "up", "window", "2m", "limit", "0", "protocol", "tcpx", "port", "70000");
        bad.forEach((name, value) -> {
            BadParameter e = assertThrows(BadParameter.class, () -> FlowsRequest.parse(QueryParameters.of(Map.of(name, value))),
                    name + "=" + value);
            assertEquals(name, e.parameter());
        });
    }

    @Test
    @DisplayName("a request reads back from its own query string")
    void roundTrip() {
        FlowsRequest r = FlowsRequest.parse(QueryParameters.of(Map.of("aggregate", "dst_port,src_port", "sort", "bytes",
                "order", "asc", "limit", "7", "window", "1m", "src_addr", "10.1.0.0/16", "protocol", "udp", "port", "53")));
        assertEquals(Set.of(FlowColumn.SRC_PORT, FlowColumn.DST_PORT), r.aggregate());
        assertEquals(17, r.filter().protocol());
        assertEquals(r, FlowsRequest.parse(QueryParameters.of(r.toQuery().values())));
        assertEquals(FlowsRequest.defaults(), FlowsRequest.parse(QueryParameters.of(Map.of())));
    }

    @Test
    @DisplayName("CIDR filters match their network only, IPv4 and IPv6 apart")
    void cidr() {
        Cidr net = Cidr.parse("src_addr", "10.1.0.0/16");
        assertEquals(true, net.contains("10.1.200.3"));
        assertEquals(false, net.contains("10.2.0.1"));
        assertEquals(false, net.contains("2001:db8::1"));
        assertEquals(false, net.contains(new byte[16]), "an IPv6 address is never in an IPv4 network");
        Cidr v6 = Cidr.parse("dst_addr", "2001:db8::/32");
        assertEquals(true, v6.contains("2001:db8:1::5"));
        assertEquals(false, v6.contains("2001:db9::5"));
        assertEquals(true, Cidr.parse("src_addr", "192.0.2.7").contains("192.0.2.7"));
        assertEquals(false, Cidr.parse("src_addr", "192.0.2.7").contains("192.0.2.8"));
        assertEquals(true, Cidr.parse("src_addr", "0.0.0.0/0").contains("8.8.8.8"));
        assertEquals(true, Cidr.parse("src_addr", "10.1.2.128/25").contains("10.1.2.200"));
        assertEquals(false, Cidr.parse("src_addr", "10.1.2.128/25").contains("10.1.2.100"));
    }
}
