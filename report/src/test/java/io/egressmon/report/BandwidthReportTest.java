package io.egressmon.report;

import static io.egressmon.report.Fixtures.spoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BandwidthReportTest {

    @ParameterizedTest(name = "--group-by {0} groups on {1}")
    @CsvSource({
            "account,account_name,7",
            "vpc,vpc_name,14",
            "vpc_id,vpc_id,14",
            "region,vpc_region,5",
            "cloud,vendor_name,4",
            "transit,transit_gw_name,5",
            "group,group_name,14",
    })
    @DisplayName("each seed group-by key groups on its attribute")
    void groupByKeys(String key, String attribute, int groups) {
        BandwidthReport grouped = Fixtures.sampleReport().groupBy(key);
        assertEquals(key, grouped.groupBy());
        assertEquals(attribute, GroupBy.fromKey(key).attribute());
        assertEquals(groups, grouped.groups().size());
        assertEquals(14, grouped.groups().stream().mapToInt(GroupBandwidth::spokes).sum());
    }

    @Test
    @DisplayName("groups are sorted by name, list their spokes in report order and sum the spokes' values")
    void groupsSumTheirSpokes() {
        BandwidthReport grouped = Fixtures.sampleReport().groupBy("region");
        assertEquals(List.of("North Europe", "ap-singapore-1", "us-east-1", "us-east-2", "us-west1"),
                grouped.groups().stream().map(GroupBandwidth::name).toList());
        GroupBandwidth europe = grouped.groups().get(0);
        assertEquals(List.of("marketing-azure-spoke-all", "operations-azure-spoke-k8s"), europe.gateways());
        assertEquals(51130926L + 61605844L, europe.internalRxBytes());
        assertEquals(52099106L + 46371648L, europe.internalTxBytes());
        assertEquals(45407228434L + 12436175118L, europe.egressRxBytes());
        assertEquals(29312913260L + 8459548751L, europe.egressTxBytes());
    }

    @Test
    @DisplayName("the aggregate sums every spoke's clamped values, never re-deriving egress from eth0")
    void aggregateSumsClampedValues() {
        // b's tunnels carried more than its eth0 showed: its egress was clamped to 0 and stays 0 in the sum.
        SpokeBandwidth a = new SpokeBandwidth("a", null, null, null, null, null, null, null, List.of(),
                10, 10, 100, 100, 120, 120);
        SpokeBandwidth b = new SpokeBandwidth("b", null, null, null, null, null, null, null, List.of(),
                50, 50, 0, 0, 60, 60);
        GroupBandwidth all = new BandwidthReport(Fixtures.SAMPLE_START, Fixtures.SAMPLE_END, 7, List.of(a, b)).aggregate();
        assertEquals(List.of(60L, 60L, 100L, 100L),
                List.of(all.internalRxBytes(), all.internalTxBytes(), all.egressRxBytes(), all.egressTxBytes()));
        assertEquals(320L, all.totalBytes());
        assertEquals(2, all.spokes());
    }

    @Test
    @DisplayName("a spoke's total is internal plus egress, both directions")
    void spokeTotal() {
        assertEquals(1 + 2 + 3 + 4, spoke("x", 1, 2, 3, 4).totalBytes());
    }

    @Test
    @DisplayName("spokes without the grouped attribute fall into the group 'unknown'")
    void missingAttribute() {
        SpokeBandwidth bare = new SpokeBandwidth("bare", null, null, null, null, "", null, null, List.of(), 1, 1, 1, 1, 3, 3);
        BandwidthReport grouped = new BandwidthReport(Fixtures.SAMPLE_START, Fixtures.SAMPLE_END, 7,
                List.of(bare, spoke("aws-1", 1, 1, 1, 1))).groupBy(GroupBy.CLOUD);
        assertEquals(List.of("AWS", "unknown"), grouped.groups().stream().map(GroupBandwidth::name).toList());
    }

    @Test
    @DisplayName("an unknown group-by key is refused with the list of valid keys")
    void unknownKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fixtures.sampleReport().groupBy("planet"));
        assertEquals("unknown group-by key 'planet'; expected one of account, vpc, vpc_id, region, cloud, transit, group",
                e.getMessage());
    }

    @Test
    @DisplayName("an ungrouped report has no groups, and the records copy the lists they are given")
    void immutability() {
        BandwidthReport report = Fixtures.sampleReport();
        assertFalse(report.grouped());
        assertTrue(report.groups().isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> report.gateways().clear());
    }
}
