package io.egressmon.streams.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.PeriodRequest;
import io.egressmon.api.talkers.TalkerEntry;
import io.egressmon.api.talkers.TalkersPartial;
import io.egressmon.avro.TalkerRole;
import io.egressmon.streams.query.GlobalTalkers.Stats.Counter;
import io.egressmon.streams.talkers.StampedKeyValueStore;
import io.egressmon.streams.talkers.StoreKey;
import io.egressmon.streams.talkers.TalkerTable;
import io.egressmon.streams.talkers.TalkersTopology;
import io.egressmon.streams.talkers.WindowVersions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The global top-talkers question, kept merged per window, range and plan")
class GlobalTalkersTest {
    private static final Instant NOW = Instant.parse("2026-02-10T10:37:12Z");
    private static final int CAPACITY = 50;
    private static final TalkerPlan PLAN = plan(NOW);
    private static final Set<Integer> PARTITIONS = Set.of(0, 1, 2);
    private static final Instant FIRST_DAY = PLAN.days().get(0).from();
    private static final Instant LAST_HOUR = PLAN.hours().get(PLAN.hours().size() - 1).to().minus(Duration.ofHours(1));

    private final WindowVersions versions = new WindowVersions();
    private final Map<String, WindowVersions.Store> stamps = new HashMap<>(Map.of(
            TalkersTopology.STORE_1D, versions.store(TalkersTopology.STORE_1D, TalkersTopology.DAILY_RETENTION),
            TalkersTopology.STORE_1H, versions.store(TalkersTopology.STORE_1H, TalkersTopology.HOURLY_RETENTION)));
    private final WindowVersions.Store emitted = versions.store(TalkersTopology.STORE_EMITTED);
    private GlobalTalkers kept = new GlobalTalkers(versions);

    /** The stores: name → partition → window start → store key → table. */
    private final Map<String, Map<Integer, NavigableMap<Instant, Map<String, TalkerTable>>>> stores = new HashMap<>();
    /** The progress marks by partition. */
    private final Map<Integer, Map<String, Instant>> marks = new TreeMap<>();
    private int reads;
    private int progressReads;

    private static TalkerPlan plan(Instant now) {
        return TalkerPlan.of(new PeriodRequest.LastDays(7).resolve(now).start(), new PeriodRequest.LastDays(7).resolve(now).end(),
                TalkerPlan.hourlySince(now));
    }

    /** Adds to a table, and stamps its window as the store's layer would, unless told not to. */
    private void put(String store, int partition, Instant window, String gateway, TalkerRole role, String ip, long bytes) {
        Map<String, TalkerTable> tables = stores.computeIfAbsent(store, s -> new TreeMap<>())
                .computeIfAbsent(partition, p -> new TreeMap<>()).computeIfAbsent(window, w -> new TreeMap<>());
        tables.merge(new StoreKey(gateway, role).toString(), TalkerTable.empty(CAPACITY).add(ip, bytes, false), TalkerTable::merge);
        stamps.get(store).written(partition, window.toEpochMilli());
    }

    private void mark(int partition, String gateway, Instant at) {
        marks.computeIfAbsent(partition, p -> new TreeMap<>()).put(gateway, at);
        emitted.written(partition, StampedKeyValueStore.WHOLE);
    }

    private final TalkerPartitionReader reader = (store, partitions, from, to, sink) -> {
        reads++;
        for (int p : partitions) {
            stores.getOrDefault(store, Map.of()).getOrDefault(p, new TreeMap<>()).subMap(from, to)
                    .forEach((window, tables) -> tables.forEach((key, table) -> sink.accept(p, window, key, table)));
        }
    };

    private LocalStores.TalkerProgress progress(Set<Integer> partitions) {
        progressReads++;
        Map<String, Instant> until = new TreeMap<>();
        partitions.forEach(p -> until.putAll(marks.getOrDefault(p, Map.of())));
        return new LocalStores.TalkerProgress(until, null);
    }

    private TalkersPartial collect() {
        return kept.collect("me", PARTITIONS, PLAN, CAPACITY, reader, this::progress, NOW);
    }

    /** What one merge of every table answers, as the per-spoke and grouped questions still do. */
    private TalkersPartial fresh() {
        TalkerWindowReader all = (store, from, to, sink) -> reader.forEach(store, PARTITIONS, from, to,
                (partition, window, key, table) -> sink.accept(key, table));
        LocalStores.TalkerProgress p = progress(PARTITIONS);
        return TalkersPartials.collect("me", PARTITIONS, PLAN, all, null, g -> TalkersPartial.ALL, false, 10, CAPACITY)
                .withProgress(p.dataUntil(), p.coarseUntil());
    }

    private void estate() {
        for (int d = 0; d < 6; d++) {
            Instant day = FIRST_DAY.plus(Duration.ofDays(d));
            put(TalkersTopology.STORE_1D, 0, day, "aws-1", TalkerRole.EXTERNAL, "8.8.8.8", 100 + d);
            put(TalkersTopology.STORE_1D, 0, day, "aws-1", TalkerRole.INTERNAL, "10.0.0.1", 40);
            put(TalkersTopology.STORE_1D, 1, day, "az-1", TalkerRole.EXTERNAL, "9.9.9.9", 70);
            put(TalkersTopology.STORE_1D, 2, day, "aws-2", TalkerRole.EXTERNAL, "8.8.8.8", 5 * d);
        }
        put(TalkersTopology.STORE_1H, 1, LAST_HOUR, "az-1", TalkerRole.EXTERNAL, "1.1.1.1", 500);
        mark(0, "aws-1", NOW.minus(Duration.ofMinutes(20)));
        mark(1, "az-1", NOW.minus(Duration.ofMinutes(10)));
    }

    private long count(Counter counter) {
        return kept.stats().get(counter);
    }

    @Test
    @DisplayName("answers what one merge of every table answers")
    void equalsAFreshMerge() {
        estate();
        TalkersPartial partial = collect();
        assertEquals(fresh(), partial);
        assertEquals(List.of("aws-1", "aws-2", "az-1"), partial.gateways());
        assertEquals(1, count(Counter.PARTIAL_MISSES));
    }

    @Test
    @DisplayName("while nothing is written, answers again with the same object and reads nothing")
    void keptWhileNothingChanges() {
        estate();
        TalkersPartial first = collect();
        int readsBefore = reads;
        int progressBefore = progressReads;
        assertSame(first, collect());
        assertEquals(readsBefore, reads);
        assertEquals(progressBefore, progressReads);
        assertEquals(1, count(Counter.PARTIAL_HITS));
    }

    @Test
    @DisplayName("a write to a window makes the next answer include it, reading that window alone again")
    void writeIsSeen() {
        estate();
        collect();
        long windowMisses = count(Counter.WINDOW_MISSES);
        int readsBefore = reads;
        put(TalkersTopology.STORE_1D, 2, FIRST_DAY.plus(Duration.ofDays(3)), "aws-2", TalkerRole.EXTERNAL, "4.4.4.4", 1_000);
        TalkersPartial partial = collect();
        assertEquals(windowMisses + 1, count(Counter.WINDOW_MISSES), "one window read again");
        assertEquals(readsBefore + 1, reads, "in one query");
        assertEquals(PLAN.hours().size(), count(Counter.SPAN_HITS), "the hours were not merged again");
        assertEquals(fresh(), partial);
        assertEquals("4.4.4.4", TalkerTable.of(partial.groups().get(TalkersPartial.ALL).external()).top(1).get(0).ip());
    }

    @Test
    @DisplayName("a table changed without its window stamped is not seen: the stamps are what tell")
    void onlyStampsTell() {
        estate();
        TalkersPartial first = collect();
        stores.get(TalkersTopology.STORE_1D).get(0).get(FIRST_DAY).put("ghost|EXTERNAL",
                TalkerTable.empty(CAPACITY).add("6.6.6.6", 1, false));
        assertSame(first, collect());
    }

    @Test
    @DisplayName("a reset of a partition (its store opened again) reads that partition's windows again, and only those")
    void resetRereadsThePartition() {
        estate();
        collect();
        long windowMisses = count(Counter.WINDOW_MISSES);
        stores.get(TalkersTopology.STORE_1D).get(0).get(FIRST_DAY).put("new|EXTERNAL",
                TalkerTable.empty(CAPACITY).add("7.7.7.7", 3, false));
        stamps.get(TalkersTopology.STORE_1D).reset(0);
        TalkersPartial partial = collect();
        assertEquals(fresh(), partial);
        assertTrue(partial.gateways().contains("new"));
        long days = Duration.between(FIRST_DAY, PLAN.days().get(0).to()).toDays();
        assertEquals(windowMisses + days, count(Counter.WINDOW_MISSES), "every day of partition 0");
    }

    @Test
    @DisplayName("a restoration of a partition's store makes its windows read again")
    void restorationRereads() {
        estate();
        collect();
        stores.get(TalkersTopology.STORE_1H).computeIfAbsent(2, p -> new TreeMap<>())
                .computeIfAbsent(LAST_HOUR, h -> new TreeMap<>())
                .put("restored|INTERNAL", TalkerTable.empty(CAPACITY).add("10.9.9.9", 9, false));
        versions.restoreListener().onRestoreEnd(new TopicPartition("app-talkers-1h-changelog", 2),
                TalkersTopology.STORE_1H, 1);
        TalkersPartial partial = collect();
        assertEquals(fresh(), partial);
        assertTrue(partial.gateways().contains("restored"));
    }

    @Test
    @DisplayName("new progress marks are read again with the windows kept")
    void progressIsReadAgain() {
        estate();
        TalkersPartial first = collect();
        long windowMisses = count(Counter.WINDOW_MISSES);
        mark(2, "aws-2", NOW.minus(Duration.ofMinutes(5)));
        TalkersPartial second = collect();
        assertNotSame(first, second);
        assertEquals(NOW.minus(Duration.ofMinutes(5)), second.dataUntil().get("aws-2"));
        assertEquals(windowMisses, count(Counter.WINDOW_MISSES), "no window read again");
        assertEquals(fresh(), second);
    }

    @Test
    @DisplayName("windows near the end of their retention are read every time, and what stands on them is not kept")
    void expiringWindowsAreNotKept() {
        stamps.put(TalkersTopology.STORE_1D, versions.store(TalkersTopology.STORE_1D, Duration.ofDays(5)));
        kept = new GlobalTalkers(versions);
        estate();
        collect();
        int readsBefore = reads;
        TalkersPartial again = collect();
        assertEquals(fresh(), again);
        assertTrue(reads > readsBefore, "the oldest days are read again");
        assertEquals(0, count(Counter.PARTIAL_HITS));
    }

    @Test
    @DisplayName("beyond the capacity, a merge of merges keeps its promises: bytes − error ≤ true ≤ bytes, absent IPs ≤ the bound")
    void promisesHoldBeyondCapacity() {
        SplittableRandom random = new SplittableRandom(3);
        Map<String, Long> truth = new HashMap<>();
        for (int p = 0; p < 3; p++) {
            for (int d = 0; d < 6; d++) {
                for (int i = 0; i < 40; i++) {
                    String ip = "40.0." + p + "." + random.nextInt(60);
                    long bytes = 1 + random.nextInt(1_000);
                    put(TalkersTopology.STORE_1D, p, FIRST_DAY.plus(Duration.ofDays(d)), "gw-" + p + "-" + i % 5,
                            TalkerRole.EXTERNAL, ip, bytes);
                    truth.merge(ip, bytes, Long::sum);
                }
            }
        }
        TalkerTable merged = TalkerTable.of(collect().groups().get(TalkersPartial.ALL).external());
        assertFalse(merged.exact(), "the sums do not fit: the test is about approximation");
        for (Map.Entry<String, Long> t : truth.entrySet()) {
            TalkerEntry e = merged.get(t.getKey()).orElse(null);
            if (e == null) {
                assertTrue(t.getValue() <= merged.missingBound(), t + " absent but above the bound " + merged.missingBound());
            } else {
                assertTrue(e.bytes() - e.error() <= t.getValue() && t.getValue() <= e.bytes(), t + " vs " + e);
            }
        }
    }

    @Test
    @DisplayName("what an answer takes from the partials is made once for the same partial objects")
    void partsKeptForTheSameObjects() {
        estate();
        TalkersPartial partial = collect();
        GlobalParts.Kept parts = new GlobalParts.Kept(4);
        GlobalParts first = parts.of(List.of(partial), CAPACITY, 10);
        assertSame(first, parts.of(List.of(partial), CAPACITY, 10));
        assertSame(partial, collect(), "the kept partial is the same object");
        TalkersPartial copy = new TalkersPartial(partial.host(), partial.partitions(), partial.gateways(), partial.spokes(),
                partial.groups(), partial.dataUntil(), partial.coarseUntil());
        GlobalParts again = parts.of(List.of(copy), CAPACITY, 10);
        assertNotSame(first, again);
        assertEquals(first, again);
        assertEquals(GlobalParts.of(List.of(fresh()), CAPACITY, 10), first, "as made from a fresh merge");
        assertNotSame(first, parts.of(List.of(partial), CAPACITY, 5), "another top is another ranking");
        assertEquals(1, parts.hits());
        assertEquals(3, parts.misses());
    }
}
