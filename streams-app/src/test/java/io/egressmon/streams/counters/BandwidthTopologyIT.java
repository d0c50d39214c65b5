package io.egressmon.streams.counters;

import io.egressmon.api.bandwidth.RawTotals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.avro.CounterSnapshot;
import io.egressmon.avro.Gateway;
import io.egressmon.avro.InterfaceCounters;
import io.egressmon.avro.SnapshotKind;
import io.egressmon.avro.SpokeBandwidthWindow;
import io.egressmon.avro.SpokeTotals;
import io.egressmon.embedded.EmbeddedKafka;
import io.egressmon.embedded.InMemorySchemaRegistry;
import io.egressmon.registry.SchemaRegistryClient;
import io.egressmon.schemas.Topic;
import io.egressmon.schemas.TopicSetup;
import io.egressmon.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.query.WindowKeyQuery;
import org.apache.kafka.streams.query.WindowRangeQuery;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology on a real broker with exactly-once, a real registry and IQv2: what the query layer
 * and the {@code bandwidth.spoke-windows} consumers actually get.
 */
@DisplayName("The bandwidth topology on a real broker")
class BandwidthTopologyIT {
    private static final Duration PATIENCE = Duration.ofSeconds(45);

    private static EmbeddedKafka kafka;
    private static InMemorySchemaRegistry registry;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start();
        registry = InMemorySchemaRegistry.start("127.0.0.1", 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            TopicSetup.ensureTopics(admin, 2, (short) 1);
        }
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    @DisplayName("Window stores answer IQv2 window queries with ValueAndTimestamp<SpokeTotals>, and closed windows reach the topic with inventory attributes")
    void storesAndTopicOnARealBroker() throws Exception {
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
        BandwidthSerdes serdes = BandwidthSerdes.of(client);
        TopologyStats stats = new TopologyStats();
        // Recent times: the broker's retention must not delete the records under the test's feet.
        Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(12));

        produce(serdes, base);

        try (KafkaStreams streams = new KafkaStreams(BandwidthTopology.build(serdes, stats), streamsConfig())) {
            streams.start();
            eventually("the streams instance to reach RUNNING",
                    () -> streams.state() == KafkaStreams.State.RUNNING ? streams.state() : null);

            // Fine window [base, base+5m): the first delta, 1000 eth0 rx / 300 tunnel rx. A key query goes
            // to the partition that owns the key.
            List<KeyValue<Long, Object>> fine = eventually("the 5-minute window", stats, () -> {
                KeyQueryMetadata owner = streams.queryMetadataForKey(BandwidthTopology.STORE_5M, "spoke-a",
                        new StringSerializer());
                if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
                    throw new IllegalStateException("no owner for spoke-a yet: " + owner);
                }
                StateQueryResult<WindowStoreIterator<ValueAndTimestamp<SpokeTotals>>> r = streams.query(
                        StateQueryRequest.inStore(BandwidthTopology.STORE_5M)
                                .withQuery(WindowKeyQuery.<String, ValueAndTimestamp<SpokeTotals>>withKeyAndWindowStartRange(
                                        "spoke-a", base, base))
                                .withPartitions(Set.of(owner.partition())));
                QueryResult<WindowStoreIterator<ValueAndTimestamp<SpokeTotals>>> result =
                        r.getPartitionResults().get(owner.partition());
                if (result == null || !result.isSuccess()) {
                    throw new IllegalStateException("partition " + owner.partition() + " answered " + result);
                }
                List<KeyValue<Long, Object>> found = new ArrayList<>();
                try (WindowStoreIterator<ValueAndTimestamp<SpokeTotals>> it = result.getResult()) {
                    it.forEachRemaining(kv -> found.add(KeyValue.pair(kv.key, kv.value)));
                }
                if (found.isEmpty()) {
                    throw new IllegalStateException("partition " + owner.partition() + " has no window at " + base);
                }
                return found;
            });
            assertEquals(1, fine.size(), () -> "windows " + fine);
            assertEquals(base.toEpochMilli(), fine.get(0).key);
            // The generic type above is what the store really holds: a timestamped value.
            ValueAndTimestamp<?> stored = assertInstanceOf(ValueAndTimestamp.class, fine.get(0).value);
            assertEquals(new RawTotals(1_000, 800, 300, 100, 0), WindowTotals.of((SpokeTotals) stored.value()));

            // Hourly windows over all keys and partitions (a scatter-gather). IQv2 window queries read the
            // store under the record cache, so they see what the last commit flushed: wait for all of it.
            RawTotals whole = new RawTotals(2_000, 1_600, 600, 200, 0);
            RawTotals hourlySum = eventually("every byte of the 6h15m in the hourly windows", stats, () -> {
                StateQueryResult<KeyValueIterator<Windowed<String>, ValueAndTimestamp<SpokeTotals>>> range = streams.query(
                        StateQueryRequest.inStore(BandwidthTopology.STORE_1H)
                                .withQuery(WindowRangeQuery.<String, ValueAndTimestamp<SpokeTotals>>withWindowStartRange(
                                        base, base.plus(Duration.ofHours(7)))));
                RawTotals sum = RawTotals.ZERO;
                for (QueryResult<KeyValueIterator<Windowed<String>, ValueAndTimestamp<SpokeTotals>>> partition
                        : range.getPartitionResults().values()) {
                    if (!partition.isSuccess()) {
                        throw new IllegalStateException("partition answered " + partition);
                    }
                    try (KeyValueIterator<Windowed<String>, ValueAndTimestamp<SpokeTotals>> it = partition.getResult()) {
                        while (it.hasNext()) {
                            KeyValue<Windowed<String>, ValueAndTimestamp<SpokeTotals>> kv = it.next();
                            if (kv.key.key().equals("spoke-a")) {
                                sum = sum.plus(WindowTotals.of(kv.value.value()));
                            }
                        }
                    }
                }
                if (!sum.equals(whole)) {
                    throw new IllegalStateException("hourly windows sum to " + sum);
                }
                return sum;
            });
            assertEquals(whole, hourlySum);

            SpokeBandwidthWindow closed = firstWindow(serdes, base);
            assertEquals("PT5M", closed.getGranularity());
            assertEquals(1_000, closed.getEth0RxBytes());
            assertEquals(600, closed.getEgressRxBytes());
            assertEquals("AWS", closed.getVendorName());
        }
    }

    private static void produce(BandwidthSerdes serdes, Instant base) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, Gateway> inventory = new KafkaProducer<>(config, serdes.inventory().keySerde().serializer(),
                serdes.inventory().valueSerde().serializer());
             KafkaProducer<String, CounterSnapshot> snapshots = new KafkaProducer<>(config,
                     serdes.snapshots().keySerde().serializer(), serdes.snapshots().valueSerde().serializer())) {
            Gateway gateway = Snapshots.inventory("spoke-a", "AWS", "transit-1");
            inventory.send(new ProducerRecord<>(serdes.inventory().name(), gateway.getGwName(), gateway)).get();
            // baseline, 5 minutes of traffic, then a reading after the fine window's grace has passed
            snapshots.send(snapshot(base, SnapshotKind.BASELINE, 0, 0, 0, 0)).get();
            snapshots.send(snapshot(base.plus(Duration.ofMinutes(5)), SnapshotKind.LIVE, 1_000, 800, 300, 100)).get();
            snapshots.send(snapshot(base.plus(Duration.ofMinutes(375)), SnapshotKind.LIVE, 2_000, 1_600, 600, 200)).get();
        }
    }

    private static ProducerRecord<String, CounterSnapshot> snapshot(Instant at, SnapshotKind kind, long eth0Rx, long eth0Tx,
                                                                    long tunRx, long tunTx) {
        Map<String, InterfaceCounters> interfaces = new HashMap<>();
        interfaces.put("eth0", new InterfaceCounters(eth0Rx, eth0Tx));
        interfaces.put("tun-transit-1", new InterfaceCounters(tunRx, tunTx));
        CounterSnapshot value = new CounterSnapshot("spoke-a", at, at, at, kind, interfaces);
        return new ProducerRecord<>(Topics.COUNTER_SNAPSHOTS.name(), null, at.toEpochMilli(), "spoke-a", value);
    }

    private Properties streamsConfig() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bandwidth-topology-it");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        // Without it queryMetadataForKey answers NOT_AVAILABLE forever; nothing listens there in this test.
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:18080");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return props;
    }

    /** The first PT5M window of spoke-a starting at {@code base} read from the output topic (committed only). */
    private static SpokeBandwidthWindow firstWindow(BandwidthSerdes serdes, Instant base) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bandwidth-topology-it-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Topic<String, SpokeBandwidthWindow> windows = serdes.windows();
        try (KafkaConsumer<String, SpokeBandwidthWindow> consumer = new KafkaConsumer<>(config,
                windows.keySerde().deserializer(), windows.valueSerde().deserializer())) {
            consumer.subscribe(List.of(windows.name()));
            return eventually("the closed window on " + windows.name(), () -> {
                for (ConsumerRecord<String, SpokeBandwidthWindow> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key().equals("spoke-a") && r.value().getGranularity().equals("PT5M")
                            && r.value().getWindowStart().equals(base)) {
                        return r.value();
                    }
                }
                return null;
            });
        }
    }

    private static <T> T eventually(String what, Supplier<T> attempt) {
        return eventually(what, null, attempt);
    }

    private static <T> T eventually(String what, TopologyStats stats, Supplier<T> attempt) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                T value = attempt.get();
                if (value != null) {
                    return value;
                }
            } catch (RuntimeException e) {
                last = e; // e.g. stores not queryable while the instance starts
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
        throw new AssertionError("gave up waiting for " + what + " after " + PATIENCE
                + (stats == null ? "" : "; topology stats " + stats.asMap()), last);
    }
}
