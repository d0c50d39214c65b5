package io.egressmon.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("EmbeddedKafka, a real one-node KRaft cluster in this JVM")
class EmbeddedKafkaIT {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    @DisplayName("listens on loopback only and has removed its warm-up topic")
    void loopbackAndClean() throws Exception {
        assertTrue(kafka.bootstrapServers().startsWith("127.0.0.1:"), kafka.bootstrapServers());
        try (Admin admin = admin(kafka)) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertFalse(topics.contains(EmbeddedKafka.WARMUP_TOPIC), () -> "topics: " + topics);
        }
    }

    @Test
    @DisplayName("a record produced to a created topic is consumed back, key and value intact")
    void produceAndConsume() throws Exception {
        String topic = createTopic("plain-records", 3);
        try (KafkaProducer<String, String> producer = producer(kafka, Map.of())) {
            producer.send(new ProducerRecord<>(topic, "gw-1", "hello")).get(30, TimeUnit.SECONDS);
        }
        List<ConsumerRecord<String, String>> records = consume(kafka, topic, "read_uncommitted", 1);
        assertEquals("gw-1", records.get(0).key());
        assertEquals("hello", records.get(0).value());
    }

    @Test
    @DisplayName("a read_committed consumer sees committed transactions and never aborted ones")
    void transactions() throws Exception {
        String topic = createTopic("transactional-records", 1);
        try (KafkaProducer<String, String> producer = producer(kafka,
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-it-tx"))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed-1"));
            producer.send(new ProducerRecord<>(topic, "k", "committed-2"));
            producer.commitTransaction();
        }
        List<ConsumerRecord<String, String>> records = consume(kafka, topic, "read_committed", 2);
        assertEquals(List.of("committed-1", "committed-2"), records.stream().map(ConsumerRecord::value).toList());
    }

    @Test
    @DisplayName("topics are never auto-created and new topics get 6 partitions by default")
    void topicDefaults() throws Exception {
        try (Admin admin = admin(kafka)) {
            admin.createTopics(List.of(new NewTopic("defaulted", Optional.empty(), Optional.empty())))
                    .all().get(30, TimeUnit.SECONDS);
            TopicDescription description = admin.describeTopics(List.of("defaulted")).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get("defaulted");
            assertEquals(6, description.partitions().size());
        }
        try (KafkaProducer<String, String> producer = producer(kafka, Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000))) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>("never-created", "k", "v")).get(30, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof TimeoutException
                            || e.getCause() instanceof UnknownTopicOrPartitionException, e.getCause().toString());
        }
        try (Admin admin = admin(kafka)) {
            assertFalse(admin.listTopics().names().get(30, TimeUnit.SECONDS).contains("never-created"));
        }
    }

    @Test
    @DisplayName("a broker restarted on the same directory and port still has its topics and records")
    void restartKeepsData(@TempDir Path dir) throws Exception {
        String topic = "survives-restart";
        Path logDir = dir.resolve("kafka");
        int port;
        try (EmbeddedKafka first = EmbeddedKafka.start(logDir, 0, Map.of())) {
            port = Integer.parseInt(first.bootstrapServers().substring(first.bootstrapServers().lastIndexOf(':') + 1));
            try (Admin admin = admin(first)) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                        .all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = producer(first, Map.of())) {
                producer.send(new ProducerRecord<>(topic, "gw-1", "before restart")).get(30, TimeUnit.SECONDS);
            }
        }
        assertTrue(Files.exists(logDir.resolve("meta.properties")), "a fixed log dir is kept on close");
        try (EmbeddedKafka second = EmbeddedKafka.start(logDir, port, Map.of())) {
            assertEquals("127.0.0.1:" + port, second.bootstrapServers());
            try (KafkaProducer<String, String> producer = producer(second, Map.of())) {
                producer.send(new ProducerRecord<>(topic, "gw-2", "after restart")).get(30, TimeUnit.SECONDS);
            }
            List<ConsumerRecord<String, String>> records = consume(second, topic, "read_committed", 2);
            assertEquals(List.of("before restart", "after restart"), records.stream().map(ConsumerRecord::value).toList());
            // The restart skips the warm-up: its transaction coordinator must be there all the same.
            String transactional = "transactional-after-restart";
            try (Admin admin = admin(second)) {
                admin.createTopics(List.of(new NewTopic(transactional, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = producer(second, Map.of(
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, "after-restart", ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000))) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(transactional, "gw-3", "in a transaction"));
                producer.commitTransaction();
            }
            assertEquals("in a transaction", consume(second, transactional, "read_committed", 1).get(0).value());
            assertEquals(OptionalInt.of(1), second.partitionsOf(topic));
            assertEquals(OptionalInt.empty(), second.partitionsOf("never-created"));
        }
    }

    @Test
    @DisplayName("a fixed port that is already taken fails start with a message naming the port")
    void fixedPortTaken(@TempDir Path dir) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> EmbeddedKafka.start(dir.resolve("kafka"), port, Map.of()));
            assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        }
    }

    @Test
    @DisplayName("the temp directory of a throw-away broker is deleted on close")
    void tempDirDeleted() throws IOException {
        Path logDir;
        try (EmbeddedKafka throwAway = EmbeddedKafka.start()) {
            logDir = throwAway.logDir();
            assertTrue(Files.isDirectory(logDir));
        }
        assertFalse(Files.exists(logDir), logDir + " still exists");
    }

    private static Admin admin(EmbeddedKafka kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafka kafka, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(extra);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static List<ConsumerRecord<String, String>> consume(EmbeddedKafka kafka, String topic, String isolation, int count) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertEquals(count, records.size(), () -> "records on " + topic + ": " + records);
        return records;
    }

    /** Creates {@code topic} with {@code partitions} on the shared broker; returns its name. */
    private String createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = admin(kafka)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return topic;
    }
}
