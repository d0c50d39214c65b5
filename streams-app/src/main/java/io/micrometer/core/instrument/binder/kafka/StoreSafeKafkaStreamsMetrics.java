package io.micrometer.core.instrument.binder.kafka;

import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Micrometer's {@link KafkaStreamsMetrics} without Kafka Streams' state store metrics, which it never
 * even reads. Its binder reads every metric's value when it looks for new ones, on its own thread, and
 * some store metrics (the uncommitted bytes of a transactional store) read RocksDB natively: a store
 * closed by its stream thread meanwhile crashed the JVM (SIGSEGV in {@code WriteBatch.getDataSize}).
 * In Micrometer's package because the binder's constructor that takes a metrics supplier is
 * package-private.
 */
public final class StoreSafeKafkaStreamsMetrics extends KafkaMetrics {
    /** Kafka Streams' metric group of the state stores. */
    public static final String STORE_GROUP = "stream-state-metrics";

    public StoreSafeKafkaStreamsMetrics(KafkaStreams streams, ScheduledExecutorService scheduler, Duration refresh) {
        super(() -> withoutStores(streams.metrics()), Tags.empty(), scheduler, refresh);
    }

    static Map<MetricName, Metric> withoutStores(Map<MetricName, ? extends Metric> all) {
        Map<MetricName, Metric> out = new LinkedHashMap<>();
        all.forEach((name, metric) -> {
            if (!name.group().equals(STORE_GROUP)) {
                out.put(name, metric);
            }
        });
        return out;
    }
}
