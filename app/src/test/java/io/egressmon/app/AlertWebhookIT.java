package io.egressmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.egressmon.avro.CostAlert;
import io.egressmon.config.Secret;
import io.egressmon.embedded.EmbeddedKafka;
import io.egressmon.embedded.InMemorySchemaRegistry;
import io.egressmon.registry.SchemaRegistryClient;
import io.egressmon.schemas.Topic;
import io.egressmon.schemas.TopicSetup;
import io.egressmon.schemas.Topics;
import io.egressmon.streams.alerts.webhook.AlertDeliverer;
import io.egressmon.streams.alerts.webhook.Signature;
import io.egressmon.streams.alerts.webhook.Webhook;
import io.egressmon.streams.alerts.webhook.WebhookSettings;
import io.egressmon.streams.alerts.webhook.WebhookStats;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The alert deliverer against a real broker and a real HTTP receiver: alerts written in Kafka
 * transactions reach the receiver signed, an aborted one never does, a 500 is retried, and a
 * deliverer stopped in the middle of a delivery and started again misses nothing.
 */
class AlertWebhookIT {
    static final Secret SECRET = Secret.of("it-secret-0123456789abcdef");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static EmbeddedKafka kafka;
    private static InMemorySchemaRegistry registry;
    private static Topic<String, CostAlert> alerts;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
        registry = InMemorySchemaRegistry.start("127.0.0.1", 0);
        alerts = Topics.ALERTS.bind(new SchemaRegistryClient(registry.url()));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            TopicSetup.ensureTopics(admin, 3, (short) 1);
            TopicSetup.awaitLeaders(admin, List.of(Topics.ALERTS.name()));
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

    /** A receiver that checks every request's signature and answers as told. */
    static final class Receiver implements AutoCloseable {
        record Received(String key, String body, boolean signed, int attempt) {
        }

        final HttpServer server;
        final List<Received> received = new CopyOnWriteArrayList<>();
        final AtomicInteger posts = new AtomicInteger();
        /** Keys to answer only once the latch opens (a delivery in flight when the deliverer stops). */
        final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
        final CountDownLatch heldArrived = new CountDownLatch(1);

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", this::handle);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/T000/XXXXtoken";
        }

        private void handle(HttpExchange exchange) throws IOException {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String key = exchange.getRequestHeaders().getFirst("X-Egressmon-Dedupe-Key");
            long timestamp = Long.parseLong(exchange.getRequestHeaders().getFirst(Signature.TIMESTAMP_HEADER));
            boolean signed = Signature.verify(SECRET, timestamp, body, exchange.getRequestHeaders().getFirst(Signature.HEADER))
                    && Math.abs(Instant.now().getEpochSecond() - timestamp) <= 300;
            int attempt = Integer.parseInt(exchange.getRequestHeaders().getFirst("X-Egressmon-Attempt"));
            int status = posts.incrementAndGet() == 1 ? 500 : 200;
            CountDownLatch hold = held.get(key);
            if (hold != null && status == 200) {
                heldArrived.countDown();
                try {
                    hold.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                held.remove(key);
                status = 503; // answered after the deliverer is gone: never counts as delivered
            }
            if (status == 200) {
                received.add(new Received(key, new String(body, StandardCharsets.UTF_8), signed, attempt));
            }
            try {
                exchange.sendResponseHeaders(status, -1);
            } catch (IOException e) {
                // the deliverer hung up: fine
            }
            exchange.close();
        }

        Set<String> keys() {
            return received.stream().map(Received::key).collect(Collectors.toCollection(TreeSet::new));
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    static CostAlert alert(String scope, String level) {
        return CostAlert.newBuilder()
                .setDedupeKey("cost_center:" + scope + "|2026-03|threshold|" + level)
                .setScopeKind("cost_center").setScopeName(scope)
                .setKind("threshold").setLevel(level).setMonth("2026-03")
                .setAsOf(Instant.parse("2026-03-14T09:00:00Z"))
                .setAmountUsd("201.25").setLimitUsd("200.00").setBudgetUsd("250")
                .setMessage("cost center " + scope + " has spent $201.25 of its $250 March budget (" + level + " %)")
                .build();
    }

    /** Writes {@code batch} in one transaction, committed or aborted. */
    static void write(List<CostAlert> batch, boolean commit) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "alert-webhook-it");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            producer.initTransactions();
            producer.beginTransaction();
            for (CostAlert a : batch) {
                producer.send(new ProducerRecord<>(alerts.name(), a.getDedupeKey(), alerts.serializeValue(a)));
            }
            producer.flush();
            if (commit) {
                producer.commitTransaction();
            } else {
                producer.abortTransaction();
            }
        }
    }

    static AlertDeliverer deliverer(Receiver receiver, WebhookStats stats) {
        WebhookSettings settings = new WebhookSettings(List.of(Webhook.parse(1, receiver.url())), SECRET, null, false,
                Duration.ofSeconds(5), Duration.ofMinutes(5));
        return AlertDeliverer.start(kafka.bootstrapServers(), "alert-webhook-it", alerts, settings, stats, Clock.systemUTC());
    }

    static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    @DisplayName("committed alerts reach the receiver signed, a 500 is retried, an aborted one never arrives, "
            + "and a deliverer stopped mid-delivery and started again misses none")
    void deliversEveryAlertAtLeastOnce() throws Exception {
        List<CostAlert> first = List.of(alert("accounting", "50"), alert("operations", "50"), alert("data-platform", "50"));
        CostAlert aborted = alert("aborted", "100");
        CostAlert inFlight = alert("accounting", "80");
        List<CostAlert> later = List.of(alert("operations", "80"), alert("data-platform", "80"));
        Set<String> expected = new TreeSet<>();
        for (CostAlert a : List.of(first.get(0), first.get(1), first.get(2), inFlight, later.get(0), later.get(1))) {
            expected.add(a.getDedupeKey());
        }

        try (Receiver receiver = new Receiver()) {
            write(first, true);
            write(List.of(aborted), false);
            receiver.held.put(inFlight.getDedupeKey(), new CountDownLatch(1));
            WebhookStats stats = new WebhookStats(List.of(Webhook.parse(1, receiver.url())));
            AlertDeliverer deliverer = deliverer(receiver, stats);
            try {
                await("the first alerts", () -> receiver.keys().containsAll(first.stream().map(CostAlert::getDedupeKey).toList()));
                assertTrue(stats.retried(1, WebhookStats.Retry.SERVER_ERROR) >= 1, "the 500 was retried");
                assertTrue(receiver.received.stream().anyMatch(r -> r.attempt() == 2), "the retried alert came at try 2");
                write(List.of(inFlight), true);
                assertTrue(receiver.heldArrived.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the held alert was sent");
            } finally {
                deliverer.close(); // mid-delivery: the held alert is neither delivered nor committed
            }
            receiver.held.values().forEach(CountDownLatch::countDown);
            assertFalse(receiver.keys().contains(inFlight.getDedupeKey()), "the held alert was not answered 2xx");

            write(later, true);
            WebhookStats again = new WebhookStats(List.of(Webhook.parse(1, receiver.url())));
            try (AlertDeliverer restarted = deliverer(receiver, again)) {
                await("every alert after the restart", () -> receiver.keys().containsAll(expected));
                Thread.sleep(2_000); // anything else it would send
                assertEquals(expected, receiver.keys(), "every committed alert, the aborted one never");
                assertTrue(again.alertsDone() >= 3, "the restart committed what it delivered");
            }
            for (Receiver.Received r : receiver.received) {
                assertTrue(r.signed(), "a valid, fresh signature on " + r.key());
                assertTrue(r.body().startsWith("{\"text\":\"cost center "), r.body());
                assertTrue(r.body().contains("\"dedupe_key\":\"" + r.key() + "\""), "the header's key is the body's: " + r.body());
            }
            Map<String, Set<String>> bodiesByKey = receiver.received.stream().collect(Collectors.groupingBy(
                    Receiver.Received::key, Collectors.mapping(Receiver.Received::body, Collectors.toSet())));
            bodiesByKey.forEach((key, bodies) -> assertEquals(1, bodies.size(), "a duplicate of " + key + " is the same alert"));
        }
    }
}
