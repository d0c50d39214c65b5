package io.egressmon.streams.talkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.talkers.TalkerEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A talker table")
class TalkerTableTest {

    private static String ip(int i) {
        return "203.0." + (i / 256) + "." + (i % 256);
    }

    /** A stream of (ip, bytes) where a few IPs carry most of the bytes, as real egress does. */
    private static List<Object[]> skewedStream(long seed, int records, int distinct) {
        Random random = new Random(seed);
        List<Object[]> stream = new ArrayList<>();
        for (int r = 0; r < records; r++) {
            // A cubed uniform draw favours small indexes: ip(0) is the heaviest talker.
            double u = random.nextDouble();
            int i = (int) (u * u * u * distinct);
            stream.add(new Object[] {ip(i), 1L + random.nextInt(1_000_000)});
        }
        return stream;
    }

    private static TalkerTable fill(int capacity, List<Object[]> stream, Map<String, Long> truth) {
        TalkerTable t = TalkerTable.empty(capacity);
        for (Object[] r : stream) {
            t = t.add((String) r[0], (Long) r[1], false);
            if (truth != null) {
                truth.merge((String) r[0], (Long) r[1], Long::sum);
            }
        }
        return t;
    }

    /** The table's two promises against the true counts (also of tables the topology built). */
    static void assertBounds(TalkerTable table, Map<String, Long> truth) {
        long min = Long.MAX_VALUE;
        for (TalkerEntry e : table.entries()) {
            long t = truth.getOrDefault(e.ip(), 0L);
            assertTrue(e.bytes() - e.error() <= t && t <= e.bytes(),
                    () -> e + ": true count " + t + " outside [bytes − error, bytes]");
            min = Math.min(min, e.bytes());
        }
        for (Map.Entry<String, Long> t : truth.entrySet()) {
            if (table.get(t.getKey()).isEmpty()) {
                assertTrue(t.getValue() <= table.missingBound(),
                        () -> t.getKey() + " (" + t.getValue() + " B) is missing but above the bound " + table.missingBound());
            }
        }
        if (!table.isEmpty()) {
            assertTrue(table.missingBound() <= min, "the missing bound never exceeds the smallest stored count");
        }
        assertEquals(truth.values().stream().mapToLong(Long::longValue).sum(), table.totalBytes());
    }

    @Test
    @DisplayName("is exact while it holds at most its capacity: every count is the sum of its IP's bytes")
    void exactUnderCapacity() {
        Map<String, Long> truth = new HashMap<>();
        TalkerTable t = fill(100, skewedStream(1, 5_000, 100), truth);
        assertTrue(t.exact());
        assertEquals(truth.size(), t.size());
        for (TalkerEntry e : t.entries()) {
            assertEquals(truth.get(e.ip()), e.bytes());
            assertEquals(0, e.error());
        }
        assertEquals(0, t.missingBound());
    }

    @Test
    @DisplayName("beyond its capacity replaces the smallest entry, whose count the newcomer carries as its error")
    void spaceSavingReplacement() {
        TalkerTable t = TalkerTable.empty(2).add("1.1.1.1", 50, false).add("2.2.2.2", 10, false).add("3.3.3.3", 5, false);
        assertEquals(2, t.size());
        assertTrue(t.get("2.2.2.2").isEmpty(), "the smallest entry was replaced");
        assertEquals(new TalkerEntry("3.3.3.3", 15, 10), t.get("3.3.3.3").orElseThrow());
        assertEquals(10, t.missingBound());
        assertFalse(t.exact());
        assertEquals(65, t.totalBytes());
    }

    @Test
    @DisplayName("beyond its capacity keeps the Space-Saving bounds: true ≤ stored ≤ true + error, and absent IPs below the minimum")
    void spaceSavingBounds() {
        for (long seed = 1; seed <= 5; seed++) {
            Map<String, Long> truth = new HashMap<>();
            TalkerTable t = fill(50, skewedStream(seed, 4_000, 600), truth);
            assertFalse(t.exact(), "600 IPs in a table of 50 cannot all fit");
            assertEquals(50, t.size());
            assertBounds(t, truth);
            // The heaviest talker by far is found, within its error.
            String heaviest = truth.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            assertTrue(t.get(heaviest).isPresent(), "the heaviest IP is in the table");
        }
    }

    @Test
    @DisplayName("merging exact tables is associative and commutative, and equals one table fed everything")
    void mergeOfExactTablesIsAssociative() {
        List<Object[]> stream = skewedStream(7, 3_000, 300);
        TalkerTable a = fill(1000, stream.subList(0, 1000), null);
        TalkerTable b = fill(1000, stream.subList(1000, 2000), null);
        TalkerTable c = fill(1000, stream.subList(2000, 3000), null);
        assertEquals(a.merge(b).merge(c), a.merge(b.merge(c)));
        assertEquals(a.merge(b), b.merge(a));
        assertEquals(fill(1000, stream, null), a.merge(b).merge(c));
        assertEquals(fill(1000, stream, null), TalkerTable.mergeAll(1000, List.of(c, a, b)));
        assertTrue(a.merge(b).merge(c).exact());
    }

    @Test
    @DisplayName("merging trims to capacity keeping the largest, and the trimmed maximum becomes the missing bound")
    void mergeTrims() {
        TalkerTable a = TalkerTable.empty(3).add("1.0.0.1", 100, false).add("1.0.0.2", 40, false).add("1.0.0.3", 5, false);
        TalkerTable b = TalkerTable.empty(3).add("1.0.0.2", 30, false).add("1.0.0.4", 60, false).add("1.0.0.5", 7, false);
        TalkerTable m = a.merge(b);
        assertEquals(List.of(new TalkerEntry("1.0.0.1", 100, 0), new TalkerEntry("1.0.0.2", 70, 0),
                new TalkerEntry("1.0.0.4", 60, 0)), m.entries());
        assertEquals(7, m.missingBound(), "1.0.0.5 (7) was the largest trimmed");
        assertEquals(242, m.totalBytes());
        assertFalse(m.exact());
    }

    @Test
    @DisplayName("merging approximate tables keeps both promises, in any order and however many tables")
    void mergeOfApproximateTablesKeepsBounds() {
        Map<String, Long> truth = new HashMap<>();
        List<TalkerTable> parts = new ArrayList<>();
        for (long seed = 10; seed < 16; seed++) {
            parts.add(fill(40, skewedStream(seed, 1_500, 400), truth));
        }
        assertBounds(TalkerTable.mergeAll(40, parts), truth);
        assertBounds(parts.get(0).merge(parts.get(1)).merge(parts.get(2)).merge(parts.get(3)).merge(parts.get(4))
                .merge(parts.get(5)), truth);
        TalkerTable.Merger merger = new TalkerTable.Merger(10); // tiny: trims while merging
        parts.forEach(merger::add);
        assertBounds(merger.result(), truth);
    }

    @Test
    @DisplayName("a running merger fed IP by IP keeps the largest counts, ties by IP, and both promises")
    void mergerFedByIp() {
        List<Object[]> stream = skewedStream(11, 20_000, 3_000);
        // Many equal counts, so the cut falls among ties.
        for (int i = 0; i < 500; i++) {
            stream.add(new Object[] {ip(5_000 + i), 7L});
        }
        Map<String, Long> truth = new HashMap<>();
        TalkerTable.Merger merger = new TalkerTable.Merger(100);
        for (Object[] r : stream) {
            merger.add((String) r[0], (Long) r[1], 1);
            truth.merge((String) r[0], (Long) r[1], Long::sum);
            assertTrue(merger.size() <= 200, "trimmed at twice the capacity");
        }
        TalkerTable table = merger.result();
        assertEquals(100, table.size());
        assertEquals(truth.values().stream().mapToLong(Long::longValue).sum(), table.totalBytes());
        assertBounds(table, truth);
        assertEquals(table, merger.result(), "the merger goes on from its result");

        // Exact while within capacity: equal to one table fed everything.
        TalkerTable.Merger small = new TalkerTable.Merger(100);
        small.add("203.0.113.2", 5, 1).add("203.0.113.1", 5, 2).add("203.0.113.2", 1, 1);
        assertEquals(List.of(new TalkerEntry("203.0.113.2", 6, 0, 2), new TalkerEntry("203.0.113.1", 5, 0, 2)),
                small.result().entries());

        // A cut among equal counts keeps the lowest IPs, as the ranking orders them.
        TalkerTable.Merger ties = new TalkerTable.Merger(10);
        for (int i = 19; i >= 0; i--) {
            ties.add(ip(i), 3, 1);
        }
        ties.add(ip(99), 50, 1);
        TalkerTable cut = ties.result();
        List<String> kept = cut.entries().stream().map(TalkerEntry::ip).toList();
        List<String> tied = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tied.add(ip(i));
        }
        tied.sort(null);
        List<String> expected = new ArrayList<>(tied.subList(0, 9));
        expected.add(ip(99));
        expected.sort(null);
        assertEquals(expected, kept.stream().sorted().toList());
        assertEquals(3, cut.missingBound(), "the first trimmed count bounds what is missing");
    }

    @Test
    @DisplayName("a running merger counts the IPs its trims drop, and can be told its input was truncated")
    void mergerDropsAndTruncation() {
        TalkerTable.Merger merger = new TalkerTable.Merger(10);
        for (int i = 0; i < 25; i++) {
            merger.add(ip(i), 100 + i, 0);
        }
        assertEquals(11, merger.dropped(), "trimmed from 21 to 10 when it passed twice the capacity");
        merger.markTruncated();
        TalkerTable table = merger.result();
        assertEquals(15, merger.dropped(), "each of the 25 IPs was added once: all but the 10 kept were dropped");
        assertTrue(table.truncated());
        assertFalse(new TalkerTable.Merger(10).add(ip(1), 5, 0).result().truncated());
    }

    @Test
    @DisplayName("selects the k-th smallest count as sorting would, duplicates included")
    void select() {
        Random random = new Random(5);
        for (int round = 0; round < 2_000; round++) {
            long[] values = new long[1 + random.nextInt(60)];
            int spread = 1 + random.nextInt(round % 3 == 0 ? 4 : 1_000);
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextInt(spread);
            }
            long[] sorted = values.clone();
            java.util.Arrays.sort(sorted);
            int k = random.nextInt(values.length);
            assertEquals(sorted[k], CountSelection.select(values, k), () -> "k=" + k + " of " + java.util.Arrays.toString(sorted));
        }
    }

    @Test
    @DisplayName("top(n) ranks by bytes, largest first, ties by IP ascending")
    void ranking() {
        TalkerTable t = TalkerTable.empty(10).add("9.9.9.9", 5, false).add("1.1.1.1", 7, false)
                .add("10.0.0.2", 5, false).add("10.0.0.10", 5, false);
        assertEquals(List.of("1.1.1.1", "10.0.0.10", "10.0.0.2", "9.9.9.9"), t.top(10).stream().map(TalkerEntry::ip).toList());
        assertEquals(2, t.top(2).size());
    }

    @Test
    @DisplayName("remembers that some input came from a truncated FlowIQ answer, through merges")
    void truncation() {
        TalkerTable t = TalkerTable.empty(10).add("1.1.1.1", 7, true);
        assertTrue(t.truncated());
        assertTrue(t.exact(), "truncation is not a capacity approximation");
        assertTrue(TalkerTable.empty(10).merge(t).truncated());
        assertTrue(t.rank(5).approximate());
        assertFalse(TalkerTable.empty(10).add("1.1.1.1", 7, false).rank(5).approximate());
    }

    @Test
    @DisplayName("refuses negative bytes and impossible stored forms")
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> TalkerTable.empty(10).add("1.1.1.1", -1, false));
        assertThrows(IllegalArgumentException.class, () -> TalkerTable.empty(0));
        assertThrows(IllegalArgumentException.class, () -> new TalkerEntry("1.1.1.1", 5, 6));
        assertThrows(IllegalArgumentException.class, () -> TalkerTable.of(1, 0, 0, false,
                List.of(new TalkerEntry("1.1.1.1", 1, 0), new TalkerEntry("2.2.2.2", 1, 0))));
        assertThrows(IllegalArgumentException.class, () -> TalkerTable.of(5, 0, 0, false,
                List.of(new TalkerEntry("1.1.1.1", 1, 0), new TalkerEntry("1.1.1.1", 1, 0))));
    }
}
