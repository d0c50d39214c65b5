package io.egressmon.streams.counters;

import io.egressmon.streams.MemoryStore;
import io.egressmon.streams.UnloggedStoreBuilder;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A store that holds nothing and tells its owner when Kafka Streams commits the task: what a
 * processor needs that keeps state in memory between commits and writes it to its real stores then.
 *
 * <p>Kafka Streams flushes every store's cache before it commits a task ({@code flushCache}, then the
 * stores' own commit, then the exactly-once transaction with the input offsets), and clears the caches
 * when it drops a task's uncommitted work. This store turns those two moments into calls on a
 * {@link Listener}: {@code beforeCommit} writes what is in memory to the real stores (uncached, so the
 * writes reach RocksDB and the changelog in this transaction whatever order the stores are flushed in),
 * and {@code discard} forgets it, as Kafka Streams forgets its own record cache. Nothing is persisted
 * or logged here: the processor's memory is rebuilt from the real stores when it is initialised again.
 */
public final class CommitHook extends MemoryStore implements CachedStateStore<Object, Object> {
    /** What the owner does at the two moments. */
    public interface Listener {
        /** Writes everything changed since the last commit to the real stores. */
        void beforeCommit();

        /** Forgets everything not written: the task's uncommitted work is being thrown away. */
        void discard();
    }

    private static final Listener NONE = new Listener() {
        @Override
        public void beforeCommit() {
        }

        @Override
        public void discard() {
        }
    };

    private Listener listener = NONE;

    private CommitHook(String name) {
        super(name);
    }

    /** A builder of the hook named {@code name}: not persistent, no changelog, no cache of its own. */
    public static StoreBuilder<CommitHook> builder(String name) {
        return new UnloggedStoreBuilder<>(name, () -> new CommitHook(name));
    }

    /** The hook under the decorators Kafka Streams puts around a store it hands a processor. */
    public static CommitHook of(StateStore store) {
        return MemoryStore.find(store, CommitHook.class);
    }

    /** Who is told from now on (one processor per task owns the hook). */
    public void listen(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void flushCache() {
        listener.beforeCommit();
    }

    @Override
    public void clearCache() {
        listener.discard();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Object, Object> flushListener, boolean sendOldValues) {
        return false;
    }

    @Override
    public void close() {
        listener.discard();
        listener = NONE;
        super.close();
    }

}
