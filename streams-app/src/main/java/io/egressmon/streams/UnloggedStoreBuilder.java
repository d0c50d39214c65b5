package io.egressmon.streams;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Builds a store that lives in memory only and is never logged: a live view, a copy rebuilt from
 * other stores, a commit hook. Caching may be switched off (it is off); asking for a changelog is
 * refused, since there is nothing to restore it into.
 */
public record UnloggedStoreBuilder<S extends StateStore>(String name, Supplier<S> factory) implements StoreBuilder<S> {
    public UnloggedStoreBuilder {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(factory, "factory");
    }

    @Override
    public StoreBuilder<S> withCachingEnabled() {
        throw new UnsupportedOperationException(name + " lives in memory already: no record cache");
    }

    @Override
    public StoreBuilder<S> withCachingDisabled() {
        return this;
    }

    @Override
    public StoreBuilder<S> withLoggingEnabled(Map<String, String> config) {
        throw new UnsupportedOperationException(name + " is never logged: nothing would restore it");
    }

    @Override
    public StoreBuilder<S> withLoggingDisabled() {
        return this;
    }

    @Override
    public S build() {
        return factory.get();
    }

    @Override
    public Map<String, String> logConfig() {
        return Map.of();
    }

    @Override
    public boolean loggingEnabled() {
        return false;
    }
}
