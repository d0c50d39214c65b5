package io.egressmon.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.egressmon.avro.Gateway;
import io.egressmon.config.Settings;
import io.egressmon.embedded.EmbeddedKafka;
import io.egressmon.embedded.InMemorySchemaRegistry;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * What the multi-instance ITs share: streams-app instances started on a real broker and registry,
 * asked over HTTP (asking again while a rebalance settles), test gateways, and closing it all.
 */
final class Instances {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Instances() {
    }

    /** An instance with its state in {@code stateDir}, an ephemeral HTTP port, and {@code more} settings (name, value, …). */
    static StreamsApp start(EmbeddedKafka kafka, InMemorySchemaRegistry registry, Path stateDir, int partitions,
                            String... more) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "EGRESSMON_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "EGRESSMON_SCHEMA_REGISTRY_URL", registry.url(),
                "EGRESSMON_HTTP_PORT", "0",
                "EGRESSMON_STATE_DIR", stateDir.toString(),
                "EGRESSMON_PARTITIONS", String.valueOf(partitions)));
        for (int i = 0; i + 1 < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return StreamsApp.start(StreamsAppConfig.from(Settings.of(settings)));
    }

    /** Closes {@code parts} in this order, each even when an earlier one failed; null ones are skipped. */
    static void closeAll(AutoCloseable... parts) {
        for (AutoCloseable c : parts) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                System.err.println("close failed: " + e);
            }
        }
    }

    static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("GET " + url + " failed: " + e, e);
        }
    }

    /**
     * GET, asking again while the answer is a proper 503: a rebalance (Kafka Streams moves tasks in
     * two steps) may still be settling, and 503 is the documented answer meanwhile.
     */
    static HttpResponse<String> settled(String url) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            HttpResponse<String> r = get(url);
            if (r.statusCode() != 503 || System.nanoTime() > deadline) {
                return r;
            }
            assertUnavailable(r);
            sleep(250);
        }
    }

    /** The documented answer while an instance cannot answer completely. */
    static void assertUnavailable(HttpResponse<String> r) {
        assertEquals(503, r.statusCode(), r.body());
        assertEquals("2", r.headers().firstValue("Retry-After").orElse(null), "Retry-After header");
        JsonObject body = new JsonObject(r.body());
        assertEquals("unavailable", body.getString("error"));
        assertEquals(2, body.getInteger("retry_after_seconds"));
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout + " waiting until " + what);
            }
            sleep(250);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits until the broker has acknowledged every send: a lost record would make every expectation wrong. */
    static void awaitAcknowledged(List<Future<RecordMetadata>> sent) {
        try {
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("producing the test data failed: " + e, e);
        }
    }

    /** {@code gw-00}, {@code gw-01}, … */
    static String gatewayName(int g) {
        return String.format("gw-%02d", g);
    }

    /** An inventory entry; the {@code i}-th gateway is in AWS when {@code i} is even, else in Azure ARM. */
    static Gateway gateway(String name, String type, int i, List<String> tunnels) {
        return Gateway.newBuilder().setGwName(name).setGwType(type).setAccountName("account-" + (i % 3))
                .setVpcId("vpc-0" + i + "~~vpc-" + name).setVpcName("vpc-" + name).setVpcRegion(i % 2 == 0 ? "us-east-1" : "eastus")
                .setVendorName(i % 2 == 0 ? "AWS" : "Azure ARM").setTransitGwName("transit-1").setGroupName("")
                .setTunnelInterfaces(tunnels).setObservedAt(Instant.parse("2026-01-01T00:00:00Z")).build();
    }
}
