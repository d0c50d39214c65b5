package io.egressmon.embedded;

import io.egressmon.schemas.TopicSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka: one KRaft process acting as broker and controller, in this JVM, on
 * loopback. Used as the all-in-one launcher's default cluster and by every integration test.
 *
 * <p>{@link #start()} gives a throw-away broker (ephemeral ports, temp dir deleted on close);
 * {@link #start(Path, int, Map)} keeps its data in a fixed directory so a restarted launcher finds
 * its topics, offsets and stores' changelogs again.
 *
 * <p>When {@code start} returns on a new log dir, the broker has created a topic, committed a
 * transactional record and served it to a read_committed consumer in a group: the group and
 * transaction coordinators are up, so the first real client does not pay (or time out on) their lazy
 * creation. On a log dir it used before, their topics only need a leader (they exist already).
 */
public final class EmbeddedKafka implements AutoCloseable {
    /** Topic used by the start-up warm-up; deleted again before {@code start} returns. */
    public static final String WARMUP_TOPIC = "__egressmon_warmup";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration WARMUP_TIMEOUT = Duration.ofSeconds(60);
    private static final int BIND_ATTEMPTS = 5;
    private static final List<String> COORDINATOR_TOPICS = List.of("__consumer_offsets", "__transaction_state");

    private final KafkaRaftServer server;
    private final Path logDir;
    private final boolean deleteLogDirOnClose;
    private final String bootstrapServers;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, Path logDir, boolean deleteLogDirOnClose, String bootstrapServers) {
        this.server = server;
        this.logDir = logDir;
        this.deleteLogDirOnClose = deleteLogDirOnClose;
        this.bootstrapServers = bootstrapServers;
    }

    /** A throw-away broker on free loopback ports with a temp log dir that {@link #close()} deletes. */
    public static EmbeddedKafka start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("egressmon-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp dir for the embedded Kafka broker", e);
        }
        try {
            return start(dir, 0, Map.of(), true);
        } catch (RuntimeException e) {
            LogDir.delete(dir);
            throw e;
        }
    }

    /**
     * A broker keeping its data in {@code logDir} (formatted on first use, reused as is later) and
     * listening on {@code 127.0.0.1:port} ({@code 0} = a free port). {@code overrides} are broker
     * configs applied over the defaults (e.g. {@code num.partitions}, {@code listeners}).
     */
    public static EmbeddedKafka start(Path logDir, int port, Map<String, String> overrides) {
        return start(logDir, port, overrides, false);
    }

    private static EmbeddedKafka start(Path logDir, int port, Map<String, String> overrides, boolean temporary) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Kafka port must be 0..65535, got " + port);
        }
        quietBrokerLoggers();
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka log dir " + logDir, e);
        }
        // The controller port must be in the config before the socket exists (it names the quorum
        // voter), so ports are picked by probing; another process can grab one in between, hence
        // the retry — for the ports we picked, never for one the caller asked for.
        for (int attempt = 1; ; attempt++) {
            int[] probed = LoopbackPorts.free(HOST, 2);
            int brokerPort = port == 0 ? probed[0] : port;
            int controllerPort = probed[1] != brokerPort ? probed[1] : probed[0];
            Map<String, String> config = brokerConfig(logDir, brokerPort, controllerPort, overrides);
            KafkaConfig kafkaConfig = new KafkaConfig(config, false);
            boolean formatted = LogDir.formatIfNew(logDir, kafkaConfig, NODE_ID, CONTROLLER_LISTENER);
            KafkaRaftServer server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
            try {
                server.startup();
            } catch (RuntimeException e) {
                stopQuietly(server, e);
                boolean ourPortTaken = !overrides.containsKey("listeners")
                        && (port == 0 || LoopbackPorts.mentions(e, HOST + ":" + controllerPort));
                if (LoopbackPorts.isBindFailure(e) && ourPortTaken && attempt < BIND_ATTEMPTS) {
                    LOG.warn("embedded Kafka could not bind (attempt {}): {}; retrying on other ports", attempt, e.toString());
                    continue;
                }
                throw new IllegalStateException("embedded Kafka failed to start in " + logDir + ": " + causes(e), e);
            }
            String bootstrap = advertisedBootstrap(config);
            EmbeddedKafka kafka = new EmbeddedKafka(server, logDir, temporary, bootstrap);
            try {
                if (formatted || !kafka.coordinatorTopicsLed()) {
                    kafka.warmUp();
                }
            } catch (RuntimeException e) {
                kafka.close();
                throw e;
            }
            LOG.info("embedded Kafka ready at {} (log dir {})", bootstrap, logDir);
            return kafka;
        }
    }

    /** {@code host:port} for clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The directory holding the broker's metadata and partition logs. */
    public Path logDir() {
        return logDir;
    }

    /** Stops the broker and waits for it; deletes the log dir if {@link #start()} created it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            if (deleteLogDirOnClose) {
                LogDir.delete(logDir);
            }
        }
    }

    /**
     * The broker's own loggers report routine life-cycle events (controller activation, log
     * loading, partition state changes) at WARN, which buries the application's warnings. With
     * slf4j-simple (tests, the all-in-one launcher) they are raised to ERROR before the broker
     * creates them — unless the user already chose a level for them. Other bindings keep their own
     * configuration.
     */
    private static void quietBrokerLoggers() {
        for (String logger : List.of("kafka", "state.change.logger", "org.apache.kafka.controller",
                "org.apache.kafka.raft", "org.apache.kafka.metadata", "org.apache.kafka.image",
                "org.apache.kafka.storage", "org.apache.kafka.server", "org.apache.kafka.coordinator")) {
            String property = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(property) == null) {
                System.setProperty(property, "error");
            }
        }
    }

    /**
     * The configuration of the single-node KRaft cluster this class runs (broker and controller in
     * one node, every internal topic with one replica), for a broker started some other way: a
     * {@code kafka.Kafka} process of its own in the fault-injection tests.
     */
    public static Map<String, String> singleNodeConfig(Path logDir, int brokerPort, int controllerPort) {
        return brokerConfig(logDir, brokerPort, controllerPort, Map.of());
    }

    static Map<String, String> brokerConfig(Path logDir, int brokerPort, int controllerPort, Map<String, String> overrides) {
        Map<String, String> c = new HashMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", Integer.toString(NODE_ID));
        c.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        c.put("controller.listener.names", CONTROLLER_LISTENER);
        c.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        c.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        c.put("inter.broker.listener.name", "PLAINTEXT");
        c.put("log.dirs", logDir.toAbsolutePath().toString());
        // One broker: every internal topic has exactly one replica.
        c.put("offsets.topic.replication.factor", "1");
        c.put("transaction.state.log.replication.factor", "1");
        c.put("transaction.state.log.min.isr", "1");
        c.put("share.coordinator.state.topic.replication.factor", "1");
        c.put("share.coordinator.state.topic.min.isr", "1");
        // 50 partitions each (the defaults) make the first group and transaction slow to appear.
        c.put("offsets.topic.num.partitions", "6");
        c.put("transaction.state.log.num.partitions", "6");
        c.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created on purpose (TopicSetup), never by a typo in a client.
        c.put("auto.create.topics.enable", "false");
        c.put("num.partitions", "6");
        c.put("default.replication.factor", "1");
        // Compacted topics (inventory, watermarks, changelogs) need the cleaner; its default 128 MiB
        // dedupe buffer is sized for production brokers, not for one living inside a test JVM.
        c.put("log.cleaner.enable", "true");
        c.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        c.put("num.network.threads", "2");
        c.put("num.io.threads", "4");
        // After an unclean stop (kill -9) every log is recovered before the broker answers: 130-odd
        // small logs took 4.6 s on one thread (docs/benchmarks.md, "Restart after kill -9").
        c.put("num.recovery.threads.per.data.dir", "2");
        // What such a recovery reads: every segment from a log's recovery point on, and the point
        // only moves when a segment is rolled (and flushed) and then written down. With 1 GiB
        // segments a log that keeps 30 days of FlowIQ answers never rolls, and every restart after
        // a kill -9 re-reads all of it, batch by batch. 16 MiB segments and the recovery points
        // written every 5 s (default 60 s) bound that to the last 16 MiB of each log. (At the
        // simulator's size, 12 MB per partition, nothing rolls: no change in bench restart.)
        c.put("log.segment.bytes", Integer.toString(16 * 1024 * 1024));
        c.put("log.flush.offset.checkpoint.interval.ms", "5000");
        // After a kill -9 the restarted broker registers with a new incarnation, and its controller
        // (restarted with it) refuses that registration until the old one's session has expired:
        // 9 s by default, most of a restart (docs/benchmarks.md, "Restart after kill -9"). Broker
        // and controller share this process, so a heartbeat is missed only when the whole JVM
        // stalls; 3 s is six heartbeats. (2 s saved about a second of a restart, but in one CI run
        // two ITs failed as if the broker had gone away while two JVMs started on two cores: kept
        // at 3 s, docs/benchmarks.md.)
        c.put("broker.heartbeat.interval.ms", "500");
        c.put("broker.session.timeout.ms", "3000");
        c.putAll(overrides);
        return c;
    }

    /** How many partitions {@code topic} has on this broker; empty when it does not exist (yet). */
    public OptionalInt partitionsOf(String topic) {
        return describe(List.of(topic)).map(d -> OptionalInt.of(d.get(topic).partitions().size())).orElse(OptionalInt.empty());
    }

    /**
     * On a restart: whether the group and transaction coordinators' topics exist with a leader for
     * every partition — then their coordinators are there (loading their state takes a moment, which
     * clients wait out on their own), and the full warm-up, about 2 s of a restart on two cores, buys
     * nothing. A broker that never got through its first warm-up has neither topic.
     */
    private boolean coordinatorTopicsLed() {
        return describe(COORDINATOR_TOPICS).map(d -> TopicSetup.led(d.values())).orElse(false);
    }

    /** The descriptions of {@code topics}; empty when one of them does not exist. */
    private Optional<Map<String, TopicDescription>> describe(List<String> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return Optional.of(admin.describeTopics(topics).allTopicNames().get(WARMUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw new IllegalStateException("embedded Kafka at " + bootstrapServers + " cannot describe " + topics + ": "
                    + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + topics, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("embedded Kafka at " + bootstrapServers + " did not describe " + topics + " within "
                    + WARMUP_TIMEOUT, e);
        }
    }

    private void warmUp() {
        String transactionalId = WARMUP_TOPIC + "-" + UUID.randomUUID();
        String group = WARMUP_TOPIC + "-" + UUID.randomUUID();
        long deadline = System.nanoTime() + WARMUP_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            try {
                admin.createTopics(List.of(new NewTopic(WARMUP_TOPIC, 1, (short) 1))).all()
                        .get(WARMUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                // A broker restarted after a crash during a previous warm-up still has the topic.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) WARMUP_TIMEOUT.toMillis()),
                    new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(WARMUP_TOPIC, "warm", "up"));
                producer.commitTransaction();
            }
            TopicPartition partition = new TopicPartition(WARMUP_TOPIC, 0);
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.GROUP_ID_CONFIG, group,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.assign(List.of(partition));
                boolean seen = false;
                while (!seen) {
                    if (System.nanoTime() > deadline) {
                        throw new TimeoutException("warm-up record not consumed within " + WARMUP_TIMEOUT);
                    }
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                    seen = !records.isEmpty();
                }
                // Committing makes the group coordinator load its partition of __consumer_offsets.
                consumer.commitSync(Duration.ofMillis(Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            }
            admin.deleteConsumerGroups(List.of(group)).all().get(WARMUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            admin.deleteTopics(List.of(WARMUP_TOPIC)).all().get(WARMUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while warming up the embedded Kafka broker", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("embedded Kafka at " + bootstrapServers + " failed its warm-up: " + cause, cause);
        }
    }

    private static String advertisedBootstrap(Map<String, String> config) {
        String advertised = config.getOrDefault("advertised.listeners", config.get("listeners"));
        for (String listener : advertised.split(",")) {
            String trimmed = listener.trim();
            if (!trimmed.startsWith(CONTROLLER_LISTENER + "://")) {
                return trimmed.substring(trimmed.indexOf("://") + 3);
            }
        }
        throw new IllegalArgumentException("no client listener in " + advertised);
    }

    /** Every message down the cause chain: the broker wraps the useful one (which port) deep inside. */
    private static String causes(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : "; caused by: ").append(message);
            }
        }
        return text.toString();
    }

    private static void stopQuietly(KafkaRaftServer server, RuntimeException failure) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
