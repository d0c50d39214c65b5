package io.egressmon.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("InMemorySchemaRegistry, the Confluent REST subset serdes use")
class InMemorySchemaRegistryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final String GATEWAY_V1 = """
            {"type": "record", "name": "Gw", "namespace": "t", "fields": [
              {"name": "name", "type": "string"}]}""";
    /** GATEWAY_V1 laid out differently: the same schema. */
    private static final String GATEWAY_V1_REFORMATTED =
            "{\"namespace\":\"t\",\"name\":\"Gw\",\"type\":\"record\",\"fields\":[{\"type\":\"string\",\"name\":\"name\"}]}";
    /** Adds a defaulted field: readers of v2 can read v1 data (BACKWARD). */
    private static final String GATEWAY_V2 = """
            {"type": "record", "name": "Gw", "namespace": "t", "fields": [
              {"name": "name", "type": "string"},
              {"name": "region", "type": "string", "default": ""}]}""";
    /** Adds a field without default: cannot read v1 data. */
    private static final String GATEWAY_INCOMPATIBLE = """
            {"type": "record", "name": "Gw", "namespace": "t", "fields": [
              {"name": "name", "type": "string"},
              {"name": "cloud", "type": "int"}]}""";

    private InMemorySchemaRegistry registry;

    @BeforeEach
    void start() {
        registry = InMemorySchemaRegistry.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    @DisplayName("listens on the loopback address it was given, on a free port")
    void bindsToGivenHost() {
        assertTrue(registry.url().matches("http://127\\.0\\.0\\.1:\\d+"), registry.url());
    }

    @Test
    @DisplayName("ids are global, start at 1 and grow; the same schema gets the same id under every subject")
    void globalIds() throws Exception {
        assertEquals(1, register("a-value", GATEWAY_V1).get("id").intValue());
        assertEquals(2, register("a-value", GATEWAY_V2).get("id").intValue());
        assertEquals(1, register("b-value", GATEWAY_V1_REFORMATTED).get("id").intValue());
        assertEquals(2, register("b-value", GATEWAY_V2).get("id").intValue());
    }

    @Test
    @DisplayName("with a journal, a restarted registry gives every schema the id it had")
    void journalKeepsIdsAcrossRestarts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path journal = dir.resolve("schemas.json");
        InMemorySchemaRegistry first = InMemorySchemaRegistry.start("127.0.0.1", 0, journal);
        InMemorySchemaRegistry previous = registry;
        try {
            registry = first;
            register("other-value", GATEWAY_V1);
            register("a-value", GATEWAY_V2);
        } finally {
            first.close();
        }
        registry = InMemorySchemaRegistry.start("127.0.0.1", 0, journal);
        previous.close();
        assertEquals(2, register("a-value", GATEWAY_V2).get("id").intValue(), "same id after a restart");
        assertEquals("[1]", get("/subjects/a-value/versions").body(), "no version added by replaying");
        assertEquals(3, register("c-value", GATEWAY_INCOMPATIBLE).get("id").intValue(), "new ids continue after the replayed ones");
    }

    @Test
    @DisplayName("registering a schema the subject already has returns its id and adds no version")
    void idempotentRegistration() throws Exception {
        register("a-value", GATEWAY_V1);
        register("a-value", GATEWAY_V2);
        assertEquals(1, register("a-value", GATEWAY_V1_REFORMATTED).get("id").intValue());
        assertEquals("[1,2]", get("/subjects/a-value/versions").body());
    }

    @Test
    @DisplayName("a schema is fetched by id as its parsed text, with the Confluent content type")
    void fetchById() throws Exception {
        int id = register("a-value", GATEWAY_V1_REFORMATTED).get("id").intValue();
        HttpResponse<String> response = get("/schemas/ids/" + id);
        assertEquals(200, response.statusCode());
        assertEquals(InMemorySchemaRegistry.CONTENT_TYPE, response.headers().firstValue("Content-Type").orElse(""));
        Schema fetched = new Schema.Parser().parse(JSON.readTree(response.body()).get("schema").textValue());
        assertEquals(new Schema.Parser().parse(GATEWAY_V1), fetched);
        assertEquals(JSON.readTree("[{\"subject\":\"a-value\",\"version\":1}]"),
                JSON.readTree(get("/schemas/ids/" + id + "/versions").body()));
    }

    @Test
    @DisplayName("an unknown id answers 404 with error code 40403")
    void unknownId() throws Exception {
        HttpResponse<String> response = get("/schemas/ids/7");
        assertEquals(404, response.statusCode());
        JsonNode body = JSON.readTree(response.body());
        assertEquals(40403, body.get("error_code").intValue());
        assertEquals("Schema not found", body.get("message").textValue());
    }

    @Test
    @DisplayName("lookup under a subject gives subject, id, version and schema; unknown schema or subject answer 404")
    void lookup() throws Exception {
        register("a-value", GATEWAY_V1);
        register("a-value", GATEWAY_V2);
        HttpResponse<String> found = post("/subjects/a-value", GATEWAY_V2, null);
        assertEquals(200, found.statusCode());
        JsonNode body = JSON.readTree(found.body());
        assertEquals("a-value", body.get("subject").textValue());
        assertEquals(2, body.get("id").intValue());
        assertEquals(2, body.get("version").intValue());
        assertEquals(new Schema.Parser().parse(GATEWAY_V2), new Schema.Parser().parse(body.get("schema").textValue()));

        HttpResponse<String> missingSchema = post("/subjects/a-value", GATEWAY_INCOMPATIBLE, null);
        assertEquals(404, missingSchema.statusCode());
        assertEquals(40403, JSON.readTree(missingSchema.body()).get("error_code").intValue());
        HttpResponse<String> missingSubject = post("/subjects/nobody-value", GATEWAY_V1, null);
        assertEquals(404, missingSubject.statusCode());
        assertEquals(40401, JSON.readTree(missingSubject.body()).get("error_code").intValue());
    }

    @Test
    @DisplayName("subjects, their versions and a version (by number or latest) are listed")
    void listing() throws Exception {
        register("b-value", GATEWAY_V1);
        register("a-value", GATEWAY_V1);
        register("a-value", GATEWAY_V2);
        assertEquals("[\"a-value\",\"b-value\"]", get("/subjects").body());
        assertEquals("[1,2]", get("/subjects/a-value/versions").body());
        JsonNode first = JSON.readTree(get("/subjects/a-value/versions/1").body());
        assertEquals(1, first.get("version").intValue());
        assertEquals(1, first.get("id").intValue());
        assertEquals("a-value", first.get("subject").textValue());
        JsonNode latest = JSON.readTree(get("/subjects/a-value/versions/latest").body());
        assertEquals(2, latest.get("version").intValue());
        assertEquals(2, latest.get("id").intValue());
        assertEquals(new Schema.Parser().parse(GATEWAY_V2), new Schema.Parser().parse(latest.get("schema").textValue()));
        assertEquals(40402, JSON.readTree(get("/subjects/a-value/versions/3").body()).get("error_code").intValue());
        assertEquals(40401, JSON.readTree(get("/subjects/c-value/versions").body()).get("error_code").intValue());
    }

    @Test
    @DisplayName("the global compatibility level is BACKWARD, and an incompatible new version is refused with 409")
    void compatibility() throws Exception {
        assertEquals("{\"compatibilityLevel\":\"BACKWARD\"}", get("/config").body());
        register("a-value", GATEWAY_V1);
        HttpResponse<String> refused = post("/subjects/a-value/versions", GATEWAY_INCOMPATIBLE, null);
        assertEquals(409, refused.statusCode());
        assertEquals(409, JSON.readTree(refused.body()).get("error_code").intValue());
        assertEquals("[1]", get("/subjects/a-value/versions").body());
    }

    @Test
    @DisplayName("an invalid schema, a non-Avro schema type or a body without a schema are refused with 422 / 42201")
    void invalidSchemas() throws Exception {
        for (HttpResponse<String> response : new HttpResponse[] {
                post("/subjects/a-value/versions", "{\"type\": \"record\", \"name\": \"X\"}", null),
                post("/subjects/a-value/versions", "not json at all", null),
                post("/subjects/a-value/versions", "{\"type\":\"object\"}", "JSON"),
                send("/subjects/a-value/versions", "{\"schemaType\": \"AVRO\"}")}) {
            assertEquals(422, response.statusCode(), response.body());
            JsonNode body = JSON.readTree(response.body());
            assertEquals(42201, body.get("error_code").intValue());
            assertTrue(body.get("message").textValue().startsWith("Invalid schema"), response.body());
        }
        assertEquals("[]", get("/subjects").body());
    }

    @Test
    @DisplayName("a body that is not JSON answers 400; an unknown path 404; a wrong method 405")
    void protocolErrors() throws Exception {
        assertEquals(400, send("/subjects/a-value/versions", "{oops").statusCode());
        assertEquals(404, get("/nothing/here").statusCode());
        assertEquals(405, HTTP.send(HttpRequest.newBuilder(URI.create(registry.url() + "/subjects"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    @DisplayName("subject names are URL-decoded, so names with dots, slashes and plus signs work")
    void encodedSubjects() throws Exception {
        register("copilot.inventory-value", GATEWAY_V1);
        assertEquals(404, post("/subjects/a%2Fb+c", GATEWAY_V1, null).statusCode());
        HttpResponse<String> registered = HTTP.send(HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/a%2Fb+c/versions"))
                .header("Content-Type", InMemorySchemaRegistry.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("schema", GATEWAY_V1))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, registered.statusCode());
        assertEquals("[\"a/b+c\",\"copilot.inventory-value\"]", get("/subjects").body());
    }

    @Test
    @DisplayName("after close the port no longer answers")
    void close() {
        registry.close();
        assertThrows(ConnectException.class, () -> HTTP.send(
                HttpRequest.newBuilder(URI.create(registry.url() + "/subjects")).build(), HttpResponse.BodyHandlers.ofString()));
    }

    private JsonNode register(String subject, String schema) throws Exception {
        HttpResponse<String> response = post("/subjects/" + subject + "/versions", schema, null);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(String path, String schema, String schemaType) throws Exception {
        Map<String, String> body = schemaType == null ? Map.of("schema", schema) : Map.of("schema", schema, "schemaType", schemaType);
        return send(path, JSON.writeValueAsString(body));
    }

    private HttpResponse<String> send(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(registry.url() + path))
                .header("Content-Type", InMemorySchemaRegistry.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(registry.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
