package io.egressmon.streams.counters;

import static io.egressmon.streams.counters.Snapshots.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.streams.counters.TopologyStats.Counter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("The counters' version, by which queries keep what they read")
@ExtendWith(BandwidthDriver.PerTest.class)
class CountersVersionTest {
    @Test
    @DisplayName("A commit that wrote windows or progress moves it; one after a dropped duplicate does not")
    void movesWithWhatQueriesRead(BandwidthDriver d) {
        d.pipe(of("spoke-a", "10:00").eth0(1_000L, 2_000L));
        long afterBaseline = d.stats.countersVersion().current();
        assertTrue(afterBaseline > 0, "the baseline's progress mark is new");

        d.pipe(of("spoke-a", "10:05").eth0(1_800L, 2_600L));
        long afterGrowth = d.stats.countersVersion().current();
        assertTrue(afterGrowth > afterBaseline, "a new window and progress");

        d.pipe(of("spoke-a", "10:05").eth0(1_800L, 2_600L));
        assertEquals(1, d.stats.get(Counter.DUPLICATE_SNAPSHOTS));
        assertEquals(afterGrowth, d.stats.countersVersion().current(), "nothing a query reads changed");
    }
}
