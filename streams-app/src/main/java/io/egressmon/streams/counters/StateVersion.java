package io.egressmon.streams.counters;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the changes of some state the topology keeps, so that the queries of the same instance can
 * keep what they read of it until it changes. The topology bumps it after every change it makes
 * readable, and whenever the state may have changed below it (a store opened, restored or dropped);
 * a reader takes the version before it reads: a change made while it reads can only make what it
 * read look stale, never stale data look current. Thread-safe: stream threads bump, query threads read.
 */
public final class StateVersion {
    private final AtomicLong version = new AtomicLong();

    /** The version now. */
    public long current() {
        return version.get();
    }

    /** The state changed (or may have): what was read of it before is stale. */
    void changed() {
        version.incrementAndGet();
    }
}
