package io.egressmon.app.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.egressmon.api.flows.FlowColumn;
import io.egressmon.api.flows.FlowSort;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The flow table as text")
class TableViewTest {

    @Test
    @DisplayName("every flow is a line under a header, columns aligned, the sort column marked v for descending")
    void allFlows() {
        assertEquals(List.of(
                "Gateway  SrcAddr       DstAddr       SrcPort  DstPort  Proto  Bytes  Packets  Rate kbps v  Flows",
                "spoke-1  192.0.2.1     198.51.100.2    65432       80  tcp    12500       10         10.0      1",
                "spoke-1  198.51.100.2  192.0.2.1          80    65432  tcp    12500       10         10.0      1",
                "spoke-1  203.0.113.3   198.51.100.2    56543       80  tcp     6250        5          5.0      1",
                "spoke-1  192.0.2.1     198.51.100.2    65433       80  tcp     3750        3          3.0      1",
                "spoke-1  198.51.100.2  192.0.2.1          80    65433  tcp     3750        3          3.0      1"),
                TableView.lines(SeedFlows.answer(Set.of(), FlowSort.RATE, true, SeedFlows.T)));
    }

    @Test
    @DisplayName("with the ports wildcarded the rows collapse to the seed's first aggregated table, ports shown as *")
    void portsWildcarded() {
        List<String> lines = TableView.lines(SeedFlows.answer(Set.of(FlowColumn.SRC_PORT, FlowColumn.DST_PORT),
                FlowSort.RATE, true, SeedFlows.T));
        assertEquals(List.of(
                "Gateway  SrcAddr       DstAddr       SrcPort  DstPort  Proto  Bytes  Packets  Rate kbps v  Flows",
                "spoke-1  192.0.2.1     198.51.100.2        *        *  tcp    16250       13         13.0      2",
                "spoke-1  198.51.100.2  192.0.2.1           *        *  tcp    16250       13         13.0      2",
                "spoke-1  203.0.113.3   198.51.100.2        *        *  tcp     6250        5          5.0      1"), lines);
    }

    @Test
    @DisplayName("an ascending sort by another column marks that column ^ instead")
    void ascendingMark() {
        String header = TableView.lines(SeedFlows.answer(Set.of(), FlowSort.BYTES, false, SeedFlows.T)).get(0);
        assertEquals("Gateway  SrcAddr       DstAddr       SrcPort  DstPort  Proto  Bytes ^  Packets  Rate kbps  Flows", header);
    }

    @Test
    @DisplayName("--once text is the same lines, each ended by a newline; an empty table is its header")
    void text() {
        assertEquals(String.join("\n", TableView.lines(SeedFlows.answer(Set.of(), FlowSort.RATE, true, SeedFlows.T))) + "\n",
                TableView.text(SeedFlows.answer(Set.of(), FlowSort.RATE, true, SeedFlows.T)));
        assertEquals(1, TableView.lines(new io.egressmon.api.flows.FlowsAnswer("flows", "10s", SeedFlows.T,
                SeedFlows.T.plusSeconds(10), true, SeedFlows.T, List.of(), "rate", "desc", 50, 0, 0, List.of())).size());
    }
}
