package io.egressmon.api.bandwidth;

import static io.egressmon.api.bandwidth.BandwidthSamples.spoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.egressmon.api.ApiJson;
import io.egressmon.api.Fixtures;
import io.egressmon.api.GatewayAttributes;
import io.egressmon.api.GroupBy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BandwidthAnswerTest {

    @Nested
    @DisplayName("of(...) over the spokes")
    class Of {

        @ParameterizedTest(name = "group_by={0} groups on {1}")
        @CsvSource({
                "account,account_name,7",
                "vpc,vpc_name,14",
                "vpc_id,vpc_id,14",
                "region,vpc_region,5",
                "cloud,vendor_name,4",
                "transit,transit_gw_name,5",
                "group,group_name,14",
        })
        @DisplayName("each group-by key makes one group per value of its attribute, every spoke in one group")
        void groupByKeys(String key, String attribute, int groups) {
            BandwidthAnswer grouped = BandwidthSamples.of(BandwidthSamples.answer().gateways(), GroupBy.fromKey(key));
            assertEquals(groups, grouped.groups().size());
            assertEquals(14, grouped.groups().stream().mapToInt(GroupBandwidth::spokes).sum());
            int column = GatewayAttributes.NAMES.indexOf(attribute);
            for (GroupBandwidth group : grouped.groups()) {
                for (SpokeBandwidth member : grouped.gateways()) {
                    if (group.gateways().contains(member.gateway())) {
                        assertEquals(group.name(), member.attributes().values().get(column), member.gateway());
                    }
                }
            }
        }

        @Test
        @DisplayName("groups are sorted by name, list their spokes in answer order and sum the spokes' values")
        void groupsSumTheirSpokes() {
            BandwidthAnswer grouped = BandwidthSamples.of(BandwidthSamples.answer().gateways(), GroupBy.REGION);
            assertEquals(List.of("North Europe", "ap-singapore-1", "us-east-1", "us-east-2", "us-west1"),
                    grouped.groups().stream().map(GroupBandwidth::name).toList());
            GroupBandwidth europe = grouped.groups().get(0);
            assertEquals(List.of("marketing-azure-spoke-all", "operations-azure-spoke-k8s"), europe.gateways());
            assertEquals(new Bandwidth(51130926L + 61605844L, 52099106L + 46371648L, 45407228434L + 12436175118L,
                    29312913260L + 8459548751L), europe.bandwidth());
        }

        @Test
        @DisplayName("grouped by cloud, the sample's groups and aggregate are the ones the oracle summed")
        void sampleByCloudIsTheOracles() {
            BandwidthAnswer oracle = Fixtures.read(BandwidthSamples.ANSWER_BY_CLOUD, BandwidthAnswer.class);
            assertEquals(oracle, BandwidthSamples.of(oracle.gateways(), GroupBy.CLOUD));
        }

        @Test
        @DisplayName("the aggregate sums every spoke's clamped values, never deriving egress again from eth0")
        void aggregateSumsClampedValues() {
            // b's tunnels carried more than its eth0 showed: its egress was clamped to 0 and stays 0 in the sum.
            SpokeBandwidth a = new SpokeBandwidth(GatewayAttributes.unknown("a"), List.of(),
                    new RawTotals(120, 120, 10, 10, 0).traffic());
            SpokeBandwidth b = new SpokeBandwidth(GatewayAttributes.unknown("b"), List.of(),
                    new RawTotals(60, 60, 50, 50, 0).traffic());
            Aggregate all = BandwidthSamples.of(List.of(a, b), null).aggregate();
            assertEquals(new Aggregate(2, new Bandwidth(60, 60, 100, 100)), all);
        }

        @Test
        @DisplayName("a total is internal plus egress, both directions")
        void total() {
            assertEquals(1 + 2 + 3 + 4, new Bandwidth(1, 2, 3, 4).totalBytes());
        }

        @Test
        @DisplayName("spokes without the grouped attribute, or with it empty, fall into the group 'unknown'")
        void missingAttribute() {
            SpokeBandwidth bare = spoke(GatewayAttributes.unknown("bare"), 1, 1, 1, 1);
            SpokeBandwidth empty = spoke("empty", "", 1, 1, 1, 1);
            BandwidthAnswer grouped = BandwidthSamples.of(List.of(bare, empty, spoke("aws-1", "AWS", 1, 1, 1, 1)), GroupBy.CLOUD);
            assertEquals(List.of("AWS", "unknown"), grouped.groups().stream().map(GroupBandwidth::name).toList());
            assertEquals(List.of("bare", "empty"), grouped.groups().get(1).gateways());
        }

        @Test
        @DisplayName("an ungrouped answer has neither group_by nor groups")
        void ungrouped() {
            BandwidthAnswer answer = BandwidthSamples.of(List.of(spoke("a", "AWS", 1, 1, 1, 1)), null);
            assertNull(answer.groupBy());
            assertNull(answer.groups());
        }

        @Test
        @DisplayName("the answer keeps its own copy of the spokes it is given")
        void copiesTheSpokes() {
            List<SpokeBandwidth> spokes = new ArrayList<>(List.of(spoke("a", "AWS", 1, 1, 1, 1)));
            BandwidthAnswer answer = BandwidthSamples.of(spokes, null);
            spokes.clear();
            assertEquals(1, answer.gateways().size());
            assertThrows(UnsupportedOperationException.class, () -> answer.gateways().clear());
        }
    }

    @Nested
    @DisplayName("read from JSON")
    class Reading {
        @Test
        @DisplayName("the sample answer reads with its period, every spoke, their tunnels and the aggregate")
        void readsTheSample() {
            BandwidthAnswer sample = BandwidthSamples.answer();
            assertEquals(List.of(Fixtures.SAMPLE_START, Fixtures.SAMPLE_END, 7),
                    List.of(sample.periodStart(), sample.periodEnd(), sample.periodDays()));
            assertEquals(14, sample.gateways().size());
            assertEquals(List.of("tun-c9464c98-0", "tun-c9464c98-1"), sample.gateways().get(0).tunnelInterfaces());
            assertEquals(List.of(), sample.gateways().get(3).tunnelInterfaces());
            assertEquals(new Aggregate(14, new Bandwidth(492706333, 455446965, 82753709735L, 59645309534L)),
                    sample.aggregate());
        }

        @Test
        @DisplayName("the server's groups are taken as they come")
        void readsTheGroups() {
            BandwidthAnswer byCloud = Fixtures.read(BandwidthSamples.ANSWER_BY_CLOUD, BandwidthAnswer.class);
            assertEquals(GroupBy.CLOUD, byCloud.groupBy());
            assertEquals(List.of("AWS", "Azure ARM", "Gcloud", "Oracle Cloud Infrastructure"),
                    byCloud.groups().stream().map(GroupBandwidth::name).toList());
        }

        @Test
        @DisplayName("an attribute the inventory lacks reads as null")
        void nullAttribute() {
            BandwidthAnswer answer = ApiJson.read(
                    Fixtures.changed(BandwidthSamples.ANSWER, json -> gateway(json, 0).putNull("account_name")), BandwidthAnswer.class);
            assertNull(answer.gateways().get(0).attributes().accountName());
        }

        @Test
        @DisplayName("a missing byte count is refused naming the field and where it stands, not read as zero")
        void missingByteCount() {
            assertRefused(json -> gateway(json, 1).remove("egress_tx_bytes"),
                    "'egress_tx_bytes'", "(at gateways[1].egress_tx_bytes)");
        }

        @Test
        @DisplayName("a null byte count is refused naming where it stands, not read as zero")
        void nullByteCount() {
            assertRefused(json -> gateway(json, 0).putNull("internal_rx_bytes"), "(at gateways[0].internal_rx_bytes)");
        }

        @Test
        @DisplayName("a spoke without its gateway name is refused naming the field")
        void missingGatewayName() {
            assertRefused(json -> gateway(json, 2).remove("gateway"), "'gateway'", "(at gateways[2].gateway)");
        }

        @Test
        @DisplayName("a left-out attribute is refused: the server writes all eight, null when unknown")
        void missingAttribute() {
            assertRefused(json -> gateway(json, 0).remove("vpc_name"), "'vpc_name'");
        }

        @Test
        @DisplayName("a time that is not ISO-8601 is refused naming the field")
        void badTime() {
            assertRefused(json -> json.put("period_start", "yesterday"), "\"yesterday\"", "(at period_start)");
        }

        @Test
        @DisplayName("an answer without its aggregate is refused naming the field")
        void missingAggregate() {
            assertRefused(json -> json.remove("aggregate"), "'aggregate'");
        }

        @Test
        @DisplayName("group_by without groups is refused: the groups are the server's to make")
        void groupByWithoutGroups() {
            assertRefused(json -> json.put("group_by", "cloud"), "group_by and groups come together");
        }

        @Test
        @DisplayName("another report's answer is refused")
        void anotherReport() {
            assertRefused(json -> json.put("report", "flowiq_top_talkers"),
                    "report is 'flowiq_top_talkers', not spoke_gateway_bandwidth");
        }

        private static void assertRefused(Consumer<ObjectNode> change, String... parts) {
            Fixtures.assertRefused(BandwidthSamples.ANSWER, BandwidthAnswer.class, change, parts);
        }

        private static ObjectNode gateway(ObjectNode answer, int index) {
            return (ObjectNode) answer.get("gateways").get(index);
        }
    }
}
