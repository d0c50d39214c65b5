package io.egressmon.streams.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.NotFound;
import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.api.bandwidth.Step;
import io.egressmon.api.coverage.CoverageAnswer;
import io.egressmon.api.coverage.GatewayCoverage;
import io.egressmon.streams.flows.FlowSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A coverage answer")
class CoverageAnswersTest {
    private static final Instant FROM = Instant.parse("2026-02-10T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-02-10T04:00:00Z");

    private static Instant h(int hour) {
        return FROM.plusSeconds(3600L * hour);
    }

    /** eth0 carrying {@code egress} bytes each way beyond 10 bytes of tunnel traffic each way. */
    private static RawTotals counted(long egressEachWay) {
        return new RawTotals(egressEachWay + 20, egressEachWay + 20, 10, 10, 0);
    }

    private static CoverageAnswer answer(Map<String, SortedMap<Instant, Long>> flows,
                                         Map<String, SortedMap<Instant, RawTotals>> counters, String only) {
        return CoverageAnswers.assemble(new CoverageAnswers.Range(FROM, TO, Step.HOUR), 1, FlowSettings.DEFAULTS, flows,
                counters, only);
    }

    @Test
    @DisplayName("compares the hours a gateway exported flows in after an hour it also did: not an export's first, partial hour")
    void skipsTheFirstHour() {
        SortedMap<Instant, Long> flows = new TreeMap<>(Map.of(h(1), 50L, h(2), 200L, h(3), 190L));
        SortedMap<Instant, RawTotals> counters = new TreeMap<>(Map.of(h(1), counted(100), h(2), counted(100), h(3), counted(100)));
        GatewayCoverage g = answer(Map.of("spoke-a", flows), Map.of("spoke-a", counters), null).gateways().get(0);
        assertEquals(List.of(h(2), h(3)), g.steps().stream().map(c -> c.start()).toList());
        assertEquals(390, g.flowEgressBytes());
        assertEquals(400, g.counterEgressBytes());
        assertEquals(0.975, g.coverage(), 1e-9);
        assertFalse(g.samplingSuspect());
    }

    @Test
    @DisplayName("an hour whose previous hour had flows before the period is compared from the period's start")
    void flowsBeforeThePeriod() {
        SortedMap<Instant, Long> flows = new TreeMap<>(Map.of(h(-1), 10L, h(0), 100L));
        SortedMap<Instant, RawTotals> counters = new TreeMap<>(Map.of(h(0), counted(100)));
        GatewayCoverage g = answer(Map.of("spoke-a", flows), Map.of("spoke-a", counters), null).gateways().get(0);
        assertEquals(1, g.comparedSteps());
        assertEquals(h(0), g.comparedFrom());
    }

    @Test
    @DisplayName("flags a gateway whose flows carry far less or far more than its counters: sampling_suspect")
    void suspect() {
        SortedMap<Instant, Long> few = new TreeMap<>(Map.of(h(0), 10L, h(1), 10L));
        SortedMap<Instant, Long> many = new TreeMap<>(Map.of(h(0), 500L, h(1), 500L));
        SortedMap<Instant, RawTotals> counters = new TreeMap<>(Map.of(h(1), counted(100)));
        CoverageAnswer a = answer(Map.of("spoke-a", few, "spoke-b", many), Map.of("spoke-a", counters, "spoke-b", counters), null);
        assertTrue(a.gateways().get(0).samplingSuspect());
        assertEquals(0.05, a.gateways().get(0).coverage(), 1e-9);
        assertTrue(a.gateways().get(1).samplingSuspect());
    }

    @Test
    @DisplayName("a gateway with flows but no counted egress has no coverage figure and is suspect; counters alone are not listed")
    void noCounters() {
        CoverageAnswer a = answer(Map.of("10.9.9.9", new TreeMap<>(Map.of(h(0), 5L, h(1), 5L))),
                Map.of("spoke-c", new TreeMap<>(Map.of(h(1), counted(100)))), null);
        assertEquals(1, a.gateways().size());
        assertNull(a.gateways().get(0).coverage());
        assertTrue(a.gateways().get(0).samplingSuspect());
    }

    @Test
    @DisplayName("derives the counted egress once from the summed raw totals, as bandwidth answers do")
    void derivedOnce() {
        // Hour 1: tunnel bytes counted before the matching eth0 bytes (egress clamps at 0); hour 2: those eth0 bytes.
        SortedMap<Instant, RawTotals> counters = new TreeMap<>(Map.of(
                h(1), new RawTotals(0, 0, 50, 50, 0), h(2), new RawTotals(200, 200, 0, 0, 0)));
        SortedMap<Instant, Long> flows = new TreeMap<>(Map.of(h(0), 1L, h(1), 1L, h(2), 198L));
        GatewayCoverage g = answer(Map.of("spoke-a", flows), Map.of("spoke-a", counters), null).gateways().get(0);
        assertEquals(200, g.counterEgressBytes(), "(200 − 100) × 2 directions, not 0 + 400");
        assertEquals(400, g.steps().get(1).counterEgressBytes(), "an hour alone clamps");
    }

    @Test
    @DisplayName("the range: the period on the step's grid, ending with the last step that ended 3 minutes ago")
    void range() {
        Instant now = Instant.parse("2026-02-10T10:37:12Z");
        io.egressmon.api.Period period = new io.egressmon.api.Period(Instant.parse("2026-02-10T08:31:00Z"), now, 0);
        CoverageAnswers.Range hourly = CoverageAnswers.range(period, Step.HOUR, now);
        assertEquals(Instant.parse("2026-02-10T08:00:00Z"), hourly.from());
        assertEquals(Instant.parse("2026-02-10T10:00:00Z"), hourly.to());
        CoverageAnswers.Range fine = CoverageAnswers.range(period, Step.FIVE_MINUTES, now);
        assertEquals(Instant.parse("2026-02-10T08:30:00Z"), fine.from());
        assertEquals(Instant.parse("2026-02-10T10:30:00Z"), fine.to(), "10:30-10:35 ended 2 min 12 s ago: not settled");
        io.egressmon.api.Period old = new io.egressmon.api.Period(Instant.parse("2026-02-05T00:00:00Z"), now, 5);
        assertThrows(io.egressmon.api.BadParameter.class, () -> CoverageAnswers.range(old, Step.FIVE_MINUTES, now));
    }

    @Test
    @DisplayName("answers one gateway, and 404 for a gateway with neither flows nor counters")
    void oneGateway() {
        Map<String, SortedMap<Instant, Long>> flows = Map.of("spoke-a", new TreeMap<>(Map.of(h(0), 5L)),
                "spoke-b", new TreeMap<>(Map.of(h(0), 5L)));
        assertEquals(List.of("spoke-b"), answer(flows, Map.of(), "spoke-b").gateways().stream().map(GatewayCoverage::gateway).toList());
        assertThrows(NotFound.class, () -> answer(flows, Map.of(), "spoke-z"));
    }
}
