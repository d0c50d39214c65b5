package io.egressmon.schemas;

import io.egressmon.registry.AvroSerde;
import io.egressmon.registry.SchemaRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A topic of the pipeline as {@link Topics} declares it: its name, the Avro type of its values, and
 * how the broker keeps it. Keys are plain UTF-8 strings (gateway names); values are Avro in the
 * Confluent wire format, which needs a registry: {@link #bind} gives the {@link Topic} with working
 * serdes, {@link #newTopic} what to create.
 *
 * @param configs      topic configs set at creation (cleanup policy, retention); empty for the broker's defaults
 * @param singlePartition created with one partition whatever the pipeline's partition count
 */
public record TopicSpec<V extends SpecificRecord>(String name, Class<V> valueType, Map<String, String> configs,
                                                  boolean singlePartition) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(valueType, "value type");
        configs = Map.copyOf(configs);
    }

    /** A topic with the broker's default cleanup and retention, over all the pipeline's partitions. */
    public static <V extends SpecificRecord> TopicSpec<V> of(String name, Class<V> valueType) {
        return new TopicSpec<>(name, valueType, Map.of(), false);
    }

    /** This topic, compacted: the latest value per key is kept, a tombstone removes the key. */
    public TopicSpec<V> compacted() {
        return withConfig(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    }

    /** This topic, keeping records for {@code retention}. */
    public TopicSpec<V> retainedFor(Duration retention) {
        return withConfig(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retention.toMillis()));
    }

    /** This topic, with a single partition. */
    public TopicSpec<V> onePartition() {
        return new TopicSpec<>(name, valueType, configs, true);
    }

    /**
     * The topic with its serdes: UTF-8 string keys, and values registered in {@code registry} under
     * {@code <name>-value}.
     */
    public Topic<String, V> bind(SchemaRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        return new Topic<>(name, Serdes.String(), new AvroSerde<>(valueType, registry));
    }

    /** What to ask the broker to create, for a pipeline of {@code partitions} partitions. */
    public NewTopic newTopic(int partitions, short replicationFactor) {
        NewTopic topic = new NewTopic(name, singlePartition ? 1 : partitions, replicationFactor);
        return configs.isEmpty() ? topic : topic.configs(configs);
    }

    private TopicSpec<V> withConfig(String key, String value) {
        Map<String, String> more = new HashMap<>(configs);
        more.put(key, value);
        return new TopicSpec<>(name, valueType, more, singlePartition);
    }
}
