package io.egressmon.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.egressmon.avro.Gateway;
import io.egressmon.schemas.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Our Confluent-format serde against a real Apicurio Registry 3 server, run as a child process from
 * its Quarkus distribution (unpacked into target/ by the build), with its default in-memory H2
 * storage. Our side talks Apicurio's Confluent-compatible API ({@code /apis/ccompat/v7}); Apicurio's
 * own Avro serde talks its v3 API. Both must produce and accept the same frames.
 */
@DisplayName("AvroSerde interoperates with a real Apicurio Registry and Apicurio's own Avro serde")
class ApicurioRegistryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private static Process apicurio;
    private static String baseUrl;

    @BeforeAll
    static void startApicurio() throws Exception {
        Path home = Paths.get(System.getProperty("apicurio.home", "target/apicurio-registry"));
        String version = System.getProperty("apicurio.version", "3.0.9");
        Path runner = home.resolve("apicurio-registry-app-" + version + "-runner.jar");
        if (!Files.isRegularFile(runner)) {
            fail("Apicurio Registry is not unpacked at " + runner
                    + "; run through Maven (`mvn -pl schemas verify`), which unpacks io.apicurio:apicurio-registry-app:"
                    + version + ":zip:all at pre-integration-test");
        }
        int port = freePort();
        baseUrl = "http://127.0.0.1:" + port;
        Path log = Paths.get("target", "apicurio.log").toAbsolutePath();
        String java = ProcessHandle.current().info().command().orElse("java");
        apicurio = new ProcessBuilder(java,
                "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                // sql storage on an in-memory H2 database is Apicurio 3's default; said here so the
                // test does not depend on it.
                "-Dapicurio.storage.kind=sql",
                "-Dapicurio.storage.sql.kind=h2",
                // ccompat answers content ids (not global ids): the ids Apicurio's serde must use.
                "-Dapicurio.ccompat.legacy-id-mode.enabled=false",
                "-jar", runner.toString())
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(apicurio::destroyForcibly));
        awaitReady(log);
        makeGlobalAndContentIdsDiffer();
    }

    /**
     * In a fresh registry the first schema has global id 1 and content id 1, so a serde reading the
     * wrong kind of id would pass by luck. One content under two subjects makes the next schema's
     * content id (2) differ from its global id (3).
     */
    private static void makeGlobalAndContentIdsDiffer() {
        Schema filler = SchemaBuilder.record("Filler").namespace("io.egressmon.test").fields().requiredInt("n").endRecord();
        SchemaRegistryClient client = new SchemaRegistryClient(ccompatUrl());
        assertEquals(client.register("filler-a-value", filler), client.register("filler-b-value", filler));
    }

    @AfterAll
    static void stopApicurio() throws InterruptedException {
        if (apicurio != null) {
            apicurio.destroy();
            if (!apicurio.waitFor(20, TimeUnit.SECONDS)) {
                apicurio.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    @DisplayName("a Gateway written by AvroSerde through /apis/ccompat/v7 is read back equal by Apicurio's deserializer")
    void apicurioReadsOurFrames() {
        String topic = Topics.INVENTORY.name();
        AvroSerde<Gateway> ours = new AvroSerde<>(Gateway.class, new SchemaRegistryClient(ccompatUrl()));
        byte[] frame = ours.serialize(topic, gateway("spoke-written-by-egressmon"));

        assertEquals(0, frame[0]);
        assertEquals(ccompatIdOfLatest(topic + "-value"), ByteBuffer.wrap(frame, 1, 4).getInt());
        try (AvroKafkaDeserializer<Gateway> theirs = new AvroKafkaDeserializer<>()) {
            theirs.configure(apicurioSerdeConfig(), false);
            assertEquals(gateway("spoke-written-by-egressmon"), theirs.deserialize(topic, frame));
        }
    }

    @Test
    @DisplayName("a Gateway written by Apicurio's serializer (auto-registered) is read back equal by AvroSerde")
    void weReadApicurioFrames() {
        String topic = "apicurio-written.inventory";
        byte[] frame;
        try (AvroKafkaSerializer<Gateway> theirs = new AvroKafkaSerializer<>()) {
            Map<String, Object> config = apicurioSerdeConfig();
            config.put("apicurio.registry.auto-register", "true");
            theirs.configure(config, false);
            frame = theirs.serialize(topic, gateway("spoke-written-by-apicurio"));
        }

        assertEquals(0, frame[0], "Apicurio wrote a frame without the Confluent magic byte");
        assertEquals(ccompatIdOfLatest(topic + "-value"), ByteBuffer.wrap(frame, 1, 4).getInt(),
                "Apicurio's frame does not carry the id its ccompat API gives for " + topic + "-value");
        AvroSerde<Gateway> ours = new AvroSerde<>(Gateway.class, new SchemaRegistryClient(ccompatUrl()));
        assertEquals(gateway("spoke-written-by-apicurio"), ours.deserialize(topic, frame));
    }

    @Test
    @DisplayName("an id Apicurio does not know is reported by AvroSerde as bad input, with Apicurio's 40403")
    void unknownIdIsBadInput() {
        AvroSerde<Gateway> ours = new AvroSerde<>(Gateway.class, new SchemaRegistryClient(ccompatUrl()));
        byte[] frame = {0, 0x00, 0x0f, 0x42, 0x3f, 2, 'x'};
        SerializationException e = assertThrows(SerializationException.class, () -> ours.deserialize(Topics.INVENTORY.name(), frame));
        assertTrue(e.getMessage().contains("schema id 999999 is unknown to the registry"), e.getMessage());
    }

    /**
     * Apicurio's serde in Confluent-compatible mode: the schema id in the payload (no Kafka
     * headers), 4 bytes, and it is the content id — what {@code /apis/ccompat/v7} hands out.
     */
    private static Map<String, Object> apicurioSerdeConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put("apicurio.registry.url", baseUrl + "/apis/registry/v3");
        config.put("apicurio.registry.headers.enabled", "false");
        config.put("apicurio.registry.id-handler", "io.apicurio.registry.serde.Default4ByteIdHandler");
        config.put("apicurio.registry.use-id", "contentId");
        config.put("apicurio.registry.use-specific-avro-reader", "true");
        return config;
    }

    private static String ccompatUrl() {
        return baseUrl + "/apis/ccompat/v7";
    }

    private static int ccompatIdOfLatest(String subject) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(ccompatUrl() + "/subjects/" + subject + "/versions/latest")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            JsonNode body = JSON.readTree(response.body());
            return body.get("id").intValue();
        } catch (IOException e) {
            throw new AssertionError("cannot ask Apicurio for subject " + subject, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Gateway gateway(String name) {
        return Gateway.newBuilder().setGwName(name).setGwType("spoke").setAccountName("prod")
                .setVpcId("vpc-0abc~~shared").setVpcName("shared").setVpcRegion("eu-west-1").setVendorName("AWS")
                .setTransitGwName("transit-1").setGroupName("g").setTunnelInterfaces(List.of("tun-a", "tun-b"))
                .setObservedAt(Instant.parse("2026-02-10T10:00:00Z")).build();
    }

    private static void awaitReady(Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl + "/health/ready")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!apicurio.isAlive()) {
                fail("Apicurio Registry exited with " + apicurio.exitValue() + " during start-up; log " + log + ":\n" + tail(log));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Connection refused until Quarkus has bound the port: keep polling until the deadline.
            }
            Thread.sleep(250);
        }
        fail("Apicurio Registry not ready within " + STARTUP_TIMEOUT + "; log " + log + ":\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }
}
