package io.egressmon.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;

/**
 * The Kafka producers of the ingest, by name, and their metrics once a registry is bound
 * ({@link KafkaClientMetrics}). A transactional writer throws its producer away after a failed commit
 * and makes a new one: the new one replaces the old under the same name, so {@code /metrics} always
 * shows the live producer and never a closed one. Until {@link #bindTo} nothing is bound (and no
 * thread is started), so tests and tools that never serve {@code /metrics} pay nothing.
 */
public final class KafkaMeters implements AutoCloseable {
    private final Map<String, Producer<?, ?>> producers = new LinkedHashMap<>();
    private final Map<String, KafkaClientMetrics> bound = new LinkedHashMap<>();
    private MeterRegistry registry;

    /** {@code factory}, each producer it makes taking the place of the last one under {@code name}. */
    public <K, V> Supplier<Producer<K, V>> observing(String name, Supplier<Producer<K, V>> factory) {
        return () -> observe(name, factory.get());
    }

    /** Tracks {@code producer} under {@code name} (replacing the one before) and returns it. */
    public synchronized <P extends Producer<?, ?>> P observe(String name, P producer) {
        producers.put(name, producer);
        if (registry != null) {
            bind(name, producer);
        }
        return producer;
    }

    /** Binds the metrics of every producer, now and later, to {@code registry} (one registry at a time). */
    public synchronized void bindTo(MeterRegistry registry) {
        unbind();
        this.registry = registry;
        producers.forEach(this::bind);
    }

    /** Removes the producers' meters from the registry they were bound to. */
    public synchronized void unbind() {
        bound.values().forEach(KafkaClientMetrics::close);
        bound.clear();
        registry = null;
    }

    private void bind(String name, Producer<?, ?> producer) {
        KafkaClientMetrics old = bound.remove(name);
        if (old != null) {
            old.close();
        }
        KafkaClientMetrics metrics = new KafkaClientMetrics(producer);
        metrics.bindTo(registry);
        bound.put(name, metrics);
    }

    @Override
    public synchronized void close() {
        unbind();
        producers.clear();
    }
}
