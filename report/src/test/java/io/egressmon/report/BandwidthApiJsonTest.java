package io.egressmon.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BandwidthApiJsonTest {

    @Test
    @DisplayName("the API's answer for the sample reads back into the sample's spokes, extra fields ignored")
    void readsTheSample() {
        BandwidthReport report = BandwidthReport.fromApiJson(Fixtures.text("fixtures/api_bandwidth_7d.json"));
        assertEquals(Fixtures.SAMPLE_START, report.periodStart());
        assertEquals(Fixtures.SAMPLE_END, report.periodEnd());
        assertEquals(7, report.periodDays());
        assertEquals(14, report.gateways().size());
        // The CSV does not carry tunnels or eth0, so compare what it does carry.
        assertEquals(BandwidthCsv.write(Fixtures.sampleReport()), BandwidthCsv.write(report));
        assertEquals(List.of("tun-c9464c98-0", "tun-c9464c98-1"), report.gateways().get(0).tunnelInterfaces());
        assertEquals(List.of(), report.gateways().get(3).tunnelInterfaces());
    }

    @Test
    @DisplayName("the server's groups are taken as they come")
    void readsServerGroups() {
        BandwidthReport report = BandwidthReport.fromApiJson(Fixtures.text("fixtures/api_bandwidth_7d_by_cloud.json"));
        assertEquals("cloud", report.groupBy());
        assertEquals(Fixtures.sampleReport().groupBy("cloud").groups(), report.groups());
    }

    @Test
    @DisplayName("when the body names group_by but has no groups, the spokes are grouped locally")
    void groupsLocallyWhenGroupsAreMissing() {
        String body = minimal("\"group_by\": \"region\"");
        BandwidthReport report = BandwidthReport.fromApiJson(body);
        assertEquals("region", report.groupBy());
        assertEquals(List.of("us-east-1"), report.groups().stream().map(GroupBandwidth::name).toList());
    }

    @Test
    @DisplayName("null or absent attributes read as null; times with an offset or without a zone are accepted")
    void lenientAttributesAndTimes() {
        String body = """
                {"period_start": "2026-01-11T11:00:00+01:00", "period_end": "2026-01-12T10:00:00",
                 "period_days": 1, "gateways": [{"gateway": "gw", "account_name": null,
                 "internal_rx_bytes": 1, "internal_tx_bytes": 2, "egress_rx_bytes": 3, "egress_tx_bytes": 4,
                 "eth0_rx_bytes": 6, "eth0_tx_bytes": 7}]}""";
        BandwidthReport report = BandwidthReport.fromApiJson(body);
        assertEquals(Instant.parse("2026-01-11T10:00:00Z"), report.periodStart());
        assertEquals(Instant.parse("2026-01-12T10:00:00Z"), report.periodEnd());
        SpokeBandwidth gw = report.gateways().get(0);
        assertNull(gw.accountName());
        assertNull(gw.vendorName());
        assertEquals(List.of(), gw.tunnelInterfaces());
    }

    @Test
    @DisplayName("a missing byte count is an error naming the field and the gateway, not a silent zero")
    void missingCount() {
        String body = minimal("").replace("\"egress_tx_bytes\": 4, ", "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BandwidthReport.fromApiJson(body));
        assertEquals("bandwidth response: 'egress_tx_bytes' of gateway 'gw' is missing or not an integer", e.getMessage());
    }

    @Test
    @DisplayName("a body that is not JSON, or lacks the period, is an error")
    void notAReport() {
        assertThrows(IllegalArgumentException.class, () -> BandwidthReport.fromApiJson("<html>oops</html>"));
        assertThrows(IllegalArgumentException.class, () -> BandwidthReport.fromApiJson("[]"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BandwidthReport.fromApiJson("{\"gateways\": []}"));
        assertEquals("bandwidth response: 'period_start' is missing", e.getMessage());
    }

    private static String minimal(String extra) {
        return """
                {"period_start": "2026-01-11T10:00:00Z", "period_end": "2026-01-12T10:00:00Z", "period_days": 1,
                 "gateways": [{"gateway": "gw", "vpc_region": "us-east-1", "internal_rx_bytes": 1, \
                "internal_tx_bytes": 2, "egress_rx_bytes": 3, "egress_tx_bytes": 4, "eth0_rx_bytes": 6, \
                "eth0_tx_bytes": 7}]%s}""".formatted(extra.isEmpty() ? "" : ", " + extra);
    }
}
