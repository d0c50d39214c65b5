package io.egressmon.streams;

import io.egressmon.api.KafkaReach;
import io.egressmon.api.WebhookHealth;
import io.egressmon.streams.alerts.webhook.WebhookStats;
import io.egressmon.streams.web.InstanceHealth;
import java.util.ArrayList;
import java.util.List;
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
    /** The alert deliverer's counts; null when no webhook is configured. */
    private final WebhookStats webhooks;
    /** The main consumers' per-partition lag metrics, as last found; null before the first look. */
    private volatile List<Metric> lagMetrics;

    StreamsHealth(BrokerWatch watch, WebhookStats webhooks) {
        this.watch = watch;
        this.webhooks = webhooks;
    }

    @Override
    public WebhookHealth webhooks() {
        return webhooks == null ? null : webhooks.health();
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
     * and global consumers excluded): what this instance's active tasks have yet to read. The metrics
     * summed are the ones the last {@link #rescanLag} found (the first call scans itself).
     */
    @Override
    public Long processingLagRecords() {
        if (streams == null) {
            return null;
        }
        List<Metric> metrics = lagMetrics;
        if (metrics == null) {
            metrics = rescanLag();
        }
        long lag = 0;
        for (Metric m : metrics) {
            if (m.metricValue() instanceof Number n && Double.isFinite(n.doubleValue())) {
                lag += Math.max(0, (long) n.doubleValue());
            }
        }
        return lag;
    }

    /**
     * Finds the lag metrics among all of Kafka Streams' (thousands: most of a {@code /metrics}
     * scrape's time when done per call, docs/benchmarks.md). Run every few seconds, so partitions
     * assigned or revoked show in the lag that much later.
     */
    List<Metric> rescanLag() {
        KafkaStreams s = streams;
        if (s == null) {
            return List.of();
        }
        List<Metric> found = new ArrayList<>();
        for (Map.Entry<MetricName, ? extends Metric> e : s.metrics().entrySet()) {
            MetricName name = e.getKey();
            String client = name.tags().getOrDefault("client-id", "");
            if (name.group().equals(FETCH_METRICS) && name.name().equals(RECORDS_LAG) && name.tags().containsKey("partition")
                    && client.endsWith("-consumer") && !client.endsWith("-restore-consumer")
                    && !client.endsWith("-global-consumer")) {
                found.add(e.getValue());
            }
        }
        List<Metric> metrics = List.copyOf(found);
        lagMetrics = metrics;
        return metrics;
    }
}
