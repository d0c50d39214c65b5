package io.egressmon.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.avro.CostAlert;
import io.egressmon.registry.SchemaRegistryClient;
import io.egressmon.schemas.Topic;
import io.egressmon.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** {@code egressmon.alerts} as a consumer reads it: read_committed, from the beginning to the end. */
final class AlertsTopic {
    private AlertsTopic() {
    }

    /** Every committed record of {@code egressmon.alerts}, by key, in the order written (none while the topic does not exist). */
    static Map<String, List<CostAlert>> read(String bootstrapServers, String registryUrl) {
        Topic<String, CostAlert> topic = Topics.ALERTS.bind(new SchemaRegistryClient(registryUrl));
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, List<CostAlert>> byKey = new TreeMap<>();
        try (KafkaConsumer<String, CostAlert> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                return byKey;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!end.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, CostAlert> r : consumer.poll(Duration.ofMillis(200))) {
                    byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
            assertTrue(end.isEmpty(), "read egressmon.alerts to its end");
        }
        return byKey;
    }
}
