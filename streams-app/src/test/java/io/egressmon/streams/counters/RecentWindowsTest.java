package io.egressmon.streams.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.avro.SpokeTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The recent windows of a counter store, in memory")
class RecentWindowsTest {
    private static final long NOW = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private static RecentWindows built(long fromMs) {
        RecentWindows recent = RecentWindows.builder(RecentWindows.HOURLY, Duration.ofHours(1), Duration.ofDays(35)).build();
        recent.built(fromMs);
        return recent;
    }

    private static RawTotals totals(long eth0Rx) {
        return new RawTotals(eth0Rx, 2 * eth0Rx, 3, 4, 0);
    }

    private static WindowSum sum(RawTotals t) {
        return sum(t, 0, 0);
    }

    private static WindowSum sum(RawTotals t, long openStart, long openEnd) {
        return WindowSum.of(new SpokeTotals(t.eth0Rx(), t.eth0Tx(), t.tunnelRx(), t.tunnelTx(), t.resets(), openStart, openEnd), 0);
    }

    @Test
    @DisplayName("A period adds up the windows that start in it; a gateway without one is absent")
    void sumsTheWindowsOfThePeriod() {
        RecentWindows recent = built(NOW - Duration.ofDays(35).toMillis());
        recent.update(() -> {
            recent.put("spoke-a", NOW - 3 * HOUR, sum(totals(10)));
            recent.put("spoke-a", NOW - 2 * HOUR, sum(totals(20)));
            recent.put("spoke-a", NOW - HOUR, sum(new RawTotals(40, 80, 3, 4, 1)));
            recent.put("spoke-b", NOW - 10 * HOUR, sum(totals(7)));
        });

        RecentWindows.Sums sums = recent.sum(NOW - 2 * HOUR, NOW, null);

        assertTrue(sums.covered());
        assertEquals(Map.of("spoke-a", new RawTotals(60, 120, 6, 8, 1)), sums.totals());
        assertEquals(Map.of("spoke-b", totals(7)), recent.sum(NOW - 11 * HOUR, NOW - 9 * HOUR, null).totals());
        assertEquals(Map.of("spoke-a", new RawTotals(30, 60, 6, 8, 0)),
                recent.sum(NOW - 3 * HOUR - 1, NOW - HOUR - 1, "spoke-a").totals(),
                "windows starting in [from, to): 22:00 and 23:00 of the day before, not the one at 21:00");
    }

    @Test
    @DisplayName("The bytes open at a window's start or end are read per gateway; gateways with none are absent")
    void openBytes() {
        RecentWindows recent = built(NOW - Duration.ofDays(35).toMillis());
        recent.update(() -> {
            recent.put("spoke-a", NOW - HOUR, sum(totals(10), 500, 0));
            recent.put("spoke-b", NOW - HOUR, sum(totals(10), 0, 70));
        });

        assertEquals(Map.of("spoke-a", 500L), recent.open(NOW - HOUR, true, null).bytes());
        assertEquals(Map.of("spoke-b", 70L), recent.open(NOW - HOUR, false, null).bytes());
        assertEquals(Map.of(), recent.open(NOW - HOUR, false, "spoke-a").bytes());
        assertFalse(recent.open(NOW - Duration.ofDays(40).toMillis(), true, null).covered());
    }

    @Test
    @DisplayName("A window written again replaces its earlier sum")
    void laterWriteReplaces() {
        RecentWindows recent = built(NOW - Duration.ofDays(35).toMillis());
        recent.update(() -> recent.put("spoke-a", NOW - HOUR, sum(totals(10))));
        recent.update(() -> recent.put("spoke-a", NOW - HOUR, sum(totals(25))));

        assertEquals(Map.of("spoke-a", totals(25)), recent.sum(NOW - HOUR, NOW, null).totals());
    }

    @Test
    @DisplayName("A period reaching before what it holds, or asked before it is built, is not covered: the store answers it")
    void notCovered() {
        RecentWindows recent = built(NOW - Duration.ofDays(35).toMillis());
        assertFalse(recent.sum(NOW - Duration.ofDays(36).toMillis(), NOW, null).covered());

        recent.clear();
        assertFalse(recent.sum(NOW - HOUR, NOW, null).covered(), "cleared: not built");

        // As the latest hour moves on, the oldest hours leave the ring and periods reaching them are not covered.
        RecentWindows sliding = built(NOW - Duration.ofDays(35).toMillis());
        long later = NOW + Duration.ofDays(10).toMillis();
        sliding.update(() -> {
            sliding.put("spoke-a", NOW - Duration.ofDays(30).toMillis(), sum(totals(1)));
            sliding.put("spoke-a", later, sum(totals(2)));
        });
        assertFalse(sliding.sum(NOW - Duration.ofDays(30).toMillis(), later, null).covered());
        RecentWindows.Sums recentPart = sliding.sum(later - Duration.ofDays(34).toMillis(), later + HOUR, null);
        assertTrue(recentPart.covered());
        assertEquals(Map.of("spoke-a", totals(2)), recentPart.totals());
    }

    @Test
    @DisplayName("Sums over whole days and their edges equal the windows added one by one, through rewrites, gaps, late and stale writes, and 60 days of the ring sliding on")
    void blocksEqualTheWindows() {
        SplittableRandom random = new SplittableRandom(5);
        int slots = (int) (Duration.ofDays(35).toMillis() / HOUR);
        long start = NOW - Duration.ofDays(35).toMillis();
        RecentWindows recent = built(start);
        // The model: per gateway, window number -> eth0 rx, as the ring holds it (one window per slot).
        Map<String, TreeMap<Long, Long>> model = new HashMap<>();
        long latest = Long.MIN_VALUE;
        for (int step = 0; step < 4_000; step++) {
            long hourNow = Math.floorDiv(start, HOUR) + step / 2; // about two writes per hour, 2 000 hours
            List<long[]> writes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                // mostly the current hour, sometimes one some days back (a late or rewritten window)
                long w = random.nextInt(4) == 0 ? hourNow - random.nextInt(40 * 24) : hourNow - random.nextInt(3);
                writes.add(new long[] {random.nextInt(5), w, random.nextLong(1, 1_000_000)});
            }
            recent.update(() -> {
                for (long[] wr : writes) {
                    recent.put("spoke-" + wr[0], wr[1] * HOUR, sum(totals(wr[2])));
                }
            });
            for (long[] wr : writes) {
                long w = wr[1];
                latest = Math.max(latest, w);
                if (w <= latest - slots) {
                    continue;
                }
                TreeMap<Long, Long> ring = model.computeIfAbsent("spoke-" + wr[0], g -> new TreeMap<>());
                Long held = null;
                for (Long other : ring.keySet()) {
                    if (Math.floorMod(other, (long) slots) == Math.floorMod(w, (long) slots)) {
                        held = other;
                    }
                }
                if (held != null && held > w) {
                    continue;
                }
                if (held != null) {
                    ring.remove(held);
                }
                ring.put(w, wr[2]);
            }
            if (step % 97 == 0) {
                long last = latest;
                long from = Math.max(Math.floorDiv(start, HOUR), last - random.nextInt(slots - 1)); // what it covers
                long to = from + random.nextInt((int) (last + 2 - from));
                Map<String, RawTotals> expected = new TreeMap<>();
                model.forEach((g, ring) -> {
                    long eth0 = 0;
                    boolean any = false;
                    for (Map.Entry<Long, Long> e : ring.subMap(from, to).entrySet()) {
                        eth0 += e.getValue();
                        any = true;
                    }
                    if (any) {
                        expected.put(g, new RawTotals(eth0, 2 * eth0, 3L * ring.subMap(from, to).size(),
                                4L * ring.subMap(from, to).size(), 0));
                    }
                });
                RecentWindows.Sums sums = recent.sum(from * HOUR, to * HOUR, null);
                assertTrue(sums.covered(), "hours " + from + ".." + to);
                assertEquals(expected, sums.totals(), "hours " + from + ".." + to + " at step " + step);
                assertEquals(expected.containsKey("spoke-1") ? Map.of("spoke-1", expected.get("spoke-1")) : Map.of(),
                        recent.sum(from * HOUR, to * HOUR, "spoke-1").totals());
            }
        }
    }

    @Test
    @DisplayName("Progress marks are held once built, all or one gateway's, and forgotten when cleared")
    void progressMarks() {
        RecentWindows recent = RecentWindows.builder(RecentWindows.HOURLY, Duration.ofHours(1), Duration.ofDays(35)).build();
        recent.update(() -> {
            recent.progress("spoke-a", NOW - HOUR);
            recent.progress("spoke-b", NOW);
        });
        assertFalse(recent.progress(null).covered(), "not built yet: the caller reads the store");

        recent.built(NOW - Duration.ofDays(35).toMillis());
        recent.update(() -> recent.progress("spoke-a", NOW));

        assertEquals(Map.of("spoke-a", NOW, "spoke-b", NOW), recent.progress(null).marks());
        assertEquals(Map.of("spoke-b", NOW), recent.progress("spoke-b").marks());
        RecentWindows.Progress unknown = recent.progress("spoke-c");
        assertTrue(unknown.covered());
        assertEquals(Map.of(), unknown.marks());

        recent.clear();
        assertFalse(recent.progress("spoke-a").covered(), "cleared: not built");
        recent.built(NOW - Duration.ofDays(35).toMillis());
        assertEquals(Map.of(), recent.progress(null).marks(), "cleared marks stay gone once built again");
    }
}
