package io.egressmon.streams.counters;

import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.avro.CounterSnapshot;
import io.egressmon.avro.PollWatermark;
import io.egressmon.avro.SnapshotKind;
import io.egressmon.avro.SpokeDelta;
import io.egressmon.streams.counters.TopologyStats.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code counter-deltas}: counter snapshots in, per-bucket {@link SpokeDelta}s out, keyed by the
 * same gateway. The gateway's last readings live in the {@code counter-last-readings} store (see
 * {@link CounterReadings} for the rules); each increase over {@code (previous sampled_at,
 * sampled_at]} is split over the 5-minute buckets it covers ({@link BucketSpread}) and forwarded as
 * one record per bucket, timestamped inside that bucket, so the window aggregations put each piece
 * where its bytes (most likely) flowed. Every snapshot, a {@code PROGRESS} mark without readings
 * included, moves the gateway's entry in {@code counter-progress}: how far it was polled and processed,
 * which answers read to tell an incomplete period from one without data.
 *
 * <p>A fixed-key processor: the key never changes, so the grouping after it needs no repartition.
 */
final class CounterDeltaProcessor implements FixedKeyProcessor<String, CounterSnapshot, SpokeDelta> {
    private static final Logger LOG = LoggerFactory.getLogger(CounterDeltaProcessor.class);

    private final TopologyStats stats;
    private FixedKeyProcessorContext<String, SpokeDelta> context;
    private KeyValueStore<String, PollWatermark> lastReadings;
    private KeyValueStore<String, Long> progress;
    /**
     * The largest timestamp forwarded by this task, which is the stream time the window
     * aggregations downstream judge lateness by; used only to count pieces they will drop.
     */
    private long forwardedStreamTime = Long.MIN_VALUE;

    CounterDeltaProcessor(TopologyStats stats) {
        this.stats = stats;
    }

    static FixedKeyProcessorSupplier<String, CounterSnapshot, SpokeDelta> supplier(TopologyStats stats) {
        return new FixedKeyProcessorSupplier<>() {
            @Override
            public FixedKeyProcessor<String, CounterSnapshot, SpokeDelta> get() {
                return new CounterDeltaProcessor(stats);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(BandwidthTopology.STORE_LAST_READINGS),
                        Serdes.String(), new LastReadingsSerde()),
                        // Cached like the window stores; queries read both as of the same commit (READ_COMMITTED).
                        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BandwidthTopology.STORE_PROGRESS),
                                Serdes.String(), Serdes.Long()).withCachingEnabled());
            }
        };
    }

    @Override
    public void init(FixedKeyProcessorContext<String, SpokeDelta> context) {
        this.context = context;
        this.lastReadings = context.getStateStore(BandwidthTopology.STORE_LAST_READINGS);
        this.progress = context.getStateStore(BandwidthTopology.STORE_PROGRESS);
    }

    @Override
    public void process(FixedKeyRecord<String, CounterSnapshot> record) {
        stats.increment(Counter.SNAPSHOTS);
        String gateway = record.key();
        CounterSnapshot snapshot = record.value();
        if (gateway == null || snapshot == null || snapshot.getSampledAt() == null) {
            stats.increment(Counter.MALFORMED_SNAPSHOTS);
            LOG.warn("dropped counter snapshot without {} (key {}, record time {})",
                    gateway == null ? "a gateway key" : snapshot == null ? "a value" : "sampled_at",
                    gateway, Instant.ofEpochMilli(record.timestamp()));
            return;
        }
        long at = snapshot.getSampledAt().toEpochMilli();
        Long polled = progress.get(gateway);
        if (polled == null || at > polled) {
            progress.put(gateway, at);
        }
        if (snapshot.getKind() == SnapshotKind.PROGRESS) {
            stats.increment(Counter.PROGRESS_MARKS);
            return; // no readings: it only says how far the gateway was polled
        }
        CounterReadings.Step step = CounterReadings.apply(gateway, lastReadings.get(gateway), snapshot, stats);
        if (step.next() == null) {
            return;
        }
        lastReadings.put(gateway, step.next());
        if (step.delta() != null) {
            forward(record, gateway, step);
        }
    }

    private void forward(FixedKeyRecord<String, CounterSnapshot> record, String gateway, CounterReadings.Step step) {
        // An increase over an interval reaching back past the grace (a gateway unread for hours, or
        // behind the others on its partition) would partly land in closed hourly windows and be lost.
        // Its bytes are real, only their timing is unknown, so it is spread from the earliest hour
        // still open instead: no byte leaves the long-term store, and the shift is counted.
        long streamTime = Math.max(forwardedStreamTime, step.toMs() - 1);
        long hour = BandwidthTopology.HOURLY.toMillis();
        long earliestOpen = Math.floorDiv(streamTime - BandwidthTopology.GRACE.toMillis(), hour) * hour;
        long from = step.fromMs();
        long to = step.toMs();
        if (from < earliestOpen) {
            stats.increment(Counter.SHIFTED_DELTAS);
            LOG.warn("delta of {} over ({}, {}] reaches back past the grace ({}): spread from {} instead",
                    gateway, Instant.ofEpochMilli(from), Instant.ofEpochMilli(to), BandwidthTopology.GRACE,
                    Instant.ofEpochMilli(earliestOpen));
            from = earliestOpen;
            to = Math.max(to, earliestOpen + BandwidthTopology.FINE.toMillis());
        }
        List<BucketSpread.Piece> pieces = BucketSpread.spread(from, to, step.delta(), BandwidthTopology.FINE);
        RawTotals whole = step.delta();
        long spanBytes = whole.eth0Rx() + whole.eth0Tx() + whole.tunnelRx() + whole.tunnelTx();
        int late5m = 0;
        int late1h = 0;
        for (BucketSpread.Piece piece : pieces) {
            long timestamp = piece.timestamp();
            forwardedStreamTime = Math.max(forwardedStreamTime, timestamp);
            if (closed(timestamp, BandwidthTopology.FINE)) {
                late5m++;
            }
            if (closed(timestamp, BandwidthTopology.HOURLY)) {
                late1h++;
            }
            RawTotals t = piece.totals();
            SpokeDelta delta = new SpokeDelta(gateway, Instant.ofEpochMilli(piece.from()), Instant.ofEpochMilli(piece.to()),
                    t.eth0Rx(), t.eth0Tx(), t.tunnelRx(), t.tunnelTx(), t.resets(), from, to, spanBytes);
            context.forward(record.withValue(delta).withTimestamp(timestamp));
        }
        stats.add(Counter.DELTA_PIECES, pieces.size());
        if (late5m > 0 || late1h > 0) {
            stats.add(Counter.LATE_PIECES_5M, late5m);
            stats.add(Counter.LATE_PIECES_1H, late1h);
            LOG.warn("delta of {} over ({}, {}] ({}) arrived after stream time {}: {} of its {} pieces miss their "
                            + "5-minute window and {} their 1-hour window (grace {})",
                    gateway, Instant.ofEpochMilli(step.fromMs()), Instant.ofEpochMilli(step.toMs()), step.delta(),
                    Instant.ofEpochMilli(forwardedStreamTime), late5m, pieces.size(), late1h, BandwidthTopology.GRACE);
        }
    }

    /** Whether the window of {@code size} holding {@code timestamp} no longer accepts records. */
    private boolean closed(long timestamp, Duration size) {
        long windowEnd = Math.floorDiv(timestamp, size.toMillis()) * size.toMillis() + size.toMillis();
        return windowEnd <= forwardedStreamTime - BandwidthTopology.GRACE.toMillis();
    }
}
