package io.egressmon.streams;

import static io.egressmon.streams.Instances.await;
import static io.egressmon.streams.Instances.gatewayName;
import static io.egressmon.streams.Instances.get;
import static io.egressmon.streams.Instances.settled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.avro.FlowDirection;
import io.egressmon.avro.Gateway;
import io.egressmon.avro.TalkerBytes;
import io.egressmon.avro.TalkerRole;
import io.egressmon.embedded.EmbeddedKafka;
import io.egressmon.embedded.FreshTopics;
import io.egressmon.embedded.InMemorySchemaRegistry;
import io.egressmon.registry.SchemaRegistryClient;
import io.egressmon.schemas.Topic;
import io.egressmon.schemas.TopicSetup;
import io.egressmon.schemas.Topics;
import io.egressmon.streams.talkers.TalkersTopology;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Future;
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
 * Top talkers from two streams-app instances sharing the partitions of a real broker: the global,
 * per-spoke and grouped answers are the same from either instance, and equal to the sums this test
 * computes from the FlowIQ records it produced.
 */
@DisplayName("Top talkers from two streams-app instances")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TalkersTwoInstanceIT {
    private static final int PARTITIONS = 6;
    private static final int GATEWAYS = 20;
    private static final String FLOWIQ = "https://cplt.example.com/monitor/flow-iq/flowiq/overview";

    private EmbeddedKafka kafka;
    private InMemorySchemaRegistry registry;
    private StreamsApp a;
    private StreamsApp b;
    /** Two backfilled days from here, then live slices in the last two hours before {@link #end}. */
    private Instant firstDay;
    private Instant end;
    /** gateway → role → ip → bytes, as produced. */
    private final Map<String, Map<TalkerRole, Map<String, Long>>> truth = new TreeMap<>();
    @TempDir
    static Path stateRoot;

    @BeforeAll
    void startAndProduce() throws Exception {
        kafka = EmbeddedKafka.start();
        registry = InMemorySchemaRegistry.start("127.0.0.1", 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            TopicSetup.ensureTopics(admin, PARTITIONS, (short) 1);
        }
        end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        firstDay = end.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(3));
        produce();
        a = start("a");
        b = start("b");
    }

    @AfterAll
    void stopAll() {
        Instances.closeAll(b, a, registry, kafka);
    }

    private StreamsApp start(String name) {
        return Instances.start(kafka, registry, stateRoot.resolve(name), PARTITIONS, "COPILOT_URL", "https://cplt.example.com");
    }

    /**
     * Per gateway: two 1-day backfill slices (the days before yesterday) and two live 15-minute slices
     * in the hours just before {@link #end}, in time order as the ingest writes them. Each slice holds
     * both roles and both flow directions, from address pools shared by all spokes (so the global and
     * group rankings really merge), with one CGNAT peer. gw-18 and gw-19 are not in the inventory.
     */
    private void produce() {
        Random random = new Random(3);
        List<String> externals = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            externals.add("198.51." + (i / 10) + "." + (i * 7 % 250));
        }
        externals.add("100.64.3.3");
        List<String> internals = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            internals.add("10." + (i % 3) + ".2." + (i * 11 % 250));
        }
        List<Instant[]> slices = List.of(
                new Instant[] {firstDay, firstDay.plus(Duration.ofDays(1))},
                new Instant[] {firstDay.plus(Duration.ofDays(1)), firstDay.plus(Duration.ofDays(2))},
                new Instant[] {end.minus(Duration.ofMinutes(75)), end.minus(Duration.ofMinutes(60))},
                new Instant[] {end.minus(Duration.ofMinutes(15)), end});

        SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
        Topic<String, Gateway> inventoryTopic = Topics.INVENTORY.bind(client);
        Topic<String, TalkerBytes> talkersTopic = Topics.TALKER_BYTES.bind(client);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, Gateway> inventory = FreshTopics.orderedProducer(kafka.bootstrapServers(), inventoryTopic);
             KafkaProducer<String, TalkerBytes> talkers = FreshTopics.orderedProducer(kafka.bootstrapServers(), talkersTopic)) {
            for (int g = 0; g < GATEWAYS - 2; g++) {
                sent.add(inventory.send(new ProducerRecord<>(inventoryTopic.name(), gatewayName(g), gateway(gatewayName(g), g))));
            }
            for (Instant[] slice : slices) {
                for (int g = 0; g < GATEWAYS; g++) {
                    String name = gatewayName(g);
                    for (TalkerRole role : TalkerRole.values()) {
                        List<String> pool = role == TalkerRole.EXTERNAL ? externals : internals;
                        for (FlowDirection direction : FlowDirection.values()) {
                            for (int k = 0; k < 12; k++) {
                                String ip = pool.get(random.nextInt(pool.size()));
                                long bytes = 1 + random.nextInt(2_000_000_000);
                                truth.computeIfAbsent(name, n -> new TreeMap<>()).computeIfAbsent(role, r -> new TreeMap<>())
                                        .merge(ip, bytes, Long::sum);
                                TalkerBytes value = TalkerBytes.newBuilder().setGateway(name).setSliceStart(slice[0])
                                        .setSliceEnd(slice[1]).setRole(role).setDirection(direction).setIp(ip)
                                        .setBytes(bytes).setTruncated(false).setSource("flowiq").build();
                                // The record time is when ingest wrote it; the topology windows by slice_start.
                                sent.add(talkers.send(new ProducerRecord<>(talkersTopic.name(), null,
                                        Instant.now().toEpochMilli(), name, value)));
                            }
                        }
                    }
                }
            }
        }
        Instances.awaitAcknowledged(sent); // closing the producers sent what they held
    }

    private static Gateway gateway(String name, int i) {
        return Instances.gateway(name, "spoke", i, List.of());
    }

    private static String cloudOf(String gateway) {
        int g = Integer.parseInt(gateway.substring(3));
        return g >= GATEWAYS - 2 ? "unknown" : g % 2 == 0 ? "AWS" : "Azure ARM";
    }

    // ---- expectations, computed here from what was produced ----

    /** The members' tables summed per IP. */
    private Map<String, Long> merged(List<String> gateways, TalkerRole role) {
        Map<String, Long> sum = new TreeMap<>();
        for (String g : gateways) {
            truth.getOrDefault(g, Map.of()).getOrDefault(role, Map.of()).forEach((ip, bytes) -> sum.merge(ip, bytes, Long::sum));
        }
        return sum;
    }

    /** The top {@code n} as "ip=bytes", bytes descending, ties by IP. */
    private static List<String> top(Map<String, Long> table, int n) {
        return table.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(n).map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    private static List<String> rows(JsonArray rows) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonObject r = rows.getJsonObject(i);
            assertEquals(i + 1, r.getInteger("rank"));
            assertEquals(r.getString("ip").startsWith("100.64."), r.getBoolean("is_cgnat"), r.encode());
            out.add(r.getString("ip") + "=" + r.getLong("bytes"));
        }
        return out;
    }

    private List<String> allGateways() {
        List<String> all = new ArrayList<>();
        for (int g = 0; g < GATEWAYS; g++) {
            all.add(gatewayName(g));
        }
        return all;
    }

    // ---- HTTP ----

    /** The same question to both instances: both must answer 200 with the same body. */
    private JsonObject fromBoth(String pathAndQuery) {
        HttpResponse<String> fromA = settled(a.url() + pathAndQuery);
        HttpResponse<String> fromB = settled(b.url() + pathAndQuery);
        assertEquals(200, fromA.statusCode(), fromA.body());
        assertEquals(200, fromB.statusCode(), fromB.body());
        JsonObject body = new JsonObject(fromA.body());
        assertEquals(body, new JsonObject(fromB.body()), "both instances give the same answer");
        return body;
    }

    private static int activeTasks(StreamsApp app) {
        return app.streams().metadataForLocalThreads().stream().mapToInt(t -> t.activeTasks().size()).sum();
    }

    private String period() {
        return "from=" + firstDay + "&to=" + end;
    }

    // ---- the specification ----

    @Test
    @Order(1)
    @DisplayName("the global ranking, from either instance, is every spoke's bytes summed per IP over both days and the live hours")
    void global() {
        String query = "/api/v1/top-talkers?" + period() + "&top=15";
        List<String> expectedDestinations = top(merged(allGateways(), TalkerRole.EXTERNAL), 15);
        await("both instances run with active tasks and answer the expected global ranking", Duration.ofSeconds(60), () -> {
            if (a.streams().state() != KafkaStreams.State.RUNNING || b.streams().state() != KafkaStreams.State.RUNNING
                    || activeTasks(a) == 0 || activeTasks(b) == 0) {
                return false;
            }
            HttpResponse<String> fromA = get(a.url() + query);
            HttpResponse<String> fromB = get(b.url() + query);
            return fromA.statusCode() == 200 && fromB.statusCode() == 200
                    && rows(new JsonObject(fromA.body()).getJsonArray("destinations")).equals(expectedDestinations)
                    && rows(new JsonObject(fromB.body()).getJsonArray("destinations")).equals(expectedDestinations);
        });
        JsonObject body = fromBoth(query);
        assertEquals("global", body.getString("mode"));
        assertEquals(firstDay.toString(), body.getString("period_start"));
        assertEquals(end.toString(), body.getString("period_end"));
        assertEquals(FLOWIQ, body.getString("copilot_flowiq_url"));
        assertEquals(expectedDestinations, rows(body.getJsonArray("destinations")));
        assertEquals(top(merged(allGateways(), TalkerRole.INTERNAL), 15), rows(body.getJsonArray("sources")));
        assertNull(body.getValue("approximate"), "every table fits its capacity: exact");
    }

    @Test
    @Order(2)
    @DisplayName("per spoke, from either instance, every spoke's ranking is its own bytes per IP")
    void perSpoke() {
        JsonObject body = fromBoth("/api/v1/top-talkers?" + period() + "&top=5&per_spoke=true");
        assertEquals("per_spoke", body.getString("mode"));
        JsonArray gateways = body.getJsonArray("gateways");
        assertEquals(allGateways(), gateways.stream().map(g -> ((JsonObject) g).getString("gateway")).toList());
        for (Object o : gateways) {
            JsonObject g = (JsonObject) o;
            String name = g.getString("gateway");
            assertEquals(top(merged(List.of(name), TalkerRole.EXTERNAL), 5), rows(g.getJsonArray("destinations")), name);
            assertEquals(top(merged(List.of(name), TalkerRole.INTERNAL), 5), rows(g.getJsonArray("sources")), name);
            assertEquals(name.equals("gw-18") || name.equals("gw-19") ? null : cloudOf(name), g.getString("vendor_name"));
        }
    }

    @Test
    @DisplayName("group_by=cloud, from either instance: each group's ranking is the merge of its members' full answers")
    @Order(3)
    void grouped() {
        // top=1000 shows every IP, so a member's answer is its whole table and the merge can be checked.
        JsonObject body = fromBoth("/api/v1/top-talkers?" + period() + "&top=1000&per_spoke=true&group_by=cloud");
        Map<String, Map<TalkerRole, Map<String, Long>>> membersAnswers = new TreeMap<>();
        for (Object o : body.getJsonArray("gateways")) {
            JsonObject g = (JsonObject) o;
            for (TalkerRole role : TalkerRole.values()) {
                JsonArray rows = g.getJsonArray(role == TalkerRole.EXTERNAL ? "destinations" : "sources");
                Map<String, Long> sum = membersAnswers.computeIfAbsent(cloudOf(g.getString("gateway")), k -> new TreeMap<>())
                        .computeIfAbsent(role, r -> new TreeMap<>());
                rows.forEach(r -> sum.merge(((JsonObject) r).getString("ip"), ((JsonObject) r).getLong("bytes"), Long::sum));
            }
        }
        JsonArray groups = body.getJsonArray("groups");
        assertEquals(List.of("AWS", "Azure ARM", "unknown"), groups.stream().map(g -> ((JsonObject) g).getString("name")).toList());
        for (Object o : groups) {
            JsonObject group = (JsonObject) o;
            String name = group.getString("name");
            List<String> members = allGateways().stream().filter(g -> cloudOf(g).equals(name)).toList();
            assertEquals(members, group.getJsonArray("gateways").getList(), name);
            for (TalkerRole role : TalkerRole.values()) {
                List<String> ranking = rows(group.getJsonArray(role == TalkerRole.EXTERNAL ? "destinations" : "sources"));
                assertEquals(top(membersAnswers.get(name).get(role), 1000), ranking, name + " " + role);
                assertEquals(top(merged(members, role), 1000), ranking, name + " " + role);
            }
        }
        JsonObject global = fromBoth("/api/v1/top-talkers?" + period() + "&top=10&group_by=cloud");
        assertEquals("global", global.getString("mode"));
        assertEquals(top(merged(allGateways(), TalkerRole.EXTERNAL), 10), rows(global.getJsonArray("destinations")));
        assertEquals(top(merged(allGateways().stream().filter(g -> cloudOf(g).equals("AWS")).toList(), TalkerRole.INTERNAL), 10),
                rows(global.getJsonArray("groups").getJsonObject(0).getJsonArray("sources")));
    }

    @Test
    @Order(4)
    @DisplayName("a one-spoke question gives the same answer from both instances: the other forwards it to the talkers' owner")
    void oneSpoke() {
        int ownedByB = 0;
        for (String gateway : allGateways()) {
            HostInfo owner = a.streams().queryMetadataForKey(TalkersTopology.STORE_1D, gateway, Serdes.String().serializer())
                    .activeHost();
            ownedByB += owner.port() == b.httpPort() ? 1 : 0;
            JsonObject body = fromBoth("/api/v1/top-talkers?" + period() + "&top=3&gateway=" + gateway);
            assertEquals(top(merged(List.of(gateway), TalkerRole.EXTERNAL), 3), rows(body.getJsonArray("destinations")), gateway);
            assertEquals(top(merged(List.of(gateway), TalkerRole.INTERNAL), 3), rows(body.getJsonArray("sources")), gateway);
        }
        assertTrue(ownedByB > 0 && ownedByB < GATEWAYS, "both instances own some spokes' talkers: " + ownedByB);
        HttpResponse<String> unknown = settled(a.url() + "/api/v1/top-talkers?days=1&gateway=no-such-gateway");
        assertEquals(404, unknown.statusCode(), unknown.body());
    }

    @Test
    @Order(5)
    @DisplayName("/health counts the talker records, and none was skipped or late")
    void health() {
        long records = 0;
        for (StreamsApp app : List.of(a, b)) {
            JsonObject dropped = new JsonObject(settled(app.url() + "/health").body()).getJsonObject("dropped");
            records += dropped.getLong("talker_records");
            assertEquals(0L, dropped.getLong("talker_bad_ips"));
            assertEquals(0L, dropped.getLong("malformed_talker_records"));
            assertEquals(0L, dropped.getLong("late_talker_records_1h"));
            assertEquals(0L, dropped.getLong("late_talker_records_1d"));
        }
        // Each instance counts what its tasks processed; a task that moved during the start counts twice.
        assertTrue(records >= 4L * GATEWAYS * 2 * 2 * 12, "records processed: " + records);
    }
}
