package io.egressmon.ingest.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.ingest.copilot.InterfaceMinMax;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The counter reading rules")
class CounterRulesTest {

    private static InterfaceMinMax mm(Long rxMin, Long rxMax, Long txMin, Long txMax) {
        return new InterfaceMinMax(rxMin, rxMax, txMin, txMax);
    }

    @Test
    @DisplayName("min below the last reading is a reset; min equal to it is not")
    void resetIsMinBelowLast() {
        Map<String, Counters> last = Map.of("eth0", Counters.of(100, 200));
        assertFalse(CounterRules.hasReset(last, Map.of("eth0", mm(100L, 150L, 200L, 250L))));
        assertTrue(CounterRules.hasReset(last, Map.of("eth0", mm(100L, 150L, 199L, 250L))));
        assertTrue(CounterRules.hasReset(last, Map.of("eth0", mm(3L, 150L, 200L, 250L))));
    }

    @Test
    @DisplayName("a metric without a last reading, or without both min and max, cannot show a reset")
    void noResetWithoutBothSides() {
        assertFalse(CounterRules.hasReset(Map.of(), Map.of("eth0", mm(1L, 2L, 1L, 2L))));
        assertFalse(CounterRules.hasReset(Map.of("eth0", Counters.of(100, 100)), Map.of("eth0", mm(1L, null, null, 2L))));
        assertFalse(CounterRules.hasReset(Map.of("eth0", new Counters(null, 100L)), Map.of("eth0", mm(1L, 2L, 100L, 120L))));
    }

    @Test
    @DisplayName("a baseline holds the min of each metric read for the first time, and nothing else")
    void baselineOnlyNewMetrics() {
        Map<String, Counters> last = Map.of("eth0", new Counters(10L, null));
        Map<String, Counters> base = CounterRules.baseline(last, Map.of(
                "eth0", mm(12L, 20L, 7L, 9L),
                "tun-x", mm(0L, 5L, null, 6L)));
        assertEquals(Map.of("eth0", new Counters(null, 7L), "tun-x", new Counters(0L, null)), base);
    }

    @Test
    @DisplayName("the end of a range without a reset reads the max of every readable metric")
    void maxima() {
        assertEquals(Map.of("eth0", new Counters(20L, null)),
                CounterRules.maxima(Map.of("eth0", mm(12L, 20L, null, 9L))));
    }

    @Test
    @DisplayName("a leaf with the last pre-reset sample reads max at its middle and min at its end")
    void leafWithPreResetSample() {
        CounterRules.Leaf leaf = CounterRules.leaf(Map.of("eth0", Counters.of(1000, 500)),
                Map.of("eth0", mm(40L, 1010L, 520L, 580L)));
        assertEquals(Map.of("eth0", new Counters(1010L, null)), leaf.middle());
        assertEquals(Map.of("eth0", new Counters(40L, 580L)), leaf.end());
    }

    @Test
    @DisplayName("a leaf with only post-reset samples reads its max at the end")
    void leafAfterReset() {
        CounterRules.Leaf leaf = CounterRules.leaf(Map.of("eth0", Counters.of(1000, 500)),
                Map.of("eth0", mm(40L, 90L, 10L, 30L)));
        assertEquals(Map.of(), leaf.middle());
        assertEquals(Map.of("eth0", Counters.of(90, 30)), leaf.end());
    }

    @Test
    @DisplayName("advancing keeps what a reading does not hold")
    void advanceKeepsUnread() {
        Map<String, Counters> next = CounterRules.advance(Map.of("eth0", Counters.of(1, 2), "tun-a", Counters.of(3, 4)),
                Map.of("eth0", new Counters(null, 9L), "tun-b", Counters.of(5, 6)));
        assertEquals(Map.of("eth0", Counters.of(1, 9), "tun-a", Counters.of(3, 4), "tun-b", Counters.of(5, 6)), next);
    }

    @Test
    @DisplayName("slices split on whole minutes while they span two minutes or more, strictly inside")
    void splitOnMinutes() {
        Instant a = Instant.parse("2026-03-01T00:00:00Z");
        assertEquals(Instant.parse("2026-03-01T03:00:00Z"), CounterRules.split(a, a.plusSeconds(6 * 3600)));
        assertEquals(Instant.parse("2026-03-01T00:01:00Z"), CounterRules.split(a, a.plusSeconds(180)));
        assertEquals(Instant.parse("2026-03-01T00:01:00Z"), CounterRules.split(a, a.plusSeconds(120)));
        assertEquals(Instant.parse("2026-03-01T00:00:30Z"), CounterRules.split(a, a.plusSeconds(60)));
        Instant m = CounterRules.split(a, a.plusMillis(3));
        assertTrue(m.isAfter(a) && m.isBefore(a.plusMillis(3)));
    }
}
