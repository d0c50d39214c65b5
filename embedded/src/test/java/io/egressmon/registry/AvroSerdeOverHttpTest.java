package io.egressmon.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.avro.Gateway;
import io.egressmon.embedded.InMemorySchemaRegistry;
import io.egressmon.schemas.Topics;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * AvroSerde (schemas module) over the HTTP client and the embedded HTTP registry: what a registry
 * that fails or is misconfigured does to a serde. Here rather than beside AvroSerdeTest because
 * the schemas module cannot depend on this one (this one depends on it).
 */
@DisplayName("AvroSerde over HTTP tells a failing registry from bad input")
class AvroSerdeOverHttpTest {
    private static final String INVENTORY = Topics.INVENTORY.name();
    private static final Gateway GATEWAY = Gateway.newBuilder().setGwName("spoke-aws-1").setGwType("spoke")
            .setObservedAt(Instant.parse("2026-02-10T10:00:00Z")).build();

    private InMemorySchemaRegistry registry;
    private SchemaRegistryClient client;

    @BeforeEach
    void startRegistry() {
        registry = InMemorySchemaRegistry.start("127.0.0.1", 0);
        client = new SchemaRegistryClient(registry.url());
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    @DisplayName("schemas already registered or fetched keep working while the registry is down")
    void cachedWhileRegistryDown() {
        AvroSerde<Gateway> serde = new AvroSerde<>(Gateway.class, client);
        byte[] bytes = serde.serialize(INVENTORY, GATEWAY);
        assertEquals(GATEWAY, serde.deserialize(INVENTORY, bytes));
        registry.close();
        assertArrayEquals(bytes, serde.serialize(INVENTORY, GATEWAY));
        assertEquals(GATEWAY, serde.deserialize(INVENTORY, bytes));
    }

    @Test
    @DisplayName("an unreachable registry on read is a SchemaRegistryException, not bad input to skip")
    void registryDownOnRead() {
        byte[] bytes = new AvroSerde<>(Gateway.class, client).serialize(INVENTORY, GATEWAY);
        registry.close();
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> freshSerde().deserialize(INVENTORY, bytes));
        assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
    }

    @Test
    @DisplayName("a registry URL with a wrong path is a SchemaRegistryException, not an unknown schema id")
    void wrongRegistryPath() {
        byte[] bytes = new AvroSerde<>(Gateway.class, client).serialize(INVENTORY, GATEWAY);
        AvroSerde<Gateway> misconfigured = new AvroSerde<>(Gateway.class, new SchemaRegistryClient(registry.url() + "/wrong"));
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> misconfigured.deserialize(INVENTORY, bytes));
        assertEquals(404, e.status());
    }

    /** A serde with its own client, so nothing is served from the writer's caches. */
    private AvroSerde<Gateway> freshSerde() {
        return new AvroSerde<>(Gateway.class, new SchemaRegistryClient(registry.url()));
    }
}
