package io.egressmon.embedded;

import io.egressmon.schemas.Topic;
import java.time.Duration;
import java.util.Collection;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Writing to topics just created on a broker, as the integration tests do before they start what
 * reads them: wait until every partition has a leader, then produce in order.
 */
public final class FreshTopics {
    private FreshTopics() {
    }

    /**
     * Waits until every partition of {@code topics} has a leader: a topic just created may have none
     * yet, and a first produce then bounces off NOT_LEADER_OR_FOLLOWER.
     *
     * @throws IllegalStateException when some partition still has none after {@code timeout}
     */
    public static void awaitLeaders(Admin admin, Collection<String> topics, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!haveLeaders(admin, topics)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + topics + " have no leaders after " + timeout);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the leaders of " + topics, e);
            }
        }
    }

    private static boolean haveLeaders(Admin admin, Collection<String> topics) {
        try {
            return admin.describeTopics(topics).allTopicNames().get().values().stream()
                    .flatMap(d -> d.partitions().stream())
                    .allMatch(p -> p.leader() != null && p.leader().id() >= 0);
        } catch (ExecutionException e) {
            return false; // not described yet: ask again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + topics, e);
        }
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
