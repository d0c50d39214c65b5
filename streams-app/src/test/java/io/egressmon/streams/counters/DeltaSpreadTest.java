package io.egressmon.streams.counters;

import static io.egressmon.streams.counters.Snapshots.clock;
import static io.egressmon.streams.counters.Snapshots.of;
import static io.egressmon.streams.counters.Snapshots.t;
import static io.egressmon.streams.counters.Totals.eth0;
import static io.egressmon.streams.counters.Totals.totals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.avro.SnapshotKind;
import io.egressmon.streams.counters.TopologyStats.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Spreading a delta over 5-minute buckets")
@ExtendWith(BandwidthDriver.PerTest.class)
class DeltaSpreadTest {
    @Test
    @DisplayName("An increase spanning buckets is split in proportion to time, and the pieces sum exactly")
    void splitInProportionToTime(BandwidthDriver d) {
        d.pipe(of("spoke-a", "10:02").eth0(0L, 0L),
                of("spoke-a", "10:13").eth0(1_000L, 11L));

        // 3, 5 and 3 of 11 minutes: 272.7 + 454.5 + 272.7 → 272 + 455 + 273 (cumulative rounding)
        assertEquals(Map.of(t("10:00"), eth0(272, 3), t("10:05"), eth0(455, 5), t("10:10"), eth0(273, 3)),
                d.fine("spoke-a"));
        assertEquals(Map.of(t("10:00"), eth0(1_000, 11)), d.hourly("spoke-a"));
    }

    @Test
    @DisplayName("An increase across the hour is split between the two hourly windows")
    void splitAcrossHours(BandwidthDriver d) {
        d.pipe(of("spoke-a", "10:58").eth0(0L, 0L),
                of("spoke-a", "11:04").eth0(600L, 0L));

        assertEquals(Map.of(t("10:55"), eth0(200, 0), t("11:00"), eth0(400, 0)), d.fine("spoke-a"));
        assertEquals(Map.of(t("10:00"), eth0(200, 0), t("11:00"), eth0(400, 0)), d.hourly("spoke-a"));
    }

    @Test
    @DisplayName("A 6-hour backfill slice is spread over 72 five-minute windows and 6 hourly ones, not a byte lost or made up")
    void backfillSliceIsSpread(BandwidthDriver d) {
        long eth0Rx = 123_456_789_011L;
        long eth0Tx = 98_765_432_101L;
        long tunnelRx = 50_000_000_003L;
        long tunnelTx = 7L;
        d.pipe(of("spoke-a", "00:00").kind(SnapshotKind.BASELINE).eth0(0L, 0L).iface("tun-t1", 0L, 0L),
                of("spoke-a", "06:00").kind(SnapshotKind.BACKFILL).eth0(eth0Rx, eth0Tx)
                        .iface("tun-t1", tunnelRx, tunnelTx));

        SortedMap<Instant, RawTotals> fine = d.fine("spoke-a");
        assertEquals(72, fine.size());
        assertEquals(t("00:00"), fine.firstKey());
        assertEquals(t("05:55"), fine.lastKey());
        RawTotals whole = totals(eth0Rx, eth0Tx, tunnelRx, tunnelTx, 0);
        assertEquals(whole, d.total(BandwidthTopology.STORE_5M, "spoke-a"));
        fine.values().forEach(w -> assertTrue(Math.abs(w.eth0Rx() - eth0Rx / 72.0) < 1
                && Math.abs(w.tunnelRx() - tunnelRx / 72.0) < 1, () -> "uneven piece " + w));

        SortedMap<Instant, RawTotals> hourly = d.hourly("spoke-a");
        assertEquals(6, hourly.size());
        assertEquals(whole, d.total(BandwidthTopology.STORE_1H, "spoke-a"));
        hourly.forEach((hour, h) -> assertEquals(h,
                fine.subMap(hour, hour.plus(Duration.ofHours(1))).values().stream()
                        .reduce(RawTotals.ZERO, RawTotals::plus),
                "hour " + hour + " is the sum of its twelve 5-minute windows"));
        assertEquals(72, d.stats.get(Counter.DELTA_PIECES));
    }

    @Test
    @DisplayName("A reset inside a long slice is counted once, in the bucket of the reading that revealed it")
    void resetGoesToLastBucket(BandwidthDriver d) {
        d.pipe(of("spoke-a", "10:00").eth0(1_000L, 1_000L),
                of("spoke-a", "10:15").eth0(300L, 300L));

        assertEquals(Map.of(t("10:00"), eth0(100, 100), t("10:05"), eth0(100, 100),
                t("10:10"), totals(100, 100, 0, 0, 1)), d.fine("spoke-a"));
    }

    @Test
    @DisplayName("A delta that arrives after its window closed is left out of that window and counted as late")
    void lateDeltaIsCounted(BandwidthDriver d) {
        d.pipe(of("spoke-a", "10:00").eth0(0L, 0L),
                // another gateway on the partition moves stream time to 16:30
                clock("16:00"), clock("16:30"),
                of("spoke-a", "10:05").eth0(100L, 100L));

        // [10:00, 10:05) closed at 16:05; [10:00, 11:00) stays open until 17:00
        assertEquals(Map.of(), d.fine("spoke-a"));
        assertEquals(Map.of(t("10:00"), eth0(100, 100)), d.hourly("spoke-a"));
        assertEquals(1, d.stats.get(Counter.LATE_PIECES_5M));
        assertEquals(0, d.stats.get(Counter.LATE_PIECES_1H));
    }

    @Test
    @DisplayName("An increase reaching back past the grace is spread from the earliest open hour: no byte is lost")
    void gapLongerThanGraceLosesNothing(BandwidthDriver d) {
        d.pipe(of("spoke-a", "02:00").eth0(0L, 0L),
                // another gateway on the partition moves stream time to 16:30
                clock("16:00"), clock("16:30"),
                // spoke-a unread for 14.5 hours: its hours before 10:00 are closed (grace 6 h)
                of("spoke-a", "16:30").eth0(6_500L, 0L));

        SortedMap<Instant, RawTotals> hourly = d.hourly("spoke-a");
        assertEquals(6_500L, hourly.values().stream().mapToLong(RawTotals::eth0Rx).sum(), "every byte is kept");
        assertEquals(t("10:00"), hourly.firstKey(), "spread from the earliest hour still open");
        assertEquals(0, d.stats.get(Counter.LATE_PIECES_1H));
        assertEquals(1, d.stats.get(Counter.SHIFTED_DELTAS));
    }
}
