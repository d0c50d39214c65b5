package io.egressmon.streams;

import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A store that lives in memory only and is never logged (built by {@link UnloggedStoreBuilder}): the
 * flow table, the counters' in-memory copies and commit hook. It registers with nothing to restore,
 * is open between {@link #init} and {@link #close}, and has no position (queries of it are answered
 * from what it holds now).
 */
public abstract class MemoryStore implements StateStore {
    private final String name;
    private volatile boolean open;

    protected MemoryStore(String name) {
        this.name = name;
    }

    /**
     * The store of {@code type} under the decorators Kafka Streams puts around a store it hands a
     * processor.
     *
     * @throws IllegalStateException when {@code store} is not, and does not wrap, one
     */
    public static <T extends StateStore> T find(StateStore store, Class<T> type) {
        T found = type.isInstance(store) ? type.cast(store)
                : store instanceof WrappedStateStore<?, ?, ?> w ? w.findInner(type) : null;
        if (found == null) {
            throw new IllegalStateException("store " + store.name() + " is not a " + type.getSimpleName());
        }
        return found;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        context.register(root, (key, value) -> {
            throw new IllegalStateException(name + " has no changelog to restore from");
        });
        open = true;
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public final boolean persistent() {
        return false;
    }

    @Override
    public final boolean isOpen() {
        return open;
    }

    @Override
    public Position getPosition() {
        return Position.emptyPosition();
    }
}
