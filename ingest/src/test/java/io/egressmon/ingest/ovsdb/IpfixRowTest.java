package io.egressmon.ingest.ovsdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An IPFIX row in OVSDB's JSON")
class IpfixRowTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @DisplayName("is written with targets as a set, integers plain, and no obs_point_id when there is none")
    void written() throws Exception {
        IpfixSettings s = IpfixSettings.of(List.of("127.0.0.1:4739"), 1, 123, 2, 1000);
        assertEquals(JSON.readTree("""
            {"targets":["set",["127.0.0.1:4739"]],"sampling":1,"obs_domain_id":123,
             "cache_active_timeout":2,"cache_max_flows":1000}"""),
            JSON.readTree(JSON.writeValueAsString(IpfixRow.of(s)))); // as sent: Jackson tells a long from an int node
    }

    @Test
    @DisplayName("reads back what it wrote")
    void roundTrip() {
        IpfixSettings s = new IpfixSettings(List.of("127.0.0.1:4739", "[::1]:9995"), 64, 7, OptionalLong.of(9), 60, 4096);
        assertEquals(s, IpfixRow.settings(IpfixRow.of(s)));
    }

    @Test
    @DisplayName("reads a one-element set sent as the bare value, and empty sets as vswitchd's defaults (1-in-400, domain 0, no cache)")
    void asTheServerSendsIt() throws Exception {
        IpfixSettings s = IpfixRow.settings(JSON.readTree("""
            {"_uuid":["uuid","6c1b6a1a-0000-4000-8000-000000000001"],"targets":"127.0.0.1:4739",
             "sampling":["set",[]],"obs_domain_id":["set",[]],"obs_point_id":["set",[]],
             "cache_active_timeout":["set",[]],"cache_max_flows":["set",[]]}"""));
        assertEquals(IpfixSettings.of(List.of("127.0.0.1:4739"), 400, 0, 0, 0), s);
    }

    @Test
    @DisplayName("reads a reference as its uuid, and an empty reference as none")
    void references() throws Exception {
        assertEquals("6c1b6a1a-0000-4000-8000-000000000001",
            IpfixRow.uuid(JSON.readTree("[\"uuid\",\"6c1b6a1a-0000-4000-8000-000000000001\"]")));
        assertNull(IpfixRow.uuid(JSON.readTree("[\"set\",[]]")));
    }
}
