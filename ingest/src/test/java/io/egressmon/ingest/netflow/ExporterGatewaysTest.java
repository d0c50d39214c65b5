package io.egressmon.ingest.netflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.egressmon.avro.Gateway;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Mapping exporters to gateways")
class ExporterGatewaysTest {
    private static Gateway gateway(String name, String... addresses) {
        return Gateway.newBuilder().setGwName(name).setGwType("spoke").setAddresses(List.of(addresses))
                .setObservedAt(Instant.parse("2026-02-10T10:00:00Z")).build();
    }

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    @DisplayName("finds a gateway by its own addresses in the inventory; the configuration wins; anything else maps to none")
    void inventoryAndConfiguration() throws Exception {
        ExporterGateways g = new ExporterGateways(Map.of(ip("10.1.0.10"), "configured"), () -> Map.of(
                "spoke-a", gateway("spoke-a", "10.1.0.10", "34.1.2.3"), "spoke-b", gateway("spoke-b", "2001:db8::7", "junk")));
        assertEquals("", g.gatewayOf(ip("34.1.2.3")), "nothing before the inventory is read");
        assertEquals(3, g.refresh());
        assertEquals("configured", g.gatewayOf(ip("10.1.0.10")));
        assertEquals("spoke-a", g.gatewayOf(ip("34.1.2.3")));
        assertEquals("spoke-b", g.gatewayOf(ip("2001:db8:0:0:0:0:0:7")));
        assertEquals("", g.gatewayOf(ip("192.0.2.1")));
    }

    @Test
    @DisplayName("an address two gateways claim maps to neither: flows are never put on a guessed gateway")
    void claimedTwice() throws Exception {
        ExporterGateways g = new ExporterGateways(Map.of(), () -> Map.of(
                "spoke-a", gateway("spoke-a", "10.9.9.9"), "spoke-b", gateway("spoke-b", "10.9.9.9", "10.9.9.10")));
        assertEquals(1, g.refresh());
        assertEquals("", g.gatewayOf(ip("10.9.9.9")));
        assertEquals("spoke-b", g.gatewayOf(ip("10.9.9.10")));
    }
}
