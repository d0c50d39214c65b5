package io.egressmon.streams.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.report.GroupBandwidth;
import io.egressmon.report.GroupBy;
import io.egressmon.api.bandwidth.RawTotals;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Assembling a bandwidth answer from totals and the inventory")
class BandwidthAnswerTest {
    private static final PeriodPlan PLAN = PeriodPlan.of(Instant.parse("2026-02-01T00:00:00Z"),
            Instant.parse("2026-02-02T00:00:00Z"), Instant.parse("2026-02-08T00:00:00Z"));

    private static GatewayInfo gateway(String name, String type, String cloud, String account) {
        return new GatewayInfo(name, type, account, "vpc-" + name, "vpc-id-" + name, "us-east-1", cloud, "transit-1",
                "", List.of("tun-" + name), Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static Map<String, GatewayInfo> inventory(GatewayInfo... gateways) {
        Map<String, GatewayInfo> m = new TreeMap<>();
        for (GatewayInfo g : gateways) {
            m.put(g.gateway(), g);
        }
        return m;
    }

    /** eth0 rx/tx and tunnel rx/tx; egress = eth0 − both tunnel directions, clamped. */
    private static RawTotals totals(long eth0, long tunnel) {
        return new RawTotals(eth0, eth0, tunnel, tunnel, 0);
    }

    @Test
    @DisplayName("lists inventory spokes without data as zeros and data without inventory with empty attributes, sorted by name")
    void joinRules() {
        BandwidthAnswer a = BandwidthAnswer.assemble(PLAN, 1,
                Map.of("spoke-b", totals(100, 10), "orphan", totals(50, 0)),
                inventory(gateway("spoke-b", "spoke", "AWS", "acct"), gateway("spoke-a", "spoke", "AWS", "acct"),
                        gateway("transit-1", "transit", "AWS", "acct")),
                null, null);
        assertEquals(List.of("orphan", "spoke-a", "spoke-b"), a.spokes().stream().map(SpokeRow::gateway).toList(),
                "transits of the inventory are not spokes; spokes without data are");
        assertEquals(RawTotals.ZERO, a.spokes().get(1).totals());
        assertNull(a.spokes().get(0).info().accountName());
        assertEquals(80, a.spokes().get(2).totals().egressRx());
    }

    @Test
    @DisplayName("groups and the aggregate add up the spokes' own clamped values")
    void groupsSumClampedValues() {
        // spoke-x has more tunnel than eth0 traffic: its egress clamps to 0 and must not eat spoke-y's egress.
        BandwidthAnswer a = BandwidthAnswer.assemble(PLAN, 1,
                Map.of("spoke-x", totals(10, 50), "spoke-y", totals(1000, 100), "spoke-z", totals(300, 0)),
                inventory(gateway("spoke-x", "spoke", "AWS", "a1"), gateway("spoke-y", "spoke", "AWS", "a2"),
                        gateway("spoke-z", "spoke", "Azure ARM", "a1")),
                null, GroupBy.CLOUD);
        GroupBandwidth aggregate = a.aggregate();
        assertEquals(3, aggregate.spokes());
        assertEquals(0 + 800 + 300, aggregate.egressRxBytes());
        assertEquals(50 + 100, aggregate.internalRxBytes());

        List<GroupBandwidth> groups = a.groups();
        assertEquals(List.of("AWS", "Azure ARM"), groups.stream().map(GroupBandwidth::name).toList());
        assertEquals(List.of("spoke-x", "spoke-y"), groups.get(0).gateways());
        assertEquals(800, groups.get(0).egressRxBytes());
        assertEquals(300, groups.get(1).egressRxBytes());
    }

    @Test
    @DisplayName("spokes lacking the grouped attribute fall in the 'unknown' group, as the CLI groups them")
    void missingAttributeGroup() {
        BandwidthAnswer a = BandwidthAnswer.assemble(PLAN, 1, Map.of("orphan", totals(5, 0)),
                inventory(gateway("spoke-a", "spoke", "AWS", "a1")), null, GroupBy.ACCOUNT);
        assertEquals(List.of("a1", GroupBy.MISSING_VALUE), a.groups().stream().map(GroupBandwidth::name).toList());
    }

    @Test
    @DisplayName("one gateway: known from the inventory alone (zeros), from data alone, and 404 naming gateway when neither")
    void oneGateway() {
        Map<String, GatewayInfo> inv = inventory(gateway("spoke-a", "spoke", "AWS", "a1"));
        assertEquals(RawTotals.ZERO, BandwidthAnswer.assemble(PLAN, 1, Map.of(), inv, "spoke-a", null).spokes().get(0).totals());
        assertEquals(1, BandwidthAnswer.assemble(PLAN, 1, Map.of("new-gw", totals(1, 0)), inv, "new-gw", null).spokes().size());
        NotFound e = assertThrows(NotFound.class, () -> BandwidthAnswer.assemble(PLAN, 1, Map.of(), inv, "nope", null));
        assertEquals("gateway", e.parameter());
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    }

    @Test
    @DisplayName("the answer carries the plan's effective bounds and the period's day count")
    void bounds() {
        BandwidthAnswer a = BandwidthAnswer.assemble(PLAN, 1, Map.of(), Map.of(), null, null);
        assertEquals(PLAN.start(), a.periodStart());
        assertEquals(PLAN.end(), a.periodEnd());
        assertEquals(1, a.toReport().periodDays());
    }
}
