package io.egressmon.streams;

import static io.egressmon.streams.Instances.assertUnavailable;
import static io.egressmon.streams.Instances.await;
import static io.egressmon.streams.Instances.gatewayName;
import static io.egressmon.streams.Instances.get;
import static io.egressmon.streams.Instances.settled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.avro.CounterSnapshot;
import io.egressmon.avro.Gateway;
import io.egressmon.avro.InterfaceCounters;
import io.egressmon.avro.SnapshotKind;
import io.egressmon.embedded.EmbeddedKafka;
import io.egressmon.embedded.FreshTopics;
import io.egressmon.embedded.InMemorySchemaRegistry;
import io.egressmon.registry.SchemaRegistryClient;
import io.egressmon.schemas.Topic;
import io.egressmon.schemas.TopicSetup;
import io.egressmon.schemas.Topics;
import io.egressmon.streams.counters.BandwidthTopology;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two streams-app instances with one application id share the partitions of a real broker; either
 * must give the same, correct answer, and neither may give a partial one.
 */
@DisplayName("Two streams-app instances")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstanceIT {
    private static final int PARTITIONS = 6;
    private static final int GATEWAYS = 20;
    private static final int HOURS = 4;
    private static final List<String> TUNNELS = List.of("tun-a", "tun-b");

    private EmbeddedKafka kafka;
    private InMemorySchemaRegistry registry;
    private StreamsApp a;
    private StreamsApp b;
    /** Snapshots at T0, T0+1h, … T0+HOURS·h; the queried period is [T0, end). */
    private Instant t0;
    private Instant end;
    private final Map<String, Expected> expected = new TreeMap<>();
    private final Map<String, List<Expected>> expectedHours = new TreeMap<>();
    /** Static, so the instances' state outlives the test method that starts them. */
    @TempDir
    static Path stateRoot;

    /** What a spoke's counters say over a period, computed here from the readings the test produced. */
    record Expected(long eth0Rx, long eth0Tx, long tunnelRx, long tunnelTx, int resets) {
        Expected plus(Expected o) {
            return new Expected(eth0Rx + o.eth0Rx, eth0Tx + o.eth0Tx, tunnelRx + o.tunnelRx, tunnelTx + o.tunnelTx,
                    resets + o.resets);
        }

        long egressRx() {
            return Math.max(0, eth0Rx - tunnelRx - tunnelTx);
        }

        long egressTx() {
            return Math.max(0, eth0Tx - tunnelRx - tunnelTx);
        }
    }

    @BeforeAll
    void startBrokerAndProduce() {
        kafka = EmbeddedKafka.start();
        registry = InMemorySchemaRegistry.start("127.0.0.1", 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            TopicSetup.ensureTopics(admin, PARTITIONS, (short) 1);
        }
        end = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        t0 = end.minus(Duration.ofHours(HOURS));
        produce();
    }

    @AfterAll
    void stopAll() {
        Instances.closeAll(b, a, registry, kafka);
    }

    /**
     * Cumulative readings per gateway and hour with random increases; gw-03's eth0 and tun-a restart
     * at hour 2, gw-05 sees more tunnel than eth0 bytes in hour 1 and much more eth0 in hour 2 (so
     * per-hour clamping would differ from clamping the period), and every gateway also reports the
     * OpenVPN interface tun0, which must be ignored.
     */
    private void produce() {
        Random random = new Random(42);
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
        Topic<String, Gateway> inventoryTopic = Topics.INVENTORY.bind(client);
        Topic<String, CounterSnapshot> snapshotsTopic = Topics.COUNTER_SNAPSHOTS.bind(client);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, Gateway> inventory = FreshTopics.orderedProducer(kafka.bootstrapServers(), inventoryTopic);
             KafkaProducer<String, CounterSnapshot> snapshots = FreshTopics.orderedProducer(kafka.bootstrapServers(),
                     snapshotsTopic)) {
            for (int g = 0; g < GATEWAYS - 2; g++) { // the last two have counters but no inventory entry
                sent.add(inventory.send(new ProducerRecord<>(inventoryTopic.name(), gatewayName(g), gateway(gatewayName(g), "spoke", g))));
            }
            sent.add(inventory.send(new ProducerRecord<>(inventoryTopic.name(), "idle-1", gateway("idle-1", "spoke", 1))));
            sent.add(inventory.send(new ProducerRecord<>(inventoryTopic.name(), "idle-2", gateway("idle-2", "spoke", 2))));
            sent.add(inventory.send(new ProducerRecord<>(inventoryTopic.name(), "transit-1", gateway("transit-1", "transit", 0))));

            Map<String, Map<String, long[]>> last = new TreeMap<>();
            for (int h = 0; h <= HOURS; h++) {
                Instant at = t0.plus(Duration.ofHours(h));
                for (int g = 0; g < GATEWAYS; g++) {
                    String name = gatewayName(g);
                    Map<String, long[]> previous = last.computeIfAbsent(name, k -> new TreeMap<>());
                    Map<String, long[]> now = new TreeMap<>();
                    long eth0RxInc = 1_000_000 + random.nextInt(900_000_000);
                    long eth0TxInc = 1_000_000 + random.nextInt(500_000_000);
                    if (g == 5 && h == 1) {
                        eth0RxInc = 1_000;
                        eth0TxInc = 1_000;
                    }
                    now.put("eth0", advance(previous.get("eth0"), eth0RxInc, eth0TxInc));
                    for (String tun : TUNNELS) {
                        long inc = g == 5 && h == 1 ? 50_000_000 : random.nextInt(100_000_000);
                        now.put(tun, advance(previous.get(tun), inc, random.nextInt(100_000_000)));
                    }
                    now.put("tun0", advance(previous.get("tun0"), random.nextInt(1000), random.nextInt(1000)));
                    if (g == 3 && h == 2) { // reboot: counters start again from (almost) zero
                        now.put("eth0", new long[] {eth0RxInc / 2, eth0TxInc / 2});
                        now.put("tun-a", new long[] {12_345, 678});
                    }
                    if (h > 0) {
                        Expected hour = delta(previous, now);
                        expected.merge(name, hour, Expected::plus);
                        expectedHours.computeIfAbsent(name, k -> new ArrayList<>()).add(hour);
                    }
                    last.put(name, now);
                    sent.add(snapshots.send(new ProducerRecord<>(snapshotsTopic.name(), null, at.toEpochMilli(), name,
                            snapshot(name, at, h == 0 ? SnapshotKind.BASELINE : SnapshotKind.BACKFILL, now))));
                }
            }
        }
        Instances.awaitAcknowledged(sent); // closing the producers sent what they held
    }

    private static long[] advance(long[] previous, long rxInc, long txInc) {
        long rx = previous == null ? 1_000_000_000L : previous[0] + rxInc;
        long tx = previous == null ? 2_000_000_000L : previous[1] + txInc;
        return new long[] {rx, tx};
    }

    /** The design's rule: v ≥ last → v − last; v < last → the counter restarted, v bytes since. One reset per interface. */
    private static Expected delta(Map<String, long[]> previous, Map<String, long[]> now) {
        Expected sum = new Expected(0, 0, 0, 0, 0);
        for (Map.Entry<String, long[]> e : now.entrySet()) {
            String name = e.getKey();
            if (!name.equals("eth0") && !name.startsWith("tun-")) {
                continue;
            }
            long[] before = previous.get(name);
            long rx = e.getValue()[0] >= before[0] ? e.getValue()[0] - before[0] : e.getValue()[0];
            long tx = e.getValue()[1] >= before[1] ? e.getValue()[1] - before[1] : e.getValue()[1];
            int resets = e.getValue()[0] < before[0] || e.getValue()[1] < before[1] ? 1 : 0;
            sum = sum.plus(name.equals("eth0") ? new Expected(rx, tx, 0, 0, resets) : new Expected(0, 0, rx, tx, resets));
        }
        return sum;
    }

    private static CounterSnapshot snapshot(String gateway, Instant at, SnapshotKind kind, Map<String, long[]> readings) {
        Map<String, InterfaceCounters> interfaces = new LinkedHashMap<>();
        readings.forEach((name, v) -> interfaces.put(name, new InterfaceCounters(v[0], v[1])));
        return CounterSnapshot.newBuilder().setGateway(gateway).setSampledAt(at)
                .setSliceStart(at.minus(Duration.ofHours(1))).setSliceEnd(at).setKind(kind).setInterfaces(interfaces).build();
    }

    private static Gateway gateway(String name, String type, int i) {
        return Instances.gateway(name, type, i, TUNNELS);
    }

    private StreamsApp startInstance(Path stateDir) {
        return Instances.start(kafka, registry, stateDir, PARTITIONS);
    }

    private String period() {
        return "from=" + t0 + "&to=" + end;
    }

    /** True when {@code body} holds exactly the spokes and sums this test produced. */
    private boolean matchesExpected(JsonObject body) {
        JsonArray gateways = body.getJsonArray("gateways");
        List<String> names = new ArrayList<>(expected.keySet());
        names.addAll(List.of("idle-1", "idle-2"));
        names.sort(String::compareTo);
        if (!names.equals(gateways.stream().map(g -> ((JsonObject) g).getString("gateway")).toList())) {
            return false;
        }
        for (Object o : gateways) {
            JsonObject g = (JsonObject) o;
            Expected e = expected.getOrDefault(g.getString("gateway"), new Expected(0, 0, 0, 0, 0));
            if (!matches(g, e)) {
                return false;
            }
        }
        return true;
    }

    /** Every spoke with counters says it was read up to the period's end. */
    private boolean readToEnd(JsonObject answer) {
        return answer.getJsonArray("gateways").stream().map(JsonObject.class::cast)
                .filter(g -> expected.containsKey(g.getString("gateway")))
                .allMatch(g -> end.toString().equals(g.getString("data_until")));
    }

    private static boolean matches(JsonObject g, Expected e) {
        return g.getLong("eth0_rx_bytes") == e.eth0Rx() && g.getLong("eth0_tx_bytes") == e.eth0Tx()
                && g.getLong("tunnel_rx_bytes") == e.tunnelRx() && g.getLong("tunnel_tx_bytes") == e.tunnelTx()
                && g.getLong("internal_rx_bytes") == e.tunnelRx() && g.getLong("internal_tx_bytes") == e.tunnelTx()
                && g.getLong("egress_rx_bytes") == e.egressRx() && g.getLong("egress_tx_bytes") == e.egressTx()
                && g.getInteger("resets") == e.resets();
    }

    /**
     * Active tasks of the bandwidth sub-topology (one per partition of the counter snapshots); the
     * application's other sub-topology (FlowIQ talkers) has tasks of its own.
     */
    private static int activeTasks(StreamsApp app) {
        return (int) app.streams().metadataForLocalThreads().stream().flatMap(t -> t.activeTasks().stream())
                .filter(task -> task.topicPartitions().stream().anyMatch(tp -> tp.topic().equals(Topics.COUNTER_SNAPSHOTS.name())))
                .count();
    }

    @Test
    @Order(1)
    @DisplayName("answer 503 with Retry-After, not a partial answer, before Kafka Streams is RUNNING")
    void unavailableWhileStarting() throws Exception {
        a = startInstance(stateRoot.resolve("a"));
        assertUnavailable(get(a.url() + "/ready"));
        assertUnavailable(get(a.url() + "/api/v1/bandwidth?" + period()));
        assertEquals(200, get(a.url() + "/health").statusCode(), "alive while starting");
        b = startInstance(stateRoot.resolve("b"));
        assertNotEquals(a.url(), b.url());
    }

    @Test
    @Order(2)
    @DisplayName("both give the same all-spokes answer, equal to the sums of the produced counters, with the partitions split between them")
    void allSpokesFromEitherInstance() throws Exception {
        Predicate<StreamsApp> settled = app -> app.streams().state() == KafkaStreams.State.RUNNING && activeTasks(app) > 0;
        String query = "/api/v1/bandwidth?" + period();
        // Every spoke with counters read to the end, and the same answer twice in a row, not only the
        // expected totals: the progress marks (data_until) are committed a moment after the windows, by
        // whichever instance owns the partition, so an answer may have the totals while some of its spokes
        // still lack data_until. (Never complete: idle-1 and idle-2 are spokes that were never polled.)
        await("both instances run with active tasks and answer the expected totals, read to the end, the same twice",
                Duration.ofSeconds(60), () -> {
            if (!settled.test(a) || !settled.test(b)) {
                return false;
            }
            HttpResponse<String> fromA = get(a.url() + query);
            HttpResponse<String> fromB = get(b.url() + query);
            if (fromA.statusCode() != 200 || fromB.statusCode() != 200) {
                return false;
            }
            JsonObject answer = new JsonObject(fromA.body());
            return matchesExpected(answer) && readToEnd(answer) && answer.equals(new JsonObject(fromB.body()))
                    && answer.equals(new JsonObject(get(a.url() + query).body()));
        });
        JsonObject fromA = new JsonObject(settled(a.url() + query).body());
        JsonObject fromB = new JsonObject(settled(b.url() + query).body());
        assertEquals(fromA.encodePrettily(), fromB.encodePrettily(), "the answers of instance a (expected) and b");
        assertTrue(readToEnd(fromA), fromA.encodePrettily());
        assertFalse(fromA.getBoolean("complete"), "idle-1 and idle-2 were never polled");
        assertTrue(matchesExpected(fromA), fromA.encodePrettily());
        assertEquals(t0.toString(), fromA.getString("period_start"));
        assertEquals(end.toString(), fromA.getString("period_end"));

        JsonObject orphan = fromA.getJsonArray("gateways").stream().map(JsonObject.class::cast)
                .filter(g -> g.getString("gateway").equals(gatewayName(GATEWAYS - 1))).findFirst().orElseThrow();
        assertNull(orphan.getString("vendor_name"), "counters without inventory: empty attributes");
        assertTrue(expected.get("gw-03").resets() >= 1);
        long aggregateEgress = expected.values().stream().mapToLong(Expected::egressRx).sum();
        assertEquals(aggregateEgress, fromA.getJsonObject("aggregate").getLong("egress_rx_bytes"));
        assertEquals(GATEWAYS + 2, fromA.getJsonObject("aggregate").getInteger("spokes"));
        long perHourClamped = expectedHours.get("gw-05").stream().mapToLong(Expected::egressRx).sum();
        assertNotEquals(perHourClamped, expected.get("gw-05").egressRx(), "gw-05's data tells clamp-once from clamp-per-hour");
    }

    @Test
    @Order(3)
    @DisplayName("a one-spoke query gives the same answer from the owner and from the other instance (which forwards it)")
    void oneSpokeFromEitherInstance() {
        List<String> gateways = new ArrayList<>(expected.keySet());
        gateways.add("idle-1");
        int ownedByB = 0;
        for (String gateway : gateways) {
            HostInfo owner = a.streams().queryMetadataForKey(BandwidthTopology.STORE_1H, gateway, Serdes.String().serializer())
                    .activeHost();
            StreamsApp other = owner.port() == a.httpPort() ? b : a;
            ownedByB += owner.port() == b.httpPort() ? 1 : 0;
            String query = "/api/v1/bandwidth?" + period() + "&gateway=" + gateway;
            HttpResponse<String> viaOther = settled(other.url() + query);
            HttpResponse<String> viaA = settled(a.url() + query);
            assertEquals(200, viaOther.statusCode(), viaOther.body());
            JsonObject body = new JsonObject(viaOther.body());
            assertEquals(body, new JsonObject(viaA.body()));
            JsonArray answer = body.getJsonArray("gateways");
            assertEquals(1, answer.size());
            assertTrue(matches(answer.getJsonObject(0), expected.getOrDefault(gateway, new Expected(0, 0, 0, 0, 0))),
                    gateway + ": " + body.encodePrettily());
        }
        assertTrue(ownedByB > 0 && ownedByB < gateways.size(), "both instances own some of the gateways: " + ownedByB);
    }

    @Test
    @Order(4)
    @DisplayName("group_by=cloud sums the spokes' clamped values into groups, identically from both instances")
    void groupedFromEitherInstance() {
        String query = "/api/v1/bandwidth?" + period() + "&group_by=cloud";
        JsonObject fromA = new JsonObject(settled(a.url() + query).body());
        assertEquals(fromA, new JsonObject(settled(b.url() + query).body()));
        assertEquals("cloud", fromA.getString("group_by"));
        long groupsEgress = fromA.getJsonArray("groups").stream().map(JsonObject.class::cast)
                .mapToLong(g -> g.getLong("egress_rx_bytes")).sum();
        assertEquals(fromA.getJsonObject("aggregate").getLong("egress_rx_bytes"), groupsEgress);
        List<String> names = fromA.getJsonArray("groups").stream().map(g -> ((JsonObject) g).getString("name")).toList();
        assertEquals(List.of("AWS", "Azure ARM", "unknown"), names);
    }

    @Test
    @Order(5)
    @DisplayName("a series has one point per hour, each equal to that hour's counter increase, from either instance")
    void seriesFromEitherInstance() {
        String query = "/api/v1/bandwidth/series?" + period() + "&gateway=gw-05&step=1h";
        HttpResponse<String> r = settled(a.url() + query);
        assertEquals(200, r.statusCode(), r.body());
        JsonObject body = new JsonObject(r.body());
        assertEquals(body, new JsonObject(settled(b.url() + query).body()));
        JsonArray points = body.getJsonArray("points");
        assertEquals(HOURS, points.size());
        for (int h = 0; h < HOURS; h++) {
            JsonObject p = points.getJsonObject(h);
            assertEquals(t0.plus(Duration.ofHours(h)).toString(), p.getString("start"));
            assertTrue(matches(p, expectedHours.get("gw-05").get(h)), "hour " + h + ": " + p.encodePrettily());
        }
    }

    @Test
    @Order(6)
    @DisplayName("bad input is a 400 naming the parameter and an unknown gateway a 404, from either instance")
    void errors() {
        for (StreamsApp app : List.of(a, b)) {
            HttpResponse<String> bad = settled(app.url() + "/api/v1/bandwidth?day=30");
            assertEquals(400, bad.statusCode());
            assertEquals("day", new JsonObject(bad.body()).getString("parameter"));
            HttpResponse<String> unknown = settled(app.url() + "/api/v1/bandwidth?days=1&gateway=no-such-gateway");
            assertEquals(404, unknown.statusCode(), unknown.body());
            assertEquals("gateway", new JsonObject(unknown.body()).getString("parameter"));
            JsonObject health = new JsonObject(settled(app.url() + "/health").body());
            assertEquals("UP", health.getString("status"));
            assertTrue(health.getJsonObject("dropped").containsKey("kafka_streams_dropped_records"), health.encode());
            assertEquals(200, settled(app.url() + "/ready").statusCode());
        }
        JsonArray inventory = new JsonObject(settled(b.url() + "/api/v1/gateways").body()).getJsonArray("gateways");
        assertEquals(GATEWAYS - 2 + 3, inventory.size());
    }

    @Test
    @Order(7)
    @DisplayName("an inventory change reaches both instances' answers at once: what they keep of the inventory is read again")
    void inventoryChanges() {
        String query = "/api/v1/bandwidth?" + period();
        for (StreamsApp app : List.of(a, b)) { // read first, so that each instance keeps the inventory as it is
            assertFalse(gatewayNames(app, "/api/v1/gateways").contains("idle-3"));
            assertFalse(gatewayNames(app, query).contains("idle-3"));
        }
        sendInventory("idle-3", gateway("idle-3", "spoke", 3));
        await("both instances list the new spoke", Duration.ofSeconds(30), () -> List.of(a, b).stream().allMatch(app ->
                gatewayNames(app, "/api/v1/gateways").contains("idle-3") && gatewayNames(app, query).contains("idle-3")));

        sendInventory("idle-3", null);
        await("both instances drop the removed spoke", Duration.ofSeconds(30), () -> List.of(a, b).stream().noneMatch(app ->
                gatewayNames(app, "/api/v1/gateways").contains("idle-3") || gatewayNames(app, query).contains("idle-3")));
    }

    private List<String> gatewayNames(StreamsApp app, String path) {
        return new JsonObject(settled(app.url() + path).body()).getJsonArray("gateways").stream()
                .map(g -> ((JsonObject) g).getString("gateway")).toList();
    }

    /** Writes {@code value} (null: a tombstone) for {@code name} to the inventory topic and waits for the broker to have it. */
    private void sendInventory(String name, Gateway value) {
        Topic<String, Gateway> topic = Topics.INVENTORY.bind(new SchemaRegistryClient(registry.url()));
        try (KafkaProducer<String, Gateway> producer = FreshTopics.orderedProducer(kafka.bootstrapServers(), topic)) {
            Instances.awaitAcknowledged(List.of(producer.send(new ProducerRecord<>(topic.name(), name, value))));
        }
    }

    @Test
    @Order(8)
    @DisplayName("when one instance stops, the other answers 503 or the full correct answer while it takes over — never a partial one")
    void failover() throws Exception {
        b.close();
        b = null;
        String query = "/api/v1/bandwidth?" + period();
        List<Integer> statuses = new ArrayList<>();
        await("the remaining instance answers completely", Duration.ofSeconds(60), () -> {
            HttpResponse<String> r = get(a.url() + query);
            statuses.add(r.statusCode());
            if (r.statusCode() == 503) {
                assertUnavailable(r);
                return false;
            }
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(matchesExpected(new JsonObject(r.body())), "a 200 during fail-over must be complete: " + r.body());
            return activeTasks(a) == PARTITIONS;
        });
        assertFalse(statuses.isEmpty());
    }
}
