package io.egressmon.streams.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.avro.SpokeBandwidthWindow;
import io.egressmon.avro.SpokeTotals;
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
