package io.egressmon.streams.counters;

import io.egressmon.streams.talkers.TalkerStats;
import io.egressmon.streams.Counts;
import java.util.Map;

/**
 * What the bandwidth topology saw, dropped or could not use, since this instance started. One
 * object is shared by every stream thread and task, so the counters are thread-safe. They are not
 * rolled back when an exactly-once transaction aborts: they count work done, not committed results.
 * Exposed (e.g. on {@code /health}) through {@link #asMap()}; the talkers part of the topology
 * counts in {@link #talkers()}.
 */
public final class TopologyStats {

    /** The counters, in the order {@link #asMap()} lists them under their lower-cased names. */
    enum Counter {
        SNAPSHOTS,
        MALFORMED_SNAPSHOTS,
        DUPLICATE_SNAPSHOTS,
        LATE_BASELINES,
        BASELINES,
        RESETS,
        IGNORED_INTERFACES,
        NULL_READINGS,
        NEGATIVE_READINGS,
        DELTA_PIECES,
        LATE_PIECES_5M,
        LATE_PIECES_1H,
        SHIFTED_DELTAS,
        WINDOWS,
        WINDOWS_WITHOUT_INVENTORY
    }

    private final Counts<Counter> counts = new Counts<>(Counter.class);
    private final TalkerStats talkers = new TalkerStats();

    void add(Counter counter, long n) {
        counts.add(counter, n);
    }

    void increment(Counter counter) {
        counts.increment(counter);
    }

    long get(Counter counter) {
        return counts.get(counter);
    }

    /** Counter snapshots read from {@code copilot.counter-snapshots} (including dropped ones). */
    public long snapshots() {
        return get(Counter.SNAPSHOTS);
    }

    /** Snapshots without a key, value or sampling time: dropped. */
    public long malformedSnapshots() {
        return get(Counter.MALFORMED_SNAPSHOTS);
    }

    /** Snapshots not later than the gateway's last one and with nothing new: dropped. */
    public long duplicateSnapshots() {
        return get(Counter.DUPLICATE_SNAPSHOTS);
    }

    /** Snapshots not later than the gateway's last one that brought the first reading of an interface. */
    public long lateBaselines() {
        return get(Counter.LATE_BASELINES);
    }

    /** First readings of an interface (no delta yet). */
    public long baselines() {
        return get(Counter.BASELINES);
    }

    /** Interfaces whose counter went down (restarted from zero). */
    public long resets() {
        return get(Counter.RESETS);
    }

    /** Interface readings skipped because the interface is neither eth0 nor a {@code tun-} tunnel. */
    public long ignoredInterfaces() {
        return get(Counter.IGNORED_INTERFACES);
    }

    /** Metric readings that were absent or null (the last reading is kept). */
    public long nullReadings() {
        return get(Counter.NULL_READINGS);
    }

    /** Metric readings below zero: not a counter value, skipped (the last reading is kept). */
    public long negativeReadings() {
        return get(Counter.NEGATIVE_READINGS);
    }

    /** Per-bucket pieces of deltas sent to the window aggregations. */
    public long deltaPieces() {
        return get(Counter.DELTA_PIECES);
    }

    /** Pieces that arrived after their 5-minute window closed (window end + grace): not in that window. */
    public long latePieces5m() {
        return get(Counter.LATE_PIECES_5M);
    }

    /** Pieces that arrived after their 1-hour window closed: not in that window. */
    public long latePieces1h() {
        return get(Counter.LATE_PIECES_1H);
    }

    public long shiftedDeltas() {
        return get(Counter.SHIFTED_DELTAS);
    }

    /** Final window results written to {@code bandwidth.spoke-windows}. */
    public long windows() {
        return get(Counter.WINDOWS);
    }

    /** Final window results of a gateway the inventory does not know (written with empty attributes). */
    public long windowsWithoutInventory() {
        return get(Counter.WINDOWS_WITHOUT_INVENTORY);
    }

    /** The counters of the talkers part of the topology (FlowIQ records, skipped, late, evictions). */
    public TalkerStats talkers() {
        return talkers;
    }

    /** All bandwidth counters by snake_case name, in a fixed order (the talkers' are in {@link #talkers()}). */
    public Map<String, Long> asMap() {
        return counts.asMap();
    }

    @Override
    public String toString() {
        return "TopologyStats" + asMap();
    }
}
