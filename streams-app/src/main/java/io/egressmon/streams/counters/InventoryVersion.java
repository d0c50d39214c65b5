package io.egressmon.streams.counters;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the changes of the global {@code inventory} store, so that the queries of the same instance
 * can keep what they read of it until it changes (reading it whole means decoding every gateway's
 * Avro record). The {@link InventoryProcessor} bumps it after every write it makes readable, and when
 * it starts over a store just opened or restored; a reader takes the version before it reads: a change
 * made while it reads can only make what it read look stale, never stale data look current.
 * Thread-safe: the global stream thread bumps, query threads read.
 */
public final class InventoryVersion {
    private final AtomicLong version = new AtomicLong();

    /** The version now. */
    public long current() {
        return version.get();
    }

    /** The store changed (or may have): what was read of it before is stale. */
    void changed() {
        version.incrementAndGet();
    }
}
