package io.egressmon.streams.cost;

import io.egressmon.streams.Counts;

/**
 * What the cost part of the topology priced or could not price since this instance started;
 * thread-safe, served on {@code /health} and {@code /metrics} next to the other counters.
 */
public final class CostStats extends Counts<CostStats.Counter> {

    /** The counters, in the order {@link #asMap()} lists them under their lower-cased names. */
    enum Counter {
        /** Hourly windows priced (each spoke-hour once, or again when it was re-sent). */
        COST_WINDOWS,
        /** Hourly windows of a vendor the price table does not price, or of a gateway the inventory does not know: not priced. */
        COST_UNPRICED_WINDOWS,
        /** Hourly windows whose account or region contains '|', which the cost stores' keys cannot hold: not priced. */
        COST_UNKEYABLE_WINDOWS,
        /** Spoke-hour costs written to {@code cost.spoke-hours} (first ones and revisions). */
        COST_RECORDS,
        /** Spoke-hours deleted from the cost state because their month is older than the 14 kept. */
        COST_HOURS_EXPIRED
    }

    public CostStats() {
        super(Counter.class);
    }
}
