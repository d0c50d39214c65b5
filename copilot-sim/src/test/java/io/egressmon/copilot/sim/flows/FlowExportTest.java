package io.egressmon.copilot.sim.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.avro.TalkerRole;
import io.egressmon.copilot.sim.Estate;
import io.egressmon.copilot.sim.GatewayTruth;
import io.egressmon.copilot.sim.flowiq.FlowEstate;
import io.egressmon.schemas.IpClass;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The spokes' flow export")
class FlowExportTest {

    private static final Instant ANCHOR = Instant.parse("2026-02-10T10:00:00Z");
    private static final List<Instant> MINUTES = List.of(ANCHOR, ANCHOR.plusSeconds(60), ANCHOR.plus(Duration.ofHours(5)),
            ANCHOR.plus(Duration.ofMinutes(17 * 60 + 31)));

    private final Estate estate = Estate.create(ANCHOR, 42, 0);
    private final FlowTruth truth = new FlowTruth(FlowEstate.of(estate));

    @Test
    @DisplayName("has one exporter per sample spoke on 127.0.1.N, half IPFIX, half NetFlow v9, three sampled")
    void plan() {
        List<SpokeExporter> plan = truth.exporters();
        assertEquals(14, plan.size());
        for (int i = 0; i < plan.size(); i++) {
            assertEquals("127.0.1." + (i + 1), plan.get(i).source().getHostAddress());
            assertEquals(estate.spokes().get(i).name(), plan.get(i).gateway());
        }
        assertEquals(Map.of(ExportFormat.IPFIX, 7L, ExportFormat.NETFLOW_V9, 7L),
                plan.stream().collect(Collectors.groupingBy(SpokeExporter::format, Collectors.counting())));
        assertEquals(Map.of("engineering-aws-spoke-dev", 10, "enterprise-data-gcp-spoke-qa", 10,
                        "operations-oci-spoke-shared", 100),
                plan.stream().filter(SpokeExporter::sampled)
                        .collect(Collectors.toMap(SpokeExporter::gateway, SpokeExporter::samplingRate)));
    }

    @Test
    @DisplayName("sends, for every spoke with metrics and minute, egress flows that add up to its counters' egress to the byte")
    void egressMatchesCounters() {
        for (Instant minute : MINUTES) {
            Map<String, GatewayTruth> counters = estate.truth(minute, minute.plusSeconds(60), minute.plusSeconds(120)).gateways();
            for (SpokeExporter exporter : truth.exporters()) {
                if (exporter.gateway().equals(Estate.NO_METRICS_SPOKE)) {
                    continue;
                }
                GatewayTruth counted = counters.get(exporter.gateway());
                SpokeMinute flows = truth.flows(exporter.gateway(), minute);
                String where = exporter.gateway() + " at " + minute;
                assertEquals(counted.egressTxBytes(), egress(flows.observed(), true), where + " sent");
                assertEquals(counted.egressRxBytes(), egress(flows.observed(), false), where + " received");
                FlowTruth.MinuteTruth minuteTruth = truth.minute(exporter.gateway(), minute);
                assertEquals(counted.egressRxBytes() + counted.egressTxBytes(), minuteTruth.flowEgressBytes(), where);
                if (!exporter.sampled()) {
                    assertEquals(flows.observed(), flows.exported(), where);
                    assertEquals(minuteTruth.flowEgressBytes(), minuteTruth.collectedEgressBytes(), where);
                }
            }
        }
    }

    @Test
    @DisplayName("credits each egress flow's bytes to its public peer as external and its RFC1918 host as internal")
    void roles() {
        FlowTruth.MinuteTruth minute = truth.minute(FlowEstate.MARKETING, MINUTES.get(2));
        long external = minute.observed(TalkerRole.EXTERNAL).values().stream().mapToLong(Long::longValue).sum();
        long internal = minute.observed(TalkerRole.INTERNAL).values().stream().mapToLong(Long::longValue).sum();
        assertEquals(minute.flowEgressBytes(), external);
        assertEquals(minute.flowEgressBytes(), internal);
        assertTrue(minute.observed(TalkerRole.EXTERNAL).containsKey("23.185.0.3"));
        assertTrue(minute.observed(TalkerRole.INTERNAL).containsKey("10.2.2.100"));
        assertFalse(minute.observed(TalkerRole.EXTERNAL).containsKey("100.64.0.1"), "CGNAT is no egress");
        minute.observed(TalkerRole.EXTERNAL).keySet().forEach(ip -> assertEquals(IpClass.PUBLIC, IpClass.of(ip), ip));
    }

    @Test
    @DisplayName("also exports east-west (RFC1918 to RFC1918) and CGNAT flows, which are no egress")
    void notEgress() {
        SpokeMinute flows = truth.flows(FlowEstate.MARKETING, MINUTES.get(2));
        assertTrue(flows.observed().stream().anyMatch(f -> f.record().srcAddr().equals("10.2.2.100")
                && f.record().dstAddr().equals("10.1.5.46") && f.bytes() > 0), "10.2.2.100 → 10.1.5.46:5432");
        assertTrue(flows.observed().stream().anyMatch(f -> f.record().dstAddr().equals("100.64.0.1")));
    }

    @Test
    @DisplayName("samples 1-in-N deterministically: N × the sampled packets' bytes comes within a few percent of the counters over an hour")
    void sampledCoverage() {
        Instant hour = ANCHOR.plus(Duration.ofHours(4));
        for (SpokeExporter exporter : truth.exporters()) {
            double coverage = truth.expectedCoverage(exporter.gateway(), hour).orElse(Double.NaN);
            if (exporter.gateway().equals(Estate.NO_METRICS_SPOKE)) {
                assertTrue(Double.isNaN(coverage), "no counters, no coverage");
            } else if (!exporter.sampled()) {
                assertEquals(1.0, coverage, 0.0, exporter.gateway());
            } else {
                System.out.printf("%s 1-in-%d: coverage %.6f%n", exporter.gateway(), exporter.samplingRate(), coverage);
                assertEquals(1.0, coverage, exporter.samplingRate() == 100 ? 0.15 : 0.05, exporter.gateway());
                assertEquals(coverage, new FlowTruth(FlowEstate.of(Estate.create(ANCHOR, 42, 0)))
                        .expectedCoverage(exporter.gateway(), hour).orElseThrow(), 0.0, "reproducible");
            }
        }
    }

    @Test
    @DisplayName("counts a sampled flow's packets 1-in-N through the minute, flows with no sampled packet left out")
    void sampling() {
        SpokeMinute flows = truth.flows("operations-oci-spoke-shared", MINUTES.get(2));
        long packets = flows.observed().stream().mapToLong(WireFlow::packets).sum();
        long sampled = flows.exported().stream().mapToLong(WireFlow::packets).sum();
        assertTrue(sampled == packets / 100 || sampled == packets / 100 + 1, sampled + " of " + packets);
        assertTrue(flows.exported().size() < flows.observed().size());
        List<WireFlow> three = MinuteFlows.sample(List.of(flow(3000), flow(10), flow(4500)), 2, 1);
        // packets 0 1 | 2 | 3 4 5 of 1500 1500 | 10 | 1500 1500 1500 bytes: 1-in-2 takes 1, 3 and 5
        assertEquals(List.of(1500L, 3000L), three.stream().map(WireFlow::bytes).toList());
        assertEquals(List.of(1L, 2L), three.stream().map(WireFlow::packets).toList());
    }

    private static WireFlow flow(long bytes) {
        return new WireFlow(new io.egressmon.copilot.sim.flowiq.FlowRecord("10.0.0.1", "8.8.8.8", "g", 1, 2, 6),
                bytes, MinuteFlows.packets(bytes), 0, 0);
    }

    private static long egress(List<WireFlow> flows, boolean outbound) {
        return flows.stream().filter(f -> MinuteFlows.egress(f.record(), outbound)).mapToLong(WireFlow::bytes).sum();
    }
}
