package io.egressmon.streams.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.avro.SpokeBandwidthWindow;
import io.egressmon.avro.SpokeDelta;
import io.egressmon.avro.SpokeTotals;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Raw totals mapped to and from the topology's Avro records")
class WindowTotalsTest {
    private static final Instant START = Instant.parse("2026-02-10T10:00:00Z");

    @Test
    @DisplayName("Converting to and from the stored SpokeTotals keeps every field")
    void spokeTotalsRoundTrip() {
        RawTotals t = new RawTotals(7_000_000_000_000L, 6, 5, 4, 3);

        assertEquals(t, WindowTotals.of(WindowTotals.toAvro(t)));
        assertEquals(new SpokeTotals(7_000_000_000_000L, 6L, 5L, 4L, 3, 0L, 0L), WindowTotals.toAvro(t));
    }

    @Test
    @DisplayName("A missing window is ZERO")
    void missingWindow() {
        assertEquals(RawTotals.ZERO, WindowTotals.of((SpokeTotals) null));
    }

    @Test
    @DisplayName("A delta's counter increases are read field by field")
    void delta() {
        SpokeDelta d = new SpokeDelta("spoke-a", START, START.plusSeconds(60), 10L, 20L, 3L, 4L, 1, 0L, 0L, 0L);

        assertEquals(new RawTotals(10, 20, 3, 4, 1), WindowTotals.of(d));
    }

    @Test
    @DisplayName("A window records the bytes of increases that straddle its start or its end, once per increase")
    void openEdges() {
        long hour = 3_600_000L;
        long t0 = START.toEpochMilli(); // 10:00, on the hour
        // One increase of 1 200 bytes over (09:30, 10:30], spread in 5-minute pieces: the hourly window
        // at 10:00 gets the pieces from 10:00 on; only the piece that begins at 10:00 marks its start open.
        SpokeTotals hourly = WindowTotals.toAvro(RawTotals.ZERO);
        for (long from = t0; from < t0 + hour / 2; from += 300_000L) {
            SpokeDelta piece = new SpokeDelta("spoke-a", Instant.ofEpochMilli(from), Instant.ofEpochMilli(from + 300_000L),
                    100L, 0L, 0L, 0L, 0, t0 - hour / 2, t0 + hour / 2, 1_200L);
            hourly = WindowTotals.add(hourly, piece, Duration.ofHours(1));
        }
        assertEquals(600L, hourly.getEth0RxBytes());
        assertEquals(1_200L, hourly.getOpenStartBytes(), "the straddling increase counted once at the start");
        assertEquals(0L, hourly.getOpenEndBytes(), "the increase ends inside the hour");

        // An increase wholly inside a window leaves both edges exact.
        SpokeTotals inside = WindowTotals.add(WindowTotals.toAvro(RawTotals.ZERO), new SpokeDelta("spoke-a", START,
                START.plusSeconds(300), 5L, 0L, 0L, 0L, 0, t0, t0 + 300_000L, 5L), Duration.ofMinutes(5));
        assertEquals(0L, inside.getOpenStartBytes());
        assertEquals(0L, inside.getOpenEndBytes());

        // The last piece of an increase that goes on past a 5-minute window's end marks that end open.
        SpokeTotals fine = WindowTotals.add(WindowTotals.toAvro(RawTotals.ZERO), new SpokeDelta("spoke-a", START,
                START.plusSeconds(300), 5L, 0L, 0L, 0L, 0, t0, t0 + 600_000L, 10L), Duration.ofMinutes(5));
        assertEquals(10L, fine.getOpenEndBytes());
    }

    @Test
    @DisplayName("A published window is read back from its raw fields, never from its per-window clamped ones")
    void publishedWindow() {
        SpokeBandwidthWindow w = SpokeBandwidthWindow.newBuilder()
                .setGateway("spoke-a").setGranularity("PT5M")
                .setWindowStart(START).setWindowEnd(START.plusSeconds(300))
                .setEth0RxBytes(100).setEth0TxBytes(200).setTunnelRxBytes(150).setTunnelTxBytes(0)
                // What a window that clamped on its own says; deliberately inconsistent with the raw fields.
                .setInternalRxBytes(999).setInternalTxBytes(999).setEgressRxBytes(0).setEgressTxBytes(999)
                .setResets(2)
                .build();

        assertEquals(new RawTotals(100, 200, 150, 0, 2), WindowTotals.of(w));
    }
}
