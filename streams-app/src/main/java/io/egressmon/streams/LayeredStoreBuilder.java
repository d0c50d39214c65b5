package io.egressmon.streams;

import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * A builder of our own layer on top of the store {@code inner} builds: caching and logging settings go
 * to {@code inner}, and {@link #build()} hands its store to {@code layer}.
 */
public record LayeredStoreBuilder<T extends StateStore>(StoreBuilder<T> inner, UnaryOperator<T> layer)
        implements StoreBuilder<T> {

    public LayeredStoreBuilder {
        Objects.requireNonNull(inner, "inner");
        Objects.requireNonNull(layer, "layer");
    }

    @Override
    public StoreBuilder<T> withCachingEnabled() {
        inner.withCachingEnabled();
        return this;
    }

    @Override
    public StoreBuilder<T> withCachingDisabled() {
        inner.withCachingDisabled();
        return this;
    }

    @Override
    public StoreBuilder<T> withLoggingEnabled(Map<String, String> config) {
        inner.withLoggingEnabled(config);
        return this;
    }

    @Override
    public StoreBuilder<T> withLoggingDisabled() {
        inner.withLoggingDisabled();
        return this;
    }

    @Override
    public T build() {
        return layer.apply(inner.build());
    }

    @Override
    public Map<String, String> logConfig() {
        return inner.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return inner.loggingEnabled();
    }

    @Override
    public String name() {
        return inner.name();
    }
}
