package io.egressmon.streams.counters;

import io.egressmon.streams.alerts.AlertStats;
import io.egressmon.streams.cost.CostStats;
import io.egressmon.streams.flows.FlowStats;
import io.egressmon.streams.talkers.TalkerStats;
import io.egressmon.streams.talkers.WindowVersions;
import io.egressmon.streams.Counts;

/**
 * What the bandwidth topology saw, dropped or could not use, since this instance started. One
 * object is shared by every stream thread and task, so the counters are thread-safe. They are not
 * rolled back when an exactly-once transaction aborts: they count work done, not committed results.
 * Exposed (e.g. on {@code /health}) through {@link #asMap()} (bandwidth counters only); the talkers part of the topology
 * counts in {@link #talkers()}. It also carries the talker windows' {@link #talkerVersions()}, the
 * {@link #inventoryVersion()} and the {@link #countersVersion()}, the other things the topology tells the
 * queries of the same instance.
 */
public final class TopologyStats extends Counts<TopologyStats.Counter> {

    /** The counters, in the order {@link #asMap()} lists them under their lower-cased names. */
    enum Counter {
        /** Counter snapshots read from {@code copilot.counter-snapshots} (including dropped ones). */
        SNAPSHOTS,
        /** PROGRESS snapshots: a gateway polled without a usable reading (only its progress is kept). */
        PROGRESS_MARKS,
        /** Snapshots without a key, value or sampling time: dropped. */
        MALFORMED_SNAPSHOTS,
        /** Snapshots not later than the gateway's last one and with nothing new: dropped. */
        DUPLICATE_SNAPSHOTS,
        /** Snapshots not later than the gateway's last one that brought the first reading of an interface. */
        LATE_BASELINES,
        /** First readings of an interface (no delta yet). */
        BASELINES,
        /** Interfaces whose counter went down (restarted from zero). */
        RESETS,
        /** Interface readings skipped because the interface is neither eth0 nor a {@code tun-} tunnel. */
        IGNORED_INTERFACES,
        /** Metric readings that were absent or null (the last reading is kept). */
        NULL_READINGS,
        /** Metric readings below zero: not a counter value, skipped (the last reading is kept). */
        NEGATIVE_READINGS,
        /** Per-bucket pieces of deltas sent to the window aggregations. */
        DELTA_PIECES,
        /** Pieces that arrived after their 5-minute window closed (window end + grace): not in that window. */
        LATE_PIECES_5M,
        /** Pieces that arrived after their 1-hour window closed: not in that window. */
        LATE_PIECES_1H,
        /** Deltas reaching back past the grace, spread from the earliest open hour instead (their timing shifted, no byte lost). */
        SHIFTED_DELTAS,
        /** Final window results written to {@code bandwidth.spoke-windows}. */
        WINDOWS,
        /** Final window results of a gateway the inventory does not know (written with empty attributes). */
        WINDOWS_WITHOUT_INVENTORY,
        /** Records of {@code copilot.inventory} without a key: dropped (the inventory store keeps gateways by name). */
        MALFORMED_INVENTORY
    }

    private final TalkerStats talkers = new TalkerStats();
    private final FlowStats flows = new FlowStats();
    private final CostStats cost = new CostStats();
    private final AlertStats alerts = new AlertStats();
    private final WindowVersions talkerVersions = new WindowVersions();
    private final StateVersion inventoryVersion = new StateVersion();
    private final StateVersion countersVersion = new StateVersion();

    public TopologyStats() {
        super(Counter.class);
    }

    /** The counters of the talkers part of the topology (FlowIQ records, skipped, late, evictions). */
    public TalkerStats talkers() {
        return talkers;
    }

    /** The counters of the flows part of the topology (batches, egress and other flows, late pieces). */
    public FlowStats flows() {
        return flows;
    }

    /** The counters of the cost part of the topology (hours priced, not priced, cost records written). */
    public CostStats cost() {
        return cost;
    }

    /** The counters of the alerts part of the topology (cost changes read, dropped, alerts raised). */
    public AlertStats alerts() {
        return alerts;
    }

    /**
     * When each talker window (FlowIQ and flows) of this instance last changed: stamped by the
     * topology's stores, read by the queries to know what they may keep.
     */
    public WindowVersions talkerVersions() {
        return talkerVersions;
    }

    /** When the global inventory store last changed: bumped by the topology, read by the queries to know what they may keep. */
    public StateVersion inventoryVersion() {
        return inventoryVersion;
    }

    /**
     * When the counter windows and progress marks of this instance last changed (any task's): bumped by
     * {@code counter-windows} after each commit's writes and when a task's memory is dropped or read back.
     */
    public StateVersion countersVersion() {
        return countersVersion;
    }
}
