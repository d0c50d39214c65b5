package io.egressmon.streams.query;

import io.egressmon.api.talkers.RoleTableData;
import io.egressmon.api.talkers.TalkersPartial;
import io.egressmon.streams.Counts;
import io.egressmon.streams.query.TalkerPlan.StoreSpan;
import io.egressmon.streams.talkers.RoleTables;
import io.egressmon.streams.talkers.StampedKeyValueStore;
import io.egressmon.streams.talkers.StoreKey;
import io.egressmon.streams.talkers.TalkersTopology;
import io.egressmon.streams.talkers.WindowVersions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * This instance's part of the global top-talkers question (all spokes, no group, no per-spoke
 * ranking), kept merged so that it is not read and merged again while nothing it stands on changed
 * (design.md, "Top-talker query caches"). Three levels, each kept with the {@link WindowVersions} of
 * the windows it was made from, taken before they were read:
 * <ol>
 *   <li>per store, partition and window: all that partition's tables of the window, merged per role;</li>
 *   <li>per range of a plan ({@link StoreSpan}) and set of partitions: the merge of those windows;</li>
 *   <li>per plan and set of partitions: the partial answer, merged from its ranges and converted once.</li>
 * </ol>
 * A window that changed is read again alone; closed days never change, so a live instance re-reads
 * the current hours of the partitions that received data, and merges a few tables more.
 *
 * <p>Merges of merges keep {@link io.egressmon.streams.talkers.TalkerTable}'s promises, and are exact
 * (equal to one merge of every table) as long as the sums fit the capacity. Windows without a version
 * (near their expiry, {@link WindowVersions#UNVERSIONED}) are read afresh every time, and what stands
 * on them is not kept.
 *
 * <p>The partial answers kept are the same objects every time, so what the answer takes from them
 * is kept as well ({@link GlobalParts.Kept}).
 *
 * <p>Thread-safe. Memory is bounded: {@link #MAX_WINDOW_ENTRIES} and {@link #MAX_SPAN_ENTRIES} IPs,
 * {@link #MAX_PARTIALS} partial answers.
 */
final class GlobalTalkers {
    /**
     * IPs of window merges kept (an IPv4 entry costs ~30 bytes: ~30 MB). A window's merge holds at
     * most the capacity per role: 30 days of 6 partitions fit while their merges average below ~5 000
     * IPs (both roles); beyond, a range that changes is merged again from windows read again.
     */
    static final long MAX_WINDOW_ENTRIES = 1_000_000;
    /** IPs of range merges kept (each at most the capacity per role; ~8 MB). */
    static final long MAX_SPAN_ENTRIES = 250_000;
    /** Partial answers kept (each at most the capacity per role, as answer objects: ~0.7 MB at 4096). */
    static final int MAX_PARTIALS = 16;

    /** What the levels found kept, and what they had to make. */
    static final class Stats extends Counts<Stats.Counter> {
        enum Counter {
            PARTIAL_HITS, PARTIAL_MISSES, SPAN_HITS, SPAN_MISSES, WINDOW_HITS, WINDOW_MISSES
        }

        Stats() {
            super(Counter.class);
        }
    }

    /** A window of one partition. */
    private record Cell(String store, int partition, long windowStart, int capacity) {
    }

    /** A range of a plan over some partitions. */
    private record SpanKey(StoreSpan span, List<Integer> partitions, int capacity) {
    }

    /** A plan's ranges over some partitions, answered as {@code host}. */
    private record PartialKey(String host, List<StoreSpan> spans, List<Integer> partitions, int capacity) {
    }

    /** Tables merged per role, and the gateways that had any. */
    private record Merged(RoleTables tables, SortedSet<String> gateways) {
        long entries() {
            return tables.size() + gateways.size();
        }
    }

    private final WindowVersions versions;
    private final Stats stats = new Stats();
    private final VersionedLru<Cell, Merged> windows = new VersionedLru<>(MAX_WINDOW_ENTRIES, Merged::entries);
    private final VersionedLru<SpanKey, Merged> spans = new VersionedLru<>(MAX_SPAN_ENTRIES, Merged::entries);
    private final VersionedLru<PartialKey, TalkersPartial> partials = new VersionedLru<>(MAX_PARTIALS, p -> 1);

    GlobalTalkers(WindowVersions versions) {
        this.versions = Objects.requireNonNull(versions, "versions");
    }

    Stats stats() {
        return stats;
    }

    /** Reads the progress marks of some partitions. */
    @FunctionalInterface
    interface ProgressReader {
        LocalStores.TalkerProgress read(Set<Integer> partitions);
    }

    /**
     * This instance's partial answer to the global question over {@code plan} on {@code partitions}:
     * the one group {@link TalkersPartial#ALL} (when any gateway has data), the gateways with data, and
     * (FlowIQ) the progress marks.
     *
     * @param progress FlowIQ's marks (stamped as window {@link StampedKeyValueStore#WHOLE} of
     *                 {@link TalkersTopology#STORE_EMITTED}), or null for none (flows)
     * @param now      the wall clock, for which windows are near their expiry
     */
    TalkersPartial collect(String host, Set<Integer> partitions, TalkerPlan plan, int capacity, TalkerPartitionReader reader,
                           ProgressReader progress, Instant now) {
        List<Integer> parts = List.copyOf(new TreeSet<>(partitions));
        List<StoreSpan> storeSpans = plan.storeSpans();
        List<long[]> spanVersions = new ArrayList<>();
        long[] marks = new long[progress == null ? 0 : parts.size()];
        for (int i = 0; i < marks.length; i++) { // before anything is read
            marks[i] = versions.version(TalkersTopology.STORE_EMITTED, parts.get(i), StampedKeyValueStore.WHOLE,
                    now.toEpochMilli());
        }
        for (StoreSpan s : storeSpans) {
            spanVersions.add(versionsOf(s, parts, now.toEpochMilli()));
        }
        long[] all = spanVersions.stream().reduce(marks, GlobalTalkers::concat);
        PartialKey key = new PartialKey(host, storeSpans, parts, capacity);
        TalkersPartial kept = partials.get(key, all);
        if (kept != null) {
            stats.increment(Stats.Counter.PARTIAL_HITS);
            return kept;
        }
        stats.increment(Stats.Counter.PARTIAL_MISSES);
        // The marks before the tables, as a fresh answer reads them: never ahead of what was read.
        LocalStores.TalkerProgress read = progress == null ? null : progress.read(partitions);
        RoleTables.Merger sum = new RoleTables.Merger(capacity);
        SortedSet<String> gateways = new TreeSet<>();
        for (int i = 0; i < storeSpans.size(); i++) {
            Merged m = span(storeSpans.get(i), parts, spanVersions.get(i), capacity, reader);
            sum.add(m.tables());
            gateways.addAll(m.gateways());
        }
        // As a fresh merge answers: the group only when some gateway had a table.
        Map<String, RoleTableData> groups = gateways.isEmpty() ? Map.of()
                : Map.of(TalkersPartial.ALL, sum.result().toData());
        TalkersPartial partial = new TalkersPartial(host, partitions, List.copyOf(gateways), Map.of(), groups,
                read == null ? Map.of() : read.dataUntil(), read == null ? null : read.coarseUntil());
        if (versioned(all)) {
            partials.put(key, all, partial);
        }
        return partial;
    }

    /** The versions of {@code span}'s windows, partition by partition, window by window. */
    private long[] versionsOf(StoreSpan span, List<Integer> parts, long nowMs) {
        long size = span.window().toMillis();
        long from = span.span().from().toEpochMilli();
        int n = windowsIn(span);
        long[] out = new long[parts.size() * n];
        for (int i = 0; i < parts.size(); i++) {
            versions.versions(span.store(), parts.get(i), from, size, n, nowMs, out, i * n);
        }
        return out;
    }

    /** The merge of {@code span}'s windows on {@code parts}, whose versions are {@code spanVersions}. */
    private Merged span(StoreSpan span, List<Integer> parts, long[] spanVersions, int capacity, TalkerPartitionReader reader) {
        SpanKey key = new SpanKey(span, parts, capacity);
        Merged kept = spans.get(key, spanVersions);
        if (kept != null) {
            stats.increment(Stats.Counter.SPAN_HITS);
            return kept;
        }
        stats.increment(Stats.Counter.SPAN_MISSES);
        int n = windowsIn(span);
        long size = span.window().toMillis();
        long from = span.span().from().toEpochMilli();
        Merged[] cells = new Merged[parts.size() * n];
        // What is kept, and the bounds of what is not, to read those windows in one query.
        Set<Integer> reread = new TreeSet<>();
        int firstMissing = n;
        int lastMissing = -1;
        for (int i = 0; i < parts.size(); i++) {
            for (int j = 0; j < n; j++) {
                int c = i * n + j;
                long v = spanVersions[c];
                cells[c] = v == WindowVersions.UNVERSIONED ? null
                        : windows.get(new Cell(span.store(), parts.get(i), from + j * size, capacity), new long[] {v});
                if (cells[c] == null) {
                    reread.add(parts.get(i));
                    firstMissing = Math.min(firstMissing, j);
                    lastMissing = Math.max(lastMissing, j);
                }
            }
        }
        long hits = cells.length - Arrays.stream(cells).filter(Objects::isNull).count();
        stats.add(Stats.Counter.WINDOW_HITS, hits);
        stats.add(Stats.Counter.WINDOW_MISSES, cells.length - hits);
        if (!reread.isEmpty()) {
            read(span, parts, spanVersions, capacity, reader, cells, reread, firstMissing, lastMissing);
        }
        RoleTables.Merger sum = new RoleTables.Merger(capacity);
        SortedSet<String> gateways = new TreeSet<>();
        for (Merged m : cells) {
            sum.add(m.tables());
            gateways.addAll(m.gateways());
        }
        Merged merged = new Merged(sum.result(), Collections.unmodifiableSortedSet(gateways));
        if (versioned(spanVersions)) {
            spans.put(key, spanVersions, merged);
        }
        return merged;
    }

    /**
     * Reads the windows {@code firstMissing..lastMissing} of {@code span} on the partitions
     * {@code reread} in one query, and fills the {@code cells} that are null with their merges (kept
     * when they have a version); tables of windows that were kept are passed over.
     */
    private void read(StoreSpan span, List<Integer> parts, long[] spanVersions, int capacity, TalkerPartitionReader reader,
                      Merged[] cells, Set<Integer> reread, int firstMissing, int lastMissing) {
        int n = windowsIn(span);
        long size = span.window().toMillis();
        long from = span.span().from().toEpochMilli();
        RoleTables.Merger[] fresh = new RoleTables.Merger[cells.length];
        List<SortedSet<String>> gateways = new ArrayList<>(Collections.nCopies(cells.length, null));
        for (int c = 0; c < cells.length; c++) {
            if (cells[c] == null) {
                fresh[c] = new RoleTables.Merger(capacity);
                gateways.set(c, new TreeSet<>());
            }
        }
        reader.forEach(span.store(), reread, Instant.ofEpochMilli(from + firstMissing * size),
                Instant.ofEpochMilli(from + (lastMissing + 1) * size), (partition, windowStart, storeKey, table) -> {
                    int i = Collections.binarySearch(parts, partition);
                    long offset = windowStart.toEpochMilli() - from;
                    if (i < 0 || offset < 0 || offset % size != 0 || offset / size >= n) {
                        return;
                    }
                    int c = (int) (i * n + offset / size);
                    if (fresh[c] != null) {
                        StoreKey k = StoreKey.parse(storeKey);
                        fresh[c].add(k.role(), table);
                        gateways.get(c).add(k.gateway());
                    }
                });
        for (int c = 0; c < cells.length; c++) {
            if (fresh[c] != null) {
                cells[c] = new Merged(fresh[c].result(), Collections.unmodifiableSortedSet(gateways.get(c)));
                if (spanVersions[c] != WindowVersions.UNVERSIONED) {
                    int i = c / n;
                    windows.put(new Cell(span.store(), parts.get(i), from + (c % n) * size, capacity),
                            new long[] {spanVersions[c]}, cells[c]);
                }
            }
        }
    }

    private static int windowsIn(StoreSpan span) {
        return Math.toIntExact((span.span().to().toEpochMilli() - span.span().from().toEpochMilli())
                / span.window().toMillis());
    }

    private static boolean versioned(long[] versions) {
        for (long v : versions) {
            if (v == WindowVersions.UNVERSIONED) {
                return false;
            }
        }
        return true;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
