package io.egressmon.ingest.counters;

import io.egressmon.ingest.copilot.GatewayPerformance;
import io.egressmon.ingest.copilot.InterfaceMinMax;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one slice {@code [start, end]} of every participating gateway into snapshots, following
 * design.md "Counter readings": baselines for what is seen for the first time, one reading at the
 * end when no counter went down, and a bisection (L carried left to right) when one did.
 *
 * <p>It does no I/O of its own: the min/max come from a {@link PerformanceSource} — the CoPilot
 * client in production, a function in tests. Gateways go to the source in batches of
 * {@code batchSize}; bisection queries ask for one gateway at a time. Nothing is shared between
 * reads, so a failed read leaves no trace.
 */
public final class SliceReader {
    private static final Logger log = LoggerFactory.getLogger(SliceReader.class);

    /** Min/max per interface for {@code gateways} over {@code [start, end]}, one result per gateway, in order. */
    @FunctionalInterface
    public interface PerformanceSource {
        Future<List<GatewayPerformance>> fetch(List<String> gateways, Instant start, Instant end);
    }

    private final PerformanceSource source;
    private final int batchSize;
    private final Duration bisectMinSlice;

    public SliceReader(PerformanceSource source, int batchSize, Duration bisectMinSlice) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        if (bisectMinSlice.isNegative() || bisectMinSlice.isZero()) {
            throw new IllegalArgumentException("bisectMinSlice must be positive, got " + bisectMinSlice);
        }
        this.source = source;
        this.batchSize = batchSize;
        this.bisectMinSlice = bisectMinSlice;
    }

    /**
     * What a slice read produced.
     *
     * @param snapshots per gateway (in name order) in time order
     * @param last      every participant's last readings after the slice (unchanged when nothing was read)
     */
    public record SliceResult(Instant start, Instant end, List<Snapshot> snapshots, Map<String, Map<String, Counters>> last,
                              int gateways, int resets, int bisections, int baselines, int gatewaysWithoutMetrics) {
    }

    /**
     * Reads {@code [start, end]} for every gateway in {@code lastByGateway} (an empty map of last
     * readings = a gateway seen for the first time). {@code kind} is the kind of the plain end-of-slice
     * snapshots ({@code LIVE} or {@code BACKFILL}).
     */
    public Future<SliceResult> read(Instant start, Instant end, Snapshot.Kind kind,
                                    Map<String, Map<String, Counters>> lastByGateway) {
        if (!end.isAfter(start)) {
            return Future.failedFuture(new IllegalArgumentException("empty slice " + start + " .. " + end));
        }
        List<String> names = new ArrayList<>(new TreeMap<>(lastByGateway).keySet());
        Tally tally = new Tally();
        List<Future<List<GatewayRead>>> batches = new ArrayList<>();
        for (int i = 0; i < names.size(); i += batchSize) {
            List<String> batch = List.copyOf(names.subList(i, Math.min(names.size(), i + batchSize)));
            batches.add(source.fetch(batch, start, end).compose(answers -> {
                if (answers.size() != batch.size()) {
                    return Future.failedFuture(new IllegalStateException("asked for " + batch.size()
                            + " gateways, got " + answers.size() + " answers"));
                }
                for (int k = 0; k < batch.size(); k++) {
                    if (!batch.get(k).equals(answers.get(k).gateway())) {
                        return Future.failedFuture(new IllegalStateException("answer #" + k + " is for "
                                + answers.get(k).gateway() + ", expected " + batch.get(k)));
                    }
                }
                return heads(batch, answers, lastByGateway, start, end).compose(heads -> {
                    List<Future<GatewayRead>> reads = new ArrayList<>(batch.size());
                    for (int k = 0; k < batch.size(); k++) {
                        String name = batch.get(k);
                        reads.add(readGateway(name, start, end, kind, lastByGateway.get(name), answers.get(k).interfaces(),
                                heads.getOrDefault(name, Map.of()), tally));
                    }
                    return Future.all(reads).map(all -> {
                        List<GatewayRead> out = new ArrayList<>(reads.size());
                        reads.forEach(f -> out.add(f.result()));
                        return out;
                    });
                });
            }));
        }
        return Future.all(batches).map(all -> {
            List<Snapshot> snapshots = new ArrayList<>();
            Map<String, Map<String, Counters>> last = new TreeMap<>();
            for (Future<List<GatewayRead>> batch : batches) {
                for (GatewayRead read : batch.result()) {
                    snapshots.addAll(read.snapshots());
                    last.put(read.gateway(), read.last());
                }
            }
            return new SliceResult(start, end, List.copyOf(snapshots), last, names.size(), tally.resets.get(),
                    tally.bisections.get(), tally.baselines.get(), tally.withoutMetrics.get());
        });
    }

    private record GatewayRead(String gateway, List<Snapshot> snapshots, Map<String, Counters> last) {
    }

    private static final class Tally {
        final AtomicInteger resets = new AtomicInteger();
        final AtomicInteger bisections = new AtomicInteger();
        final AtomicInteger baselines = new AtomicInteger();
        final AtomicInteger withoutMetrics = new AtomicInteger();
    }

    /**
     * The min/max of the slice's first {@code bisectMinSlice} for the gateways that need a baseline.
     * A baseline is the reading at the slice start; the whole slice's min is that reading only if
     * no counter restarted inside the slice, which for a gateway seen for the first time cannot be
     * checked. The head's min is the reading at the start, and the rest of the slice is then checked
     * for resets like any other.
     */
    private Future<Map<String, Map<String, InterfaceMinMax>>> heads(List<String> batch, List<GatewayPerformance> answers,
                                                                    Map<String, Map<String, Counters>> lastByGateway,
                                                                    Instant start, Instant end) {
        Instant headEnd = start.plus(bisectMinSlice);
        if (!headEnd.isBefore(end)) {
            return Future.succeededFuture(Map.of());
        }
        List<String> needing = new ArrayList<>();
        for (int k = 0; k < batch.size(); k++) {
            Map<String, Counters> last = lastByGateway.get(batch.get(k));
            if (!CounterRules.baseline(last == null ? Map.of() : last, answers.get(k).interfaces()).isEmpty()) {
                needing.add(batch.get(k));
            }
        }
        if (needing.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        return source.fetch(needing, start, headEnd).compose(answers2 -> {
            if (answers2.size() != needing.size()) {
                return Future.failedFuture(new IllegalStateException("asked for the start readings of " + needing.size()
                        + " gateways, got " + answers2.size() + " answers"));
            }
            Map<String, Map<String, InterfaceMinMax>> heads = new TreeMap<>();
            for (int k = 0; k < needing.size(); k++) {
                heads.put(needing.get(k), answers2.get(k).interfaces());
            }
            return Future.succeededFuture(heads);
        });
    }

    private Future<GatewayRead> readGateway(String gateway, Instant start, Instant end, Snapshot.Kind kind,
                                            Map<String, Counters> previous, Map<String, InterfaceMinMax> range,
                                            Map<String, InterfaceMinMax> head, Tally tally) {
        Map<String, Counters> last = previous == null ? Map.of() : previous;
        if (!CounterRules.anyReadable(range)) {
            // Nothing to read, nothing lost: the counters keep running and the next slice reads them.
            tally.withoutMetrics.incrementAndGet();
            log.debug("{}: no usable readings in {} .. {}", gateway, start, end);
            return Future.succeededFuture(new GatewayRead(gateway, List.of(), last));
        }
        List<Snapshot> out = new ArrayList<>();
        // Metrics without a sample in the head (e.g. an interface created later in the slice) start at the slice's min.
        Map<String, Counters> fromHead = CounterRules.baseline(last, head);
        Map<String, Counters> base = CounterRules.advance(fromHead,
                CounterRules.baseline(CounterRules.advance(last, fromHead), range));
        if (!base.isEmpty()) {
            tally.baselines.incrementAndGet();
            out.add(new Snapshot(gateway, start, start, end, Snapshot.Kind.BASELINE, base));
            last = CounterRules.advance(last, base);
        }
        if (!CounterRules.hasReset(last, range)) {
            Map<String, Counters> ends = CounterRules.maxima(range);
            out.add(new Snapshot(gateway, end, start, end, kind, ends));
            return Future.succeededFuture(new GatewayRead(gateway, out, CounterRules.advance(last, ends)));
        }
        tally.resets.incrementAndGet();
        log.debug("{}: a counter went down in {} .. {}; bisecting", gateway, start, end);
        Bisection bisection = new Bisection(gateway, start, end, out, tally);
        return bisection.range(start, end, last, range).map(after -> new GatewayRead(gateway, out, after));
    }

    /** The bisection of one gateway's slice; sub-ranges are read one after the other, left to right. */
    private final class Bisection {
        private final String gateway;
        private final Instant sliceStart;
        private final Instant sliceEnd;
        private final List<Snapshot> out;
        private final Tally tally;

        Bisection(String gateway, Instant sliceStart, Instant sliceEnd, List<Snapshot> out, Tally tally) {
            this.gateway = gateway;
            this.sliceStart = sliceStart;
            this.sliceEnd = sliceEnd;
            this.out = out;
            this.tally = tally;
        }

        /** {@code [a, b]} is known to hold a reset against {@code last}; returns the last readings after it. */
        Future<Map<String, Counters>> range(Instant a, Instant b, Map<String, Counters> last,
                                            Map<String, InterfaceMinMax> range) {
            if (Duration.between(a, b).compareTo(bisectMinSlice) <= 0) {
                CounterRules.Leaf leaf = CounterRules.leaf(last, range);
                if (!leaf.middle().isEmpty()) {
                    out.add(snapshot(a.plus(Duration.between(a, b).dividedBy(2)), leaf.middle()));
                }
                if (!leaf.end().isEmpty()) {
                    out.add(snapshot(b, leaf.end()));
                }
                return Future.succeededFuture(CounterRules.advance(CounterRules.advance(last, leaf.middle()), leaf.end()));
            }
            Instant m = CounterRules.split(a, b);
            return half(a, m, last).compose(afterLeft -> half(m, b, afterLeft));
        }

        private Future<Map<String, Counters>> half(Instant a, Instant b, Map<String, Counters> last) {
            tally.bisections.incrementAndGet();
            return source.fetch(List.of(gateway), a, b).compose(answers -> {
                if (answers.size() != 1 || !gateway.equals(answers.get(0).gateway())) {
                    return Future.failedFuture(new IllegalStateException("bisection of " + gateway + ": asked for one gateway, got "
                            + answers.size() + " answers"));
                }
                Map<String, InterfaceMinMax> range = answers.get(0).interfaces();
                if (CounterRules.hasReset(last, range)) {
                    return range(a, b, last, range);
                }
                Map<String, Counters> ends = CounterRules.maxima(range);
                if (!ends.isEmpty()) {
                    out.add(snapshot(b, ends));
                }
                return Future.succeededFuture(CounterRules.advance(last, ends));
            });
        }

        private Snapshot snapshot(Instant at, Map<String, Counters> readings) {
            return new Snapshot(gateway, at, sliceStart, sliceEnd, Snapshot.Kind.BISECT, readings);
        }
    }
}
