package io.egressmon.ingest.flowiq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.egressmon.avro.FlowDirection;
import io.egressmon.avro.TalkerRole;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The FlowIQ egress filters")
class FlowiqFiltersTest {
    private static final String RFC1918 = "\"10.0.0.0/8\" OR \"172.16.0.0/12\" OR \"192.168.0.0/16\"";

    @Test
    @DisplayName("outbound is the script's filter, character for character: private source, neither private nor CGNAT destination")
    void outbound() {
        assertEquals("netflow.src_addr:(" + RFC1918 + ") AND NOT netflow.dst_addr:(" + RFC1918
                + ") AND NOT netflow.dst_addr:(\"100.64.0.0/10\")", FlowiqFilters.OUTBOUND);
    }

    @Test
    @DisplayName("inbound is the script's filter, character for character: neither private nor CGNAT source, private destination")
    void inbound() {
        assertEquals("NOT netflow.src_addr:(" + RFC1918 + ") AND NOT netflow.src_addr:(\"100.64.0.0/10\") AND netflow.dst_addr:("
                + RFC1918 + ")", FlowiqFilters.INBOUND);
    }

    @Test
    @DisplayName("one gateway: the filter in parentheses, AND netflow.gw_name in quotes")
    void perGateway() {
        assertEquals("(" + FlowiqFilters.OUTBOUND + ") AND netflow.gw_name:\"marketing-azure-spoke-all\"",
                FlowiqFilters.forGateway(FlowiqFilters.OUTBOUND, "marketing-azure-spoke-all"));
    }

    @Test
    @DisplayName("quotes and backslashes in a gateway name are escaped, so the name cannot end the phrase")
    void escaping() {
        assertEquals("\"odd \\\"gw\\\" \\\\ name\"", FlowiqFilters.quote("odd \"gw\" \\ name"));
        assertEquals("(x) AND netflow.gw_name:\"a\\\\\\\"b\"", FlowiqFilters.forGateway("x", "a\\\"b"));
    }

    @Test
    @DisplayName("four sub-queries: outbound dst and inbound src are external peers, outbound src and inbound dst internal hosts")
    void subQueries() {
        record Row(FlowDirection direction, String field, TalkerRole role) {
        }
        assertEquals(List.of(
                        new Row(FlowDirection.OUTBOUND, "netflow.dst_addr", TalkerRole.EXTERNAL),
                        new Row(FlowDirection.OUTBOUND, "netflow.src_addr", TalkerRole.INTERNAL),
                        new Row(FlowDirection.INBOUND, "netflow.src_addr", TalkerRole.EXTERNAL),
                        new Row(FlowDirection.INBOUND, "netflow.dst_addr", TalkerRole.INTERNAL)),
                Arrays.stream(SubQuery.values()).map(q -> new Row(q.direction(), q.field(), q.role())).toList());
        assertEquals("(" + FlowiqFilters.INBOUND + ") AND netflow.gw_name:\"gw\"", SubQuery.INBOUND_SOURCES.queryString("gw"));
        assertEquals("(" + FlowiqFilters.OUTBOUND + ") AND netflow.gw_name:\"gw\"", SubQuery.OUTBOUND_SOURCES.queryString("gw"));
    }

    @Test
    @DisplayName("an external key must be public and an internal one RFC 1918; CGNAT, look-alikes' wrong side, IPv6 and text are refused")
    void accepts() {
        for (SubQuery q : List.of(SubQuery.OUTBOUND_DESTINATIONS, SubQuery.INBOUND_SOURCES)) {
            assertEquals(List.of(true, true, true, false, false, false, false, false),
                    List.of("23.185.0.3", "100.128.0.1", "172.32.0.1", "10.1.2.3", "192.168.1.1", "100.64.0.1", "2001:db8::1",
                            "").stream().map(q::accepts).toList(), q.name());
        }
        for (SubQuery q : List.of(SubQuery.OUTBOUND_SOURCES, SubQuery.INBOUND_DESTINATIONS)) {
            assertEquals(List.of(true, true, true, false, false, false, false),
                    List.of("10.2.2.100", "172.31.255.255", "192.168.0.1", "172.32.0.1", "100.64.0.1", "8.8.8.8", "host")
                            .stream().map(q::accepts).toList(), q.name());
        }
    }
}
