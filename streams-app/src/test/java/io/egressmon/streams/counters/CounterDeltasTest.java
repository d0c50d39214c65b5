package io.egressmon.streams.counters;

import static io.egressmon.streams.counters.Snapshots.of;
import static io.egressmon.streams.counters.Snapshots.t;
import static io.egressmon.streams.counters.Totals.eth0;
import static io.egressmon.streams.counters.Totals.totals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.avro.SnapshotKind;
import io.egressmon.streams.counters.TopologyStats.Counter;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Counter deltas")
@ExtendWith(BandwidthDriver.PerTest.class)
class CounterDeltasTest {
    @Test
    @DisplayName("The first snapshot of a gateway is its baseline: nothing is counted yet")
    void firstSnapshotIsBaseline(BandwidthDriver d) {
        d.pipe(of("spoke-a", "10:00").eth0(1_000L, 2_000L).iface("tun-t1", 10L, 20L));

        assertEquals(Map.of(), d.fine("spoke-a"));
        assertEquals(Map.of(), d.hourly("spoke-a"));
        assertEquals(2, d.stats.get(Counter.BASELINES));
        assertEquals(0, d.stats.get(Counter.DELTA_PIECES));
    }

    @Test
    @DisplayName("A growing counter counts its increase into the window it grew in, and not into the next one")
    void growthCountsInItsWindow(BandwidthDriver d) {
        d.pipe(of("spoke-a", "10:00").eth0(1_000L, 2_000L).iface("tun-t1", 10L, 20L),
                of("spoke-a", "10:05").eth0(1_800L, 2_600L).iface("tun-t1", 310L, 120L));

        // (10:00, 10:05] ends on a bucket boundary: it belongs to [10:00, 10:05) alone.
        assertEquals(Map.of(t("10:00"), totals(800, 600, 300, 100, 0)), d.fine("spoke-a"));
        assertEquals(Map.of(t("10:00"), totals(800, 600, 300, 100, 0)), d.hourly("spoke-a"));
    }

    @Test
    @DisplayName("A counter that goes down restarted from zero: its new value is counted, never a negative or a spike")
    void resetCountsTheNewValue(BandwidthDriver d) {
        d.pipe(of("spoke-a", "10:00").eth0(1_000_000L, 500_000L).iface("tun-t1", 5_000L, 6_000L),
                of("spoke-a", "10:05").eth0(1_000_500L, 500_100L).iface("tun-t1", 5_100L, 6_100L),
                // the gateway rebooted: every counter restarted from zero
                of("spoke-a", "10:10").eth0(200L, 50L).iface("tun-t1", 40L, 30L),
                of("spoke-a", "10:15").eth0(700L, 80L).iface("tun-t1", 90L, 31L));

        SortedMap<Instant, RawTotals> fine = d.fine("spoke-a");
        assertEquals(Map.of(
                t("10:00"), totals(500, 100, 100, 100, 0),
                t("10:05"), totals(200, 50, 40, 30, 2), // one reset per interface, not per metric
                t("10:10"), totals(500, 30, 50, 1, 0)), fine);
        fine.values().forEach(w -> assertTrue(w.eth0Rx() >= 0 && w.eth0Tx() >= 0 && w.tunnelRx() >= 0
                && w.tunnelTx() >= 0, () -> "negative window " + w));
        assertEquals(Map.of(t("10:00"), totals(1_200, 180, 190, 131, 2)), d.hourly("spoke-a"));
        assertEquals(2, d.stats.get(Counter.RESETS));
    }

    @Test
    @DisplayName("A snapshot not later than the gateway's last one is a duplicate: dropped, counted, and the state is kept")
    void duplicatesAreDropped(BandwidthDriver d) {
        Snapshots second = of("spoke-a", "10:05").eth0(1_500L, 1_200L);
        d.pipe(of("spoke-a", "10:00").eth0(1_000L, 1_000L), second,
                second, // redelivered
                of("spoke-a", "10:03").eth0(9_999L, 9_999L)); // older than the last one

        assertEquals(Map.of(t("10:00"), eth0(500, 200)), d.fine("spoke-a"));
        assertEquals(2, d.stats.get(Counter.DUPLICATE_SNAPSHOTS));
        assertEquals(2L, d.stats.asMap().get("duplicate_snapshots"));

        // the next reading counts from the 10:05 values, untouched by the dropped ones
        d.pipe(of("spoke-a", "10:10").eth0(1_600L, 1_250L));
        assertEquals(eth0(100, 50), d.fine("spoke-a").get(t("10:05")));
    }

    @Test
    @DisplayName("A tunnel that appears later starts with a baseline: only its growth after that is counted")
    void newTunnelStartsWithBaseline(BandwidthDriver d) {
        d.pipe(of("spoke-a", "10:00").eth0(0L, 0L).iface("tun-t1", 0L, 0L),
                of("spoke-a", "10:05").eth0(1_000L, 1_000L).iface("tun-t1", 100L, 100L),
                of("spoke-a", "10:10").eth0(2_000L, 2_000L).iface("tun-t1", 200L, 200L)
                        .iface("tun-t2", 9_000_000L, 9_000_000L),
                of("spoke-a", "10:15").eth0(3_000L, 3_000L).iface("tun-t1", 300L, 300L)
                        .iface("tun-t2", 9_000_050L, 9_000_070L));

        assertEquals(totals(1_000, 1_000, 100, 100, 0), d.fine("spoke-a").get(t("10:05")));
        assertEquals(totals(1_000, 1_000, 150, 170, 0), d.fine("spoke-a").get(t("10:10")));
        assertEquals(totals(3_000, 3_000, 350, 370, 0), d.hourly("spoke-a").get(t("10:00")));
        assertEquals(3, d.stats.get(Counter.BASELINES));
    }

    @Test
    @DisplayName("A new tunnel's BASELINE at the start of a slice (the instant of the last snapshot) is kept, not dropped as a duplicate")
    void lateBaselineOfNewInterfaceIsKept(BandwidthDriver d) {
        d.pipe(of("spoke-a", "10:00").eth0(0L, 0L),
                of("spoke-a", "10:05").eth0(1_000L, 1_000L),
                of("spoke-a", "10:05").kind(SnapshotKind.BASELINE).iface("tun-t2", 500L, 600L),
                of("spoke-a", "10:10").eth0(2_000L, 2_000L).iface("tun-t2", 550L, 660L));

        assertEquals(totals(1_000, 1_000, 50, 60, 0), d.fine("spoke-a").get(t("10:05")));
        assertEquals(1, d.stats.get(Counter.LATE_BASELINES));
        assertEquals(0, d.stats.get(Counter.DUPLICATE_SNAPSHOTS));
    }

    @Test
    @DisplayName("A later BASELINE of an interface already known is a reading like any other: the gap's bytes count")
    void laterBaselineOfKnownInterfaceCounts(BandwidthDriver d) {
        d.pipe(of("spoke-a", "10:00").eth0(100L, 100L),
                // e.g. ingest lost its watermark and started over
                of("spoke-a", "10:05").kind(SnapshotKind.BASELINE).eth0(400L, 100L));

        assertEquals(Map.of(t("10:00"), eth0(300, 0)), d.fine("spoke-a"));
    }

    @Test
    @DisplayName("A null metric is not a reading: the last value is kept and the next reading covers the gap")
    void nullMetricKeepsLastReading(BandwidthDriver d) {
        d.pipe(of("spoke-a", "10:00").eth0(100L, 100L),
                of("spoke-a", "10:05").eth0(null, 300L),
                of("spoke-a", "10:10").eth0(400L, 500L));

        assertEquals(Map.of(t("10:00"), eth0(0, 200), t("10:05"), eth0(300, 200)), d.fine("spoke-a"));
        assertEquals(1, d.stats.get(Counter.NULL_READINGS));
    }

    @Test
    @DisplayName("An interface first seen with no values is no baseline: its first real value is")
    void interfaceWithoutValuesIsNoBaseline(BandwidthDriver d) {
        d.pipe(of("spoke-a", "10:00").eth0(0L, 0L).iface("tun-t1", null, null),
                of("spoke-a", "10:05").eth0(10L, 10L).iface("tun-t1", 7_000L, 8_000L),
                of("spoke-a", "10:10").eth0(20L, 20L).iface("tun-t1", 7_005L, 8_006L));

        assertEquals(Map.of(t("10:00"), eth0(10, 10), t("10:05"), totals(10, 10, 5, 6, 0)), d.fine("spoke-a"));
        assertEquals(2, d.stats.get(Counter.NULL_READINGS));
    }

    @Test
    @DisplayName("A negative reading is not a counter value: skipped like a null, and counted")
    void negativeReadingIsSkipped(BandwidthDriver d) {
        d.pipe(of("spoke-a", "10:00").eth0(100L, 100L),
                of("spoke-a", "10:05").eth0(-5L, 150L),
                of("spoke-a", "10:10").eth0(160L, 160L));

        assertEquals(Map.of(t("10:00"), eth0(0, 50), t("10:05"), eth0(60, 10)), d.fine("spoke-a"));
        assertEquals(1, d.stats.get(Counter.NEGATIVE_READINGS));
        assertEquals(0, d.stats.get(Counter.RESETS));
    }

    @Test
    @DisplayName("tun0 (OpenVPN) and other non-tunnel interfaces are ignored, and counted")
    void nonTunnelInterfacesAreIgnored(BandwidthDriver d) {
        d.pipe(of("spoke-a", "10:00").eth0(0L, 0L).iface("tun0", 0L, 0L).iface("eth1", 0L, 0L),
                of("spoke-a", "10:05").eth0(100L, 100L).iface("tun0", 1_000_000L, 1_000_000L)
                        .iface("eth1", 500_000L, 500_000L));

        assertEquals(Map.of(t("10:00"), eth0(100, 100)), d.fine("spoke-a"));
        assertEquals(4, d.stats.get(Counter.IGNORED_INTERFACES));
    }

    @Test
    @DisplayName("A snapshot without a value or a key is dropped with a count, and the gateway's counting goes on")
    void malformedSnapshotsAreCounted(BandwidthDriver d) {
        d.pipe(of("spoke-a", "10:00").eth0(0L, 0L));
        d.pipeRaw("spoke-a", null, t("10:02"));
        d.pipeRaw(null, of("spoke-a", "10:03").eth0(1L, 1L).build(), t("10:03"));
        d.pipe(of("spoke-a", "10:05").eth0(50L, 60L));

        assertEquals(2, d.stats.get(Counter.MALFORMED_SNAPSHOTS));
        assertEquals(Map.of(t("10:00"), eth0(50, 60)), d.fine("spoke-a"));
    }
}
