package io.egressmon.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.GatewayAttributes;
import io.egressmon.api.bandwidth.BandwidthAnswer;
import io.egressmon.api.bandwidth.SpokeBandwidth;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BandwidthJsonTest {

    @Test
    @DisplayName("a spoke without tunnels, attributes or a whole-second period prints [], null and microseconds")
    void edgeValues() {
        SpokeBandwidth spoke = new SpokeBandwidth(GatewayAttributes.unknown("gw-\u00e9"), List.of(), Fixtures.traffic(0, 0, 5, 6));
        BandwidthAnswer answer = Fixtures.bandwidth(Instant.parse("2026-01-11T10:00:00.5Z"),
                Instant.parse("2026-01-12T10:00:00Z"), 1, List.of(spoke), null);
        assertEquals("""
                {
                  "report": "spoke_gateway_bandwidth",
                  "method": "interface_counters",
                  "period_start": "2026-01-11T10:00:00.500000Z",
                  "period_end": "2026-01-12T10:00:00Z",
                  "period_days": 1,
                  "gateways": [
                    {
                      "gateway": "gw-\\u00e9",
                      "account_name": null,
                      "vpc_name": null,
                      "vpc_id": null,
                      "vpc_region": null,
                      "vendor_name": null,
                      "transit_gw_name": null,
                      "group_name": null,
                      "tunnel_interfaces": [],
                      "internal_rx_bytes": 0,
                      "internal_tx_bytes": 0,
                      "egress_rx_bytes": 5,
                      "egress_tx_bytes": 6,
                      "eth0_rx_bytes": 5,
                      "eth0_tx_bytes": 6
                    }
                  ]
                }
                """, BandwidthJson.write(answer));
    }

    @Test
    @DisplayName("an answer without spokes prints an empty gateways list")
    void emptyReport() {
        String json = BandwidthJson.write(Fixtures.bandwidth(Instant.parse("2026-02-03T10:00:00Z"),
                Instant.parse("2026-02-10T10:00:00Z"), 7, List.of(), null));
        assertTrue(json.endsWith("  \"period_days\": 7,\n  \"gateways\": []\n}\n"), json);
    }
}
