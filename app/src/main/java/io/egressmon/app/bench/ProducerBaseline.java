package io.egressmon.app.bench;

import io.egressmon.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The raw Kafka producer rate the collector is compared with: records copied from {@code flows.records}
 * (so the same size and the same lz4 ratio as the collector's FlowBatches, with the same keys), sent
 * from one thread as fast as {@code send} takes them, with the collector's producer settings, to a
 * topic of their own; timed from the first send to the end of {@code flush}.
 */
final class ProducerBaseline {
    static final String TOPIC = "bench.raw-flow-batches";

    /** What was measured. */
    record Rate(long records, double seconds, double averageValueBytes) {
        double perSecond() {
            return records / seconds;
        }
    }

    private ProducerBaseline() {
    }

    /** Up to {@code max} records of {@code flows.records}, as the collector wrote them (key, Avro value). */
    static List<ConsumerRecord<String, byte[]>> sample(String bootstrap, int max) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.FLOW_RECORDS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (out.size() < max && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (out.size() < max) {
                        out.add(r);
                    }
                });
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no record in " + Topics.FLOW_RECORDS.name() + " to copy");
        }
        return out;
    }

    /** The topic the raw records go to; made at start, so its partitions have leaders when measured. */
    static void createTopic(Admin admin) throws Exception {
        admin.createTopics(List.of(new NewTopic(TOPIC, LocalCluster.PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }

    /** Sends {@code records} copies of {@code sample}'s records, round and round, and times it. */
    static Rate measure(String bootstrap, List<ConsumerRecord<String, byte[]>> sample, long records) throws Exception {
        double average = sample.stream().mapToLong(r -> r.value().length).average().orElse(0);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(collectorSettings(bootstrap))) {
            // One record per partition first, each acknowledged: metadata and the producer id are
            // fetched before the clock starts, as the collector's producer has them when measured.
            for (int p = 0; p < LocalCluster.PARTITIONS; p++) {
                producer.send(new ProducerRecord<>(TOPIC, p, sample.get(0).key(), sample.get(0).value())).get();
            }
            long started = System.nanoTime();
            for (long i = 0; i < records; i++) {
                ConsumerRecord<String, byte[]> r = sample.get((int) (i % sample.size()));
                producer.send(new ProducerRecord<>(TOPIC, r.key(), r.value()));
            }
            producer.flush();
            return new Rate(records, (System.nanoTime() - started) / 1e9, average);
        }
    }

    /** The settings of {@code FlowCollector.producerProps} (acks=all, idempotent, lz4, linger 10 ms, 256 KiB batches). */
    private static Map<String, Object> collectorSettings(String bootstrap) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG, "bench-raw-producer",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    }
}
