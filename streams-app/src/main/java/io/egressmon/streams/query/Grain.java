package io.egressmon.streams.query;

import io.egressmon.streams.counters.BandwidthTopology;
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

    public Duration size() {
        return size;
    }

    public String store() {
        return store;
    }
}
