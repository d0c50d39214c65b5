package io.egressmon.streams;

import io.egressmon.api.KafkaReach;
import io.egressmon.streams.web.InstanceHealth;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/** {@link InstanceHealth} of a running instance: the {@link BrokerWatch} and Kafka Streams' consumer lag. */
final class StreamsHealth implements InstanceHealth {
    private static final String FETCH_METRICS = "consumer-fetch-manager-metrics";
    private static final String RECORDS_LAG = "records-lag";

    private final BrokerWatch watch;
    private volatile KafkaStreams streams;

    StreamsHealth(BrokerWatch watch) {
        this.watch = watch;
    }

    void attach(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public KafkaReach kafka() {
        return watch.reach();
    }

    /**
     * The sum of the stream threads' main consumers' per-partition {@code records-lag} (the restore
     * and global consumers excluded): what this instance's active tasks have yet to read.
     */
    @Override
    public Long processingLagRecords() {
        KafkaStreams s = streams;
        if (s == null) {
            return null;
        }
        long lag = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : s.metrics().entrySet()) {
            MetricName name = e.getKey();
            String client = name.tags().getOrDefault("client-id", "");
            if (name.group().equals(FETCH_METRICS) && name.name().equals(RECORDS_LAG) && name.tags().containsKey("partition")
                    && client.endsWith("-consumer") && !client.endsWith("-restore-consumer")
                    && !client.endsWith("-global-consumer")
                    && e.getValue().metricValue() instanceof Number n && Double.isFinite(n.doubleValue())) {
                lag += Math.max(0, (long) n.doubleValue());
            }
        }
        return lag;
    }
}
