package io.egressmon.streams.counters;

import io.egressmon.avro.SpokeTotals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The windows of one size that still take deltas, as running sums in memory, over the window store
 * that keeps them: what the DSL's windowed aggregation and its record cache did, without turning
 * every delta into a store read and write of bytes.
 *
 * <p>A window stays here from its first delta until it closes (stream time passes its end plus the
 * grace), so the windows held are bounded by the grace, not by history. The changed ones are written
 * to the store before every commit ({@link #write}); a closed one leaves once written. After a restart
 * {@link #load} brings back the windows not closed yet, so a window missing here is a new one: no
 * store read per window.
 */
final class OpenWindows {
    final Duration size;
    private final long unit;
    private final TimestampedWindowStore<String, SpokeTotals> store;
    /** Window start → gateway → running sum. */
    private final NavigableMap<Long, Map<String, WindowSum>> open = new TreeMap<>();
    /** Closed windows that changed since the last write: written, then forgotten. */
    private final List<Closed> closedUnwritten = new ArrayList<>();
    /**
     * Whether every window of the store not closed yet is here. False after an upgrade from a version
     * that did not record how far windows were closed: a window missing here is then read from the store.
     */
    private boolean complete;

    /** A window that closed: its gateway, start and final sum. */
    record Closed(String gateway, long windowStart, WindowSum sum) {
    }

    OpenWindows(Duration size, TimestampedWindowStore<String, SpokeTotals> store) {
        this.size = size;
        this.unit = size.toMillis();
        this.store = store;
    }

    /** The start of the window of this size that holds {@code timestamp}. */
    long windowStart(long timestamp) {
        return Math.floorDiv(timestamp, unit) * unit;
    }

    /**
     * Forgets everything and reads back the stored windows starting at or after {@code from} (the
     * first not closed yet); {@code complete} says whether that is all the open ones.
     */
    void load(long from, boolean complete) {
        open.clear();
        closedUnwritten.clear();
        this.complete = complete;
        try (KeyValueIterator<Windowed<String>, ValueAndTimestamp<SpokeTotals>> stored = store.fetchAll(from, Long.MAX_VALUE)) {
            while (stored.hasNext()) {
                KeyValue<Windowed<String>, ValueAndTimestamp<SpokeTotals>> kv = stored.next();
                open.computeIfAbsent(kv.key.window().start(), s -> new HashMap<>())
                        .put(kv.key.key(), WindowSum.of(kv.value.value(), kv.value.timestamp()));
            }
        }
    }

    /** The running sum of {@code gateway}'s window starting at {@code windowStart}, to add to. */
    WindowSum sum(String gateway, long windowStart) {
        Map<String, WindowSum> window = open.computeIfAbsent(windowStart, s -> new HashMap<>());
        WindowSum sum = window.get(gateway);
        if (sum == null) {
            ValueAndTimestamp<SpokeTotals> stored = complete ? null : store.fetch(gateway, windowStart);
            sum = stored == null ? new WindowSum() : WindowSum.of(stored.value(), stored.timestamp());
            window.put(gateway, sum);
        }
        return sum;
    }

    /**
     * Takes out the windows starting before {@code bound} (they closed), in order of start and then
     * gateway; the changed ones are still written by the next {@link #write}.
     */
    List<Closed> closeBefore(long bound) {
        List<Closed> closed = new ArrayList<>();
        for (Iterator<Map.Entry<Long, Map<String, WindowSum>>> it = open.headMap(bound, false).entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Map<String, WindowSum>> window = it.next();
            new TreeMap<>(window.getValue()).forEach((gateway, sum) -> {
                Closed c = new Closed(gateway, window.getKey(), sum);
                closed.add(c);
                if (sum.dirty) {
                    closedUnwritten.add(c);
                }
            });
            it.remove();
        }
        return closed;
    }

    /** Told of each window written. */
    interface Written {
        void written(String gateway, long windowStart, WindowSum sum);
    }

    /** Writes every window changed since the last write to the store, telling {@code written} of each. */
    void write(Written written) {
        for (Closed c : closedUnwritten) {
            put(c.gateway(), c.windowStart(), c.sum(), written);
        }
        closedUnwritten.clear();
        open.forEach((start, window) -> window.forEach((gateway, sum) -> {
            if (sum.dirty) {
                put(gateway, start, sum, written);
            }
        }));
    }

    private void put(String gateway, long windowStart, WindowSum sum, Written written) {
        store.put(gateway, ValueAndTimestamp.make(sum.toAvro(), sum.timestamp()), windowStart);
        sum.dirty = false;
        written.written(gateway, windowStart, sum);
    }

    /** Every stored window starting at or after {@code from}, open or closed, to {@code sink}. */
    void forEachStored(long from, Written sink) {
        try (KeyValueIterator<Windowed<String>, ValueAndTimestamp<SpokeTotals>> stored = store.fetchAll(from, Long.MAX_VALUE)) {
            while (stored.hasNext()) {
                KeyValue<Windowed<String>, ValueAndTimestamp<SpokeTotals>> kv = stored.next();
                sink.written(kv.key.key(), kv.key.window().start(), WindowSum.of(kv.value.value(), kv.value.timestamp()));
            }
        }
    }

}
