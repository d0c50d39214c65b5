package io.egressmon.api.bandwidth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RawTotals arithmetic")
class RawTotalsTest {

    @Test
    @DisplayName("Internal traffic is the tunnel traffic; egress is eth0 minus both tunnel directions")
    void classification() {
        // internal = tunnels; egress rx = 1000 − (300 + 100), egress tx = 800 − (300 + 100); the raw values follow.
        assertEquals(new Traffic(300, 100, 600, 400, 1_000, 800, 300, 100, 0),
                new RawTotals(1_000, 800, 300, 100, 0).traffic());
    }

    @Test
    @DisplayName("Egress is clamped at zero when the tunnels carried more than eth0 saw")
    void egressClampsAtZero() {
        RawTotals t = new RawTotals(100, 120, 150, 0, 0);

        assertEquals(0, t.egressRx());
        assertEquals(0, t.egressTx());
        assertEquals(150, t.internalRx());
    }

    @Test
    @DisplayName("Clamping once for the period differs from adding up clamped windows, which is why windows keep raw sums")
    void clampOncePerPeriod() {
        // Window 1: the tunnel bytes were sampled, the eth0 bytes that carried them fell into window 2.
        RawTotals window1 = new RawTotals(100, 0, 150, 0, 0);
        RawTotals window2 = new RawTotals(100, 0, 0, 0, 0);

        long sumOfWindowClamps = window1.egressRx() + window2.egressRx(); // 0 + 100
        long periodClamp = window1.plus(window2).egressRx();              // max(0, 200 − 150)

        assertEquals(100, sumOfWindowClamps);
        assertEquals(50, periodClamp);
        assertNotEquals(sumOfWindowClamps, periodClamp);
    }

    @Test
    @DisplayName("Adding sums every field, and ZERO adds nothing")
    void plusAddsEveryField() {
        RawTotals a = new RawTotals(1, 2, 3, 4, 5);
        RawTotals b = new RawTotals(10, 20, 30, 40, 50);

        assertEquals(new RawTotals(11, 22, 33, 44, 55), a.plus(b));
        assertEquals(a, a.plus(RawTotals.ZERO));
        assertEquals(a, List.of(RawTotals.ZERO, a).stream().reduce(RawTotals.ZERO, RawTotals::plus));
    }

    @Test
    @DisplayName("The answer's traffic carries the derived values first, then the raw ones they came from")
    void traffic() {
        RawTotals t = new RawTotals(1_000, 800, 300, 100, 2);

        assertEquals(new Traffic(300, 100, 600, 400, 1_000, 800, 300, 100, 2), t.traffic());
        assertEquals(new Bandwidth(300, 100, 600, 400), t.traffic().bandwidth());
    }
}
