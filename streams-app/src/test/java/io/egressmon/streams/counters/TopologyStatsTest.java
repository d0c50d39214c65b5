package io.egressmon.streams.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.egressmon.streams.counters.TopologyStats.Counter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Topology statistics")
class TopologyStatsTest {

    @Test
    @DisplayName("The map lists every counter by snake_case name, in a fixed order")
    void asMapListsAllCounters() {
        TopologyStats stats = new TopologyStats();
        stats.increment(Counter.DUPLICATE_SNAPSHOTS);
        stats.add(Counter.IGNORED_INTERFACES, 3);

        assertEquals(List.of("snapshots", "progress_marks", "malformed_snapshots", "duplicate_snapshots", "late_baselines", "baselines",
                "resets", "ignored_interfaces", "null_readings", "negative_readings", "delta_pieces", "late_pieces_5m",
                "late_pieces_1h", "shifted_deltas", "windows", "windows_without_inventory", "malformed_inventory"), new ArrayList<>(stats.asMap().keySet()));
        assertEquals(1L, stats.asMap().get("duplicate_snapshots"));
        assertEquals(3L, stats.asMap().get("ignored_interfaces"));
        assertEquals(3, stats.get(Counter.IGNORED_INTERFACES));
    }

    @Test
    @DisplayName("Counts from several stream threads at once all add up")
    void threadSafe() throws Exception {
        TopologyStats stats = new TopologyStats();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        stats.increment(Counter.RESETS);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(40_000, stats.get(Counter.RESETS));
    }
}
