package io.egressmon.streams.alerts;

import io.egressmon.streams.Counts;

/**
 * What the alerts part of the topology read, dropped and raised since this instance started;
 * thread-safe, served on {@code /health} and {@code /metrics} next to the other counters.
 */
public final class AlertStats extends Counts<AlertStats.Counter> {

    /** The counters, in the order {@link #asMap()} lists them under their lower-cased names. */
    enum Counter {
        /** Spoke-hour costs read back from {@code cost.spoke-hours}. */
        ALERT_COST_RECORDS,
        /** Spoke-hour costs without a gateway, an hour or a readable {@code usd}: dropped. */
        ALERT_MALFORMED_COSTS,
        /** Spoke-hour costs that repeat the spoke-hour's last cost (a re-delivery or an unchanged revision): nothing to add. */
        ALERT_UNCHANGED_COSTS,
        /** Hourly cost changes handed on per scope (gateway, account, group, cost center). */
        ALERT_SCOPE_DELTAS,
        /** Hourly cost changes older than the hours a scope keeps: counted in their month, not in a forecast or spike. */
        ALERT_OLD_HOURS,
        /** Alerts written to {@code egressmon.alerts} (each dedupe key once). */
        ALERTS_RAISED,
        /** Hours deleted from the alerts' state because they are older than what forecasts and spikes need. */
        ALERT_HOURS_EXPIRED
    }

    public AlertStats() {
        super(Counter.class);
    }
}
