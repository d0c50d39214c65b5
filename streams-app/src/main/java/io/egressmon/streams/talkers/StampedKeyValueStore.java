package io.egressmon.streams.talkers;

import io.egressmon.streams.LayeredStoreBuilder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * The outermost layer of a key-value store whose whole content per partition has one
 * {@link WindowVersions} version (window {@link #WHOLE}): stamped after every write and after the
 * commit that makes writes readable, reset when the store opens or closes, as
 * {@link BufferedTalkerStore} does per window. For {@code talkers-emitted}, whose progress marks the
 * top-talker answers report.
 */
public final class StampedKeyValueStore<K, V> extends WrappedStateStore<KeyValueStore<K, V>, K, V>
        implements KeyValueStore<K, V> {
    /** The one "window" of the store's versions. */
    public static final long WHOLE = 0;

    private final WindowVersions.Store versions;
    private int partition = -1;
    private boolean uncommitted;

    private StampedKeyValueStore(KeyValueStore<K, V> inner, WindowVersions.Store versions) {
        super(inner);
        this.versions = Objects.requireNonNull(versions, "versions");
    }

    /** A builder of this layer over {@code inner}, stamping {@code versions} (registered with the store's name). */
    public static <K, V> StoreBuilder<KeyValueStore<K, V>> builder(StoreBuilder<KeyValueStore<K, V>> inner,
                                                                 WindowVersions.Store versions) {
        Objects.requireNonNull(versions, "versions");
        return new LayeredStoreBuilder<>(inner, store -> new StampedKeyValueStore<>(store, versions));
    }

    private void written() {
        uncommitted = true;
        if (partition >= 0) {
            versions.written(partition, WHOLE);
        }
    }

    private void reset() {
        uncommitted = false;
        if (partition >= 0) {
            versions.reset(partition);
        }
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        super.init(context, root);
        partition = context.taskId().partition();
        reset();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        super.commit(changelogOffsets);
        if (uncommitted) {
            written();
            uncommitted = false;
        }
    }

    @Override
    public void clearCache() {
        super.clearCache();
        reset();
    }

    @Override
    public void close() {
        super.close();
        reset();
    }

    @Override
    public void put(K key, V value) {
        wrapped().put(key, value);
        written();
    }

    @Override
    public V putIfAbsent(K key, V value) {
        V old = wrapped().putIfAbsent(key, value);
        written();
        return old;
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        wrapped().putAll(entries);
        written();
    }

    @Override
    public V delete(K key) {
        V old = wrapped().delete(key);
        written();
        return old;
    }

    @Override
    public V get(K key) {
        return wrapped().get(key);
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return wrapped().range(from, to);
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return wrapped().reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return wrapped().all();
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return wrapped().reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        return wrapped().prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return wrapped().approximateNumEntries();
    }

    @Override
    public ReadOnlyKeyValueStore<K, V> readOnly(IsolationLevel isolationLevel) {
        return wrapped().readOnly(isolationLevel);
    }
}
