package io.egressmon.streams;

import io.egressmon.api.KafkaReach;
import io.egressmon.api.WebhookHealth;
import io.egressmon.streams.alerts.webhook.WebhookStats;
import io.egressmon.streams.web.InstanceHealth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.StreamsNotStartedException;

/**
 * {@link InstanceHealth} of a running instance: the {@link BrokerWatch}, Kafka Streams' consumer lag
 * and its dropped records.
 */
final class StreamsHealth implements InstanceHealth {
    private static final String FETCH_METRICS = "consumer-fetch-manager-metrics";
    private static final String RECORDS_LAG = "records-lag";
    /** Kafka Streams' task-level metric of records dropped (deserialization errors, late or expired records). */
    private static final String DROPPED_RECORDS = "dropped-records-total";

    /** The dropped-records metrics summed and the main consumers' lag per partition, as the last {@link #rescan} found them. */
    private record Found(List<Metric> dropped, Map<TopicPartition, Metric> lagByPartition) {
    }

    private final BrokerWatch watch;
    private volatile KafkaStreams streams;
    /** Counts what the tasks have yet to process; null until {@link #lagFrom}. */
    private volatile CommitPacer pacer;
    /** The alert deliverer's counts; null when no webhook is configured. */
    private final WebhookStats webhooks;
    /** Null before the first look. */
    private volatile Found found;

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

    /** {@link #processingLagRecords} from now on: what the tasks have yet to process, as the pacer counts it. */
    void lagFrom(CommitPacer pacer) {
        this.pacer = pacer;
    }

    @Override
    public KafkaReach kafka() {
        return watch.reach();
    }

    /**
     * What this instance's active tasks have yet to process ({@link CommitPacer#lagRecords}: not
     * fetched, or fetched and not processed); null while not known or before {@link #lagFrom}.
     */
    @Override
    public Long processingLagRecords() {
        CommitPacer counting = pacer;
        return counting == null ? null : counting.lagRecords();
    }

    /** What {@link CommitPacer} reads the lag from; null while Kafka Streams is not RUNNING. */
    CommitPacer.Inputs pacingInputs() {
        Found now = current();
        KafkaStreams s = streams;
        if (now == null || s == null || s.state() != KafkaStreams.State.RUNNING) {
            return null;
        }
        // The tasks as they are now: a look just after a rebalance can find none yet (which would
        // read as nothing to do), or ones since revoked, whose offsets no longer move.
        List<TaskMetadata> tasks = activeTasks(s);
        return tasks.isEmpty() ? null : new CommitPacer.Inputs(tasks, now.lagByPartition());
    }

    /**
     * The active tasks of this instance's stream threads; none when Kafka Streams is neither running
     * nor rebalancing (it refuses to say then: {@code metadataForLocalThreads} throws, which the state
     * checked just before cannot rule out, as the state may change in between).
     */
    private static List<TaskMetadata> activeTasks(KafkaStreams s) {
        Set<ThreadMetadata> threads;
        try {
            threads = s.metadataForLocalThreads();
        } catch (IllegalStateException | StreamsNotStartedException notRunning) {
            return List.of();
        }
        List<TaskMetadata> tasks = new ArrayList<>();
        for (ThreadMetadata thread : threads) {
            tasks.addAll(thread.activeTasks());
        }
        return tasks;
    }

    /**
     * Whether Kafka Streams is RUNNING with active tasks and the last look found every one of their
     * input partitions' fetch lag: looked for less often then.
     */
    boolean settled() {
        Found now = found;
        KafkaStreams s = streams;
        if (now == null || s == null || s.state() != KafkaStreams.State.RUNNING) {
            return false;
        }
        List<TaskMetadata> tasks = activeTasks(s);
        // No task yet: just after a rebalance (an instance with none at all has few metrics to look through).
        if (tasks.isEmpty()) {
            return false;
        }
        for (TaskMetadata task : tasks) {
            for (TopicPartition tp : task.topicPartitions()) {
                if (!now.lagByPartition().containsKey(tp)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Records Kafka Streams dropped (its tasks' {@code dropped-records-total}, summed) over the
     * tasks the last {@link #rescan} found.
     */
    @Override
    public Long droppedRecords() {
        Found now = current();
        return now == null ? null : sum(now.dropped());
    }

    private Found current() {
        if (streams == null) {
            return null;
        }
        Found now = found;
        if (now == null) {
            now = scan();
            found = now;
        }
        return now;
    }

    private static long sum(List<Metric> metrics) {
        long sum = 0;
        for (Metric m : metrics) {
            if (m.metricValue() instanceof Number n && Double.isFinite(n.doubleValue())) {
                sum += Math.max(0, (long) n.doubleValue());
            }
        }
        return sum;
    }

    /**
     * Finds the lag and dropped-records metrics among all of Kafka Streams' (thousands, copied into
     * a new map by {@link KafkaStreams#metrics()}: 10–20 ms of an event loop during a backfill when
     * {@code /health} did it per request, and every request behind it on that loop waited as long,
     * docs/benchmarks.md). Run every few seconds, so partitions and tasks assigned or revoked show
     * that much later.
     */
    void rescan() {
        found = scan();
    }

    private Found scan() {
        KafkaStreams s = streams;
        if (s == null) {
            return new Found(List.of(), Map.of());
        }
        List<Metric> dropped = new ArrayList<>();
        Map<TopicPartition, Metric> lagByPartition = new HashMap<>();
        // The consumer registers each partition's lag twice, under the topic's name and under the
        // name with its dots made underscores (the older tag): the pacer looks up the first.
        for (Map.Entry<MetricName, ? extends Metric> e : s.metrics().entrySet()) {
            MetricName name = e.getKey();
            String client = name.tags().getOrDefault("client-id", "");
            if (name.group().equals(FETCH_METRICS) && name.name().equals(RECORDS_LAG) && name.tags().containsKey("partition")
                    && client.endsWith("-consumer") && !client.endsWith("-restore-consumer")
                    && !client.endsWith("-global-consumer")) {
                String topic = name.tags().getOrDefault("topic", "");
                try {
                    lagByPartition.put(new TopicPartition(topic, Integer.parseInt(name.tags().get("partition"))), e.getValue());
                } catch (NumberFormatException notANumber) {
                    throw new IllegalStateException("the consumer's " + RECORDS_LAG + " metric of " + topic
                            + " names no partition number: " + name.tags(), notANumber);
                }
            } else if (name.name().equals(DROPPED_RECORDS)) {
                dropped.add(e.getValue());
            }
        }
        return new Found(List.copyOf(dropped), Map.copyOf(lagByPartition));
    }
}
