package io.egressmon.embedded;

import io.egressmon.schemas.Topic;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Writing to topics just created on a broker, as the integration tests do before they start what
 * reads them: produce in order (TopicSetup waits for their leaders).
 */
public final class FreshTopics {
    private FreshTopics() {
    }

    /**
     * A producer of {@code topic}'s records that keeps their order on partitions just created, and
     * whose sends complete only when the broker has them ({@code acks=all}).
     */
    public static <K, V> KafkaProducer<K, V> orderedProducer(String bootstrapServers, Topic<K, V> topic) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // A just-created partition may refuse the first batches (NOT_LEADER_OR_FOLLOWER) although the
        // metadata names its leader; the idempotent producer's retry of such a batch was seen to loop
        // on OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery timeout. One batch in flight keeps the
        // order without idempotence; a duplicate could only come from a lost ack, which the topology
        // drops as a duplicate snapshot anyway.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        return new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer());
    }
}
