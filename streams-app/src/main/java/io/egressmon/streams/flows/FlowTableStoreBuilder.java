package io.egressmon.streams.flows;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.state.StoreBuilder;

/** Builds {@link FlowTableStore}s: nothing to cache and nothing to log, so those switches are refused. */
record FlowTableStoreBuilder(long maxFlows, AtomicLong used, Clock clock, FlowStats stats) implements StoreBuilder<FlowTableStore> {

    @Override
    public StoreBuilder<FlowTableStore> withCachingEnabled() {
        throw new UnsupportedOperationException("the flow table is in memory already: no cache");
    }

    @Override
    public StoreBuilder<FlowTableStore> withCachingDisabled() {
        return this;
    }

    @Override
    public StoreBuilder<FlowTableStore> withLoggingEnabled(Map<String, String> config) {
        throw new UnsupportedOperationException("the flow table is a live view: no changelog");
    }

    @Override
    public StoreBuilder<FlowTableStore> withLoggingDisabled() {
        return this;
    }

    @Override
    public FlowTableStore build() {
        return new FlowTableStore(maxFlows, used, clock, stats);
    }

    @Override
    public Map<String, String> logConfig() {
        return Map.of();
    }

    @Override
    public boolean loggingEnabled() {
        return false;
    }

    @Override
    public String name() {
        return FlowTableStore.NAME;
    }
}
