package io.egressmon.streams.query;

import io.egressmon.streams.counters.BandwidthTopology;
import io.egressmon.api.bandwidth.Step;
import java.time.Duration;

/** The two window sizes the topology keeps, and the store each lives in. */
public enum Grain {
    FINE(BandwidthTopology.FINE, BandwidthTopology.STORE_5M),
    HOURLY(BandwidthTopology.HOURLY, BandwidthTopology.STORE_1H);

    private final Duration size;
    private final String store;

    Grain(Duration size, String store) {
        this.size = size;
        this.store = store;
    }

    /** The windows a series point adds up: 5-minute ones for 5m points, hourly ones otherwise. */
    public static Grain of(Step step) {
        return step == Step.FIVE_MINUTES ? FINE : HOURLY;
    }

    public Duration size() {
        return size;
    }

    public String store() {
        return store;
    }
}
