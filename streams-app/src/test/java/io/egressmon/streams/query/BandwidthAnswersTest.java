package io.egressmon.streams.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.GroupBy;
import io.egressmon.api.InventoryGateway;
import io.egressmon.api.NotFound;
import io.egressmon.api.Period;
import io.egressmon.api.bandwidth.GatewayPeriod;
import io.egressmon.api.bandwidth.BandwidthAnswer;
import io.egressmon.api.bandwidth.GroupBandwidth;
import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.api.bandwidth.SpokeBandwidth;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Assembling a bandwidth answer from totals and the inventory")
class BandwidthAnswersTest {
    private static final PeriodPlan PLAN = PeriodPlan.of(Instant.parse("2026-02-01T00:00:00Z"),
            Instant.parse("2026-02-02T00:00:00Z"), Instant.parse("2026-02-08T00:00:00Z"));

    private static InventoryGateway gateway(String name, String type, String cloud, String account) {
        return new InventoryGateway(name, type, account, "vpc-" + name, "vpc-id-" + name, "us-east-1", cloud,
                "transit-1", "", List.of("tun-" + name), Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static Map<String, InventoryGateway> inventory(InventoryGateway... gateways) {
        Map<String, InventoryGateway> m = new TreeMap<>();
        for (InventoryGateway g : gateways) {
            m.put(g.gateway(), g);
        }
        return m;
    }

    /** eth0 rx/tx and tunnel rx/tx; egress = eth0 − both tunnel directions, clamped. */
    private static RawTotals totals(long eth0, long tunnel) {
        return new RawTotals(eth0, eth0, tunnel, tunnel, 0);
    }

    private static final Period ASKED = new Period(PLAN.start(), PLAN.end(), 1);
    private static final Instant LATER = PLAN.end().plus(Duration.ofDays(1));

    private static BandwidthAnswer assemble(Map<String, RawTotals> totals, Map<String, InventoryGateway> inventory,
                                            String gateway, GroupBy groupBy) {
        return BandwidthAnswers.assemble(PLAN, ASKED, PartitionCoverageTest.periods(totals, LATER), inventory, gateway,
                groupBy, LATER);
    }

    @Test
    @DisplayName("a spoke without readings is has_metrics false and does not make the answer incomplete")
    void noMetrics() {
        Map<String, GatewayPeriod> periods = new TreeMap<>(PartitionCoverageTest.periods(Map.of("spoke-b", totals(100, 10)), LATER));
        periods.put("spoke-a", new GatewayPeriod(RawTotals.ZERO, 0, LATER, false)); // polled, never a reading
        BandwidthAnswer a = BandwidthAnswers.assemble(PLAN, ASKED, periods,
                inventory(gateway("spoke-a", "spoke", "AWS", "acct"), gateway("spoke-b", "spoke", "AWS", "acct")), null, null, LATER);
        assertEquals(List.of(false, true), a.gateways().stream().map(SpokeBandwidth::metrics).toList());
        assertEquals(List.of("spoke-a"), a.withoutMetrics());
        assertTrue(a.covered().complete(), "every spoke with metrics is read past the period's end");
        assertEquals(PLAN.end(), a.covered().dataUntil(), "capped at the period's end");
        BandwidthAnswer kept = a.withMetricsOnly();
        assertEquals(1, kept.aggregate().spokes());
        assertEquals(List.of("spoke-b"), kept.gateways().stream().map(SpokeBandwidth::gateway).toList());
    }

    @Test
    @DisplayName("a spoke not processed as far as the period needs is not declared without metrics, and the answer is incomplete")
    void noMetricsUnknownWhileIncomplete() {
        Map<String, GatewayPeriod> periods = new TreeMap<>(PartitionCoverageTest.periods(Map.of("spoke-b", totals(7, 1)), LATER));
        periods.put("spoke-a", new GatewayPeriod(RawTotals.ZERO, 0, PLAN.start().plus(Duration.ofHours(3)), false));
        BandwidthAnswer a = BandwidthAnswers.assemble(PLAN, ASKED, periods,
                inventory(gateway("spoke-a", "spoke", "AWS", "acct"), gateway("spoke-b", "spoke", "AWS", "acct")), null, null, LATER);
        assertFalse(a.covered().complete());
        assertEquals(List.of(), a.withoutMetrics(), "not read yet is not the same as no metrics");
    }

    @Test
    @DisplayName("an answer is incomplete while some spoke's readings stop inside the period, and names how far")
    void incomplete() {
        Instant behind = PLAN.start().plus(Duration.ofHours(7));
        Map<String, GatewayPeriod> periods = new TreeMap<>(PartitionCoverageTest.periods(Map.of("spoke-a", totals(5, 1)), LATER));
        periods.put("spoke-b", new GatewayPeriod(totals(7, 1), 0, behind, true));
        BandwidthAnswer a = BandwidthAnswers.assemble(PLAN, ASKED, periods,
                inventory(gateway("spoke-a", "spoke", "AWS", "acct"), gateway("spoke-b", "spoke", "AWS", "acct")), null, null, LATER);
        assertFalse(a.covered().complete());
        assertEquals(behind, a.covered().dataUntil());
        assertEquals(behind, a.gateways().get(1).dataUntil());
    }

    @Test
    @DisplayName("an answer with an error bound is approximate and says by how much; an exact one is not")
    void approximate() {
        Map<String, GatewayPeriod> periods = new TreeMap<>();
        periods.put("spoke-a", new GatewayPeriod(totals(5, 1), 40, LATER, true));
        periods.put("spoke-b", new GatewayPeriod(totals(7, 1), 2, LATER, true));
        BandwidthAnswer a = BandwidthAnswers.assemble(PLAN, ASKED, periods, Map.of(), null, null, LATER);
        assertTrue(a.approximate());
        assertEquals(42L, a.errorBoundBytes());
        assertFalse(assemble(Map.of("spoke-a", totals(5, 1)), Map.of(), null, null).approximate());
    }

    @Test
    @DisplayName("lists inventory spokes without data as zeros and data without inventory with empty attributes, sorted by name")
    void joinRules() {
        BandwidthAnswer a = assemble(Map.of("spoke-b", totals(100, 10), "orphan", totals(50, 0)),
                inventory(gateway("spoke-b", "spoke", "AWS", "acct"), gateway("spoke-a", "spoke", "AWS", "acct"),
                        gateway("transit-1", "transit", "AWS", "acct")),
                null, null);
        assertEquals(List.of("orphan", "spoke-a", "spoke-b"), a.gateways().stream().map(SpokeBandwidth::gateway).toList(),
                "transits of the inventory are not spokes; spokes without data are");
        assertEquals(RawTotals.ZERO.traffic(), a.gateways().get(1).traffic());
        assertNull(a.gateways().get(0).attributes().accountName());
        assertEquals(80, a.gateways().get(2).traffic().egressRxBytes());
    }

    @Test
    @DisplayName("a spoke's row carries its inventory attributes and tunnel interfaces")
    void rowAttributes() {
        InventoryGateway spoke = gateway("spoke-a", "spoke", "AWS", "acct");
        SpokeBandwidth row = assemble(Map.of("spoke-a", totals(100, 10)), inventory(spoke), null, null).gateways().get(0);
        assertEquals(spoke.attributes(), row.attributes());
        assertEquals(List.of("tun-spoke-a"), row.tunnelInterfaces());
    }

    @Test
    @DisplayName("groups and the aggregate add up the spokes' own clamped values")
    void groupsSumClampedValues() {
        // spoke-x has more tunnel than eth0 traffic: its egress clamps to 0 and must not eat spoke-y's egress.
        BandwidthAnswer a = assemble(
                Map.of("spoke-x", totals(10, 50), "spoke-y", totals(1000, 100), "spoke-z", totals(300, 0)),
                inventory(gateway("spoke-x", "spoke", "AWS", "a1"), gateway("spoke-y", "spoke", "AWS", "a2"),
                        gateway("spoke-z", "spoke", "Azure ARM", "a1")),
                null, GroupBy.CLOUD);
        assertEquals(3, a.aggregate().spokes());
        assertEquals(0 + 800 + 300, a.aggregate().bandwidth().egressRxBytes());
        assertEquals(50 + 100, a.aggregate().bandwidth().internalRxBytes());

        List<GroupBandwidth> groups = a.groups();
        assertEquals(List.of("AWS", "Azure ARM"), groups.stream().map(GroupBandwidth::name).toList());
        assertEquals(List.of("spoke-x", "spoke-y"), groups.get(0).gateways());
        assertEquals(800, groups.get(0).bandwidth().egressRxBytes());
        assertEquals(300, groups.get(1).bandwidth().egressRxBytes());
    }

    @Test
    @DisplayName("spokes lacking the grouped attribute fall in the 'unknown' group, as the CLI groups them")
    void missingAttributeGroup() {
        BandwidthAnswer a = assemble(Map.of("orphan", totals(5, 0)),
                inventory(gateway("spoke-a", "spoke", "AWS", "a1")), null, GroupBy.ACCOUNT);
        assertEquals(List.of("a1", GroupBy.MISSING_VALUE), a.groups().stream().map(GroupBandwidth::name).toList());
    }

    @Test
    @DisplayName("an ungrouped answer has no groups")
    void ungrouped() {
        BandwidthAnswer a = assemble(Map.of("spoke-a", totals(5, 0)), Map.of(), null, null);
        assertNull(a.groupBy());
        assertNull(a.groups());
    }

    @Test
    @DisplayName("one gateway known from the inventory alone is answered with zeros")
    void oneGatewayFromInventory() {
        BandwidthAnswer a = assemble(Map.of(), inventory(gateway("spoke-a", "spoke", "AWS", "a1")), "spoke-a", null);
        assertEquals(List.of(RawTotals.ZERO.traffic()), a.gateways().stream().map(SpokeBandwidth::traffic).toList());
    }

    @Test
    @DisplayName("one gateway known from data alone is answered with empty attributes")
    void oneGatewayFromData() {
        BandwidthAnswer a = assemble(Map.of("new-gw", totals(1, 0), "other", totals(2, 0)),
                inventory(gateway("spoke-a", "spoke", "AWS", "a1")), "new-gw", null);
        assertEquals(List.of("new-gw"), a.gateways().stream().map(SpokeBandwidth::gateway).toList());
        assertNull(a.gateways().get(0).attributes().vpcName());
    }

    @Test
    @DisplayName("one gateway neither in the inventory nor with data is a 404 naming gateway")
    void oneGatewayUnknown() {
        NotFound e = assertThrows(NotFound.class,
                () -> assemble(Map.of(), inventory(gateway("spoke-a", "spoke", "AWS", "a1")), "nope", null));
        assertEquals("gateway", e.parameter());
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    }

    @Test
    @DisplayName("the answer carries the plan's effective bounds and the period's day count")
    void bounds() {
        BandwidthAnswer a = assemble(Map.of(), Map.of(), null, null);
        assertEquals(PLAN.start(), a.periodStart());
        assertEquals(PLAN.end(), a.periodEnd());
        assertEquals(1, a.periodDays());
    }
}
