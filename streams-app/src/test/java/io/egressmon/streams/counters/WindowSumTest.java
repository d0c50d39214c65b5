package io.egressmon.streams.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.avro.SpokeTotals;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A window's running sum")
class WindowSumTest {
    private static final long T0 = Instant.parse("2026-02-10T10:00:00Z").toEpochMilli(); // on the hour
    private static final long HOUR = 3_600_000L, FIVE_MINUTES = 300_000L;

    @Test
    @DisplayName("A window records the bytes of increases that straddle its start or its end, once per increase")
    void openEdges() {
        // One increase of 1 200 bytes over (09:30, 10:30]: the hourly window at 10:00 gets its share from
        // 10:00 on, and since that share begins on the window's start, the start is open by the whole increase.
        WindowSum hourly = new WindowSum();
        hourly.add(T0, T0 + HOUR / 2, eth0Rx(600), T0 - HOUR / 2, T0 + HOUR / 2, 1_200L, HOUR);
        assertEquals(600L, hourly.toAvro().getEth0RxBytes());
        assertEquals(1_200L, hourly.toAvro().getOpenStartBytes(), "the straddling increase counted once at the start");
        assertEquals(0L, hourly.toAvro().getOpenEndBytes(), "the increase ends inside the hour");

        // An increase wholly inside a window leaves both edges exact.
        WindowSum inside = new WindowSum();
        inside.add(T0, T0 + FIVE_MINUTES, eth0Rx(5), T0, T0 + FIVE_MINUTES, 5L, FIVE_MINUTES);
        assertEquals(0L, inside.toAvro().getOpenStartBytes());
        assertEquals(0L, inside.toAvro().getOpenEndBytes());

        // The last piece of an increase that goes on past a 5-minute window's end marks that end open.
        WindowSum fine = new WindowSum();
        fine.add(T0, T0 + FIVE_MINUTES, eth0Rx(5), T0, T0 + 2 * FIVE_MINUTES, 10L, FIVE_MINUTES);
        assertEquals(10L, fine.toAvro().getOpenEndBytes());
    }

    @Test
    @DisplayName("Read back from the store, a sum goes on from the stored fields and keeps its record time")
    void roundTrip() {
        WindowSum sum = WindowSum.of(new SpokeTotals(1L, 2L, 3L, 4L, 1, 7L, 8L), T0 + 10);
        sum.add(T0 + FIVE_MINUTES, T0 + 2 * FIVE_MINUTES, new RawTotals(10, 20, 30, 40, 1), T0 + FIVE_MINUTES,
                T0 + 2 * FIVE_MINUTES, 100L, HOUR);

        assertEquals(new SpokeTotals(11L, 22L, 33L, 44L, 2, 7L, 8L), sum.toAvro());
        assertEquals(T0 + 2 * FIVE_MINUTES - 1, sum.timestamp(), "the last millisecond of the latest piece");
        assertTrue(sum.dirty, "changed since read");
    }

    private static RawTotals eth0Rx(long bytes) {
        return new RawTotals(bytes, 0, 0, 0, 0);
    }
}
