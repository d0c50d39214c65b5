package io.egressmon.ingest;

import io.egressmon.schemas.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kafka client settings of the ingest, and reading a compacted topic's current contents. */
public final class KafkaClients {
    private static final Logger log = LoggerFactory.getLogger(KafkaClients.class);

    private KafkaClients() {
    }

    /**
     * How long one producer call may block while the broker is away: {@code max.block.ms} (metadata,
     * buffer space, {@code initTransactions}, {@code commitTransaction}) and each request. A record
     * not acknowledged within {@link #DELIVERY_TIMEOUT} fails. Together they keep a commit well
     * under Vert.x's 60 s limit for a worker task (which would log a stack trace every second) and
     * let a shutdown during an outage finish in seconds; the defaults (60 s, 120 s) did neither.
     */
    static final Duration BLOCK_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(20);

    /** Idempotent, acks=all, bounded blocking; transactional when {@code transactionalId} is not null. Values are pre-serialized bytes. */
    public static Map<String, Object> producerProps(IngestConfig config, String clientId, String transactionalId) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) BLOCK_TIMEOUT.toMillis());
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) BLOCK_TIMEOUT.toMillis());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
        // One WARN per connection attempt while Kafka is away: back off to 5 s, not 1 s.
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5000);
        if (transactionalId != null) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
            // As the streams app's producer (see StreamsApp.streamsProperties): no batch pipelined
            // behind a transaction's first write, which transactions v2 may refuse with
            // CONCURRENT_TRANSACTIONS, so the broker never rejects one out of sequence (and logs it
            // at ERROR). A slice is one commit; there is little to pipeline anyway.
            p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        }
        return p;
    }

    /** A group-less, read_committed consumer of raw bytes. */
    public static Map<String, Object> consumerProps(IngestConfig config, String clientId) {
        return consumerProps(config.kafka().bootstrapServers(), clientId);
    }

    /** A group-less, read_committed consumer of raw bytes from {@code bootstrapServers}. */
    public static Map<String, Object> consumerProps(String bootstrapServers, String clientId) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-" + UUID.randomUUID().toString().substring(0, 8));
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return p;
    }

    /**
     * The latest committed value per key of {@code topic}, read from the beginning to the end it had
     * when the read started, each value read with the topic's serde and then {@code read}; a tombstone
     * removes its key. A record that cannot be read is skipped, counted in
     * {@code stats.unreadableRecords} and logged (it would otherwise stop the start for good);
     * {@code read} returning null also counts as unreadable.
     */
    public static <A, V> Map<String, V> latestByKey(Map<String, Object> consumerProps, Topic<String, A> from,
                                                    Function<A, V> read, Duration timeout, IngestStats stats) {
        String topic = from.name();
        Map<String, V> latest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist (were the topics created?)");
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read topic " + topic + " to its end within " + timeout);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() == null) {
                        stats.unreadableRecords.incrementAndGet();
                        log.warn("{}: record at {}-{} has no key: skipped", topic, r.partition(), r.offset());
                        continue;
                    }
                    if (r.value() == null) {
                        latest.remove(r.key());
                        continue;
                    }
                    V value;
                    try {
                        value = read.apply(from.deserializeValue(r.value()));
                    } catch (RuntimeException e) {
                        value = null;
                        log.warn("{}: cannot read the record of key '{}' at {}-{}: {}; skipped", topic, r.key(),
                                r.partition(), r.offset(), e.toString());
                    }
                    if (value == null) {
                        stats.unreadableRecords.incrementAndGet();
                        continue;
                    }
                    latest.put(r.key(), value);
                }
            }
        }
        return latest;
    }

    private static boolean reachedEnd(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
