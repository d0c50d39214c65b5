package io.egressmon.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.avro.Gateway;
import io.egressmon.avro.SpokeTotals;
import io.egressmon.embedded.InMemorySchemaRegistry;
import java.time.Duration;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SchemaRegistryClient talks the Confluent REST API and says clearly what failed")
class SchemaRegistryClientTest {
    private InMemorySchemaRegistry registry;

    @BeforeEach
    void startRegistry() {
        registry = InMemorySchemaRegistry.start("127.0.0.1", 0);
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    @DisplayName("a registered schema is fetched back by its id by another client")
    void registerAndFetch() {
        int id = new SchemaRegistryClient(registry.url()).register("copilot.inventory-value", Gateway.getClassSchema());
        assertEquals(Gateway.getClassSchema(), new SchemaRegistryClient(registry.url() + "/").schemaById(id));
    }

    @Test
    @DisplayName("an unknown id fails with HTTP 404 and the registry's message, naming the call")
    void unknownId() {
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> new SchemaRegistryClient(registry.url()).schemaById(99));
        assertEquals(404, e.status());
        assertEquals(SchemaRegistryException.SCHEMA_NOT_FOUND, e.errorCode());
        assertEquals("schema registry refused to fetch schema id 99: HTTP 404 "
                + "{\"error_code\":40403,\"message\":\"Schema not found\"}", e.getMessage());
    }

    @Test
    @DisplayName("a schema the registry refuses fails with its status and error code, naming the subject")
    void refusedRegistration() {
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
        client.register("s-value", SpokeTotals.getClassSchema());
        Schema incompatible = new Schema.Parser().parse("""
                {"type": "record", "name": "SpokeTotals", "namespace": "io.egressmon.avro", "fields": [
                  {"name": "eth0_rx_bytes", "type": "string"}]}""");
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client.register("s-value", incompatible));
        assertEquals(409, e.status());
        assertTrue(e.getMessage().startsWith("schema registry refused to register subject s-value: HTTP 409"), e.getMessage());
    }

    @Test
    @DisplayName("an unreachable registry fails with its URL and the call in the message, status 0")
    void unreachable() {
        String url = registry.url();
        registry.close();
        SchemaRegistryClient client = new SchemaRegistryClient(url, Duration.ofSeconds(2));
        SchemaRegistryException fetch = assertThrows(SchemaRegistryException.class, () -> client.schemaById(1));
        assertEquals(0, fetch.status());
        assertTrue(fetch.getMessage().startsWith("schema registry at " + url + " unreachable (fetch schema id 1)"),
                fetch.getMessage());
        SchemaRegistryException register = assertThrows(SchemaRegistryException.class,
                () -> client.register("x-value", Gateway.getClassSchema()));
        assertTrue(register.getMessage().startsWith("schema registry at " + url + " unreachable (register subject x-value)"),
                register.getMessage());
    }

    @Test
    @DisplayName("a URL with a wrong path fails with a 404 that is not Confluent's \"Schema not found\"")
    void wrongPath() {
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> new SchemaRegistryClient(registry.url() + "/apis/ccompat/v7").schemaById(1));
        assertEquals(404, e.status());
        assertEquals(404, e.errorCode());
        assertTrue(e.getMessage().startsWith("schema registry refused to fetch schema id 1: HTTP 404"), e.getMessage());
    }

    @Test
    @DisplayName("an empty URL is refused at construction")
    void emptyUrl() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SchemaRegistryClient(" "));
        assertEquals("schema registry URL is empty", e.getMessage());
    }
}
