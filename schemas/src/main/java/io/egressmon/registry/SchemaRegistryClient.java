package io.egressmon.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Client of the Confluent schema-registry REST API subset a serde needs: register a schema under a
 * subject, and fetch a schema by id. Works against Confluent's registry, Apicurio's
 * {@code /apis/ccompat/v7} and our in-memory one. Answers are cached: ids are immutable.
 */
public final class SchemaRegistryClient implements SchemaRegistry {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final String baseUrl;
    private final HttpClient http;
    private final Duration timeout;
    /**
     * Ids by subject and schema. The key compares schemas by {@code equals}, which returns at once for
     * the same instance (a specific record's {@code SCHEMA$}) and whose hash Avro caches: a producer
     * serializing every record asks this on every record, and must not print the schema each time.
     */
    private final Map<SubjectSchema, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) {
    }
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    public SchemaRegistryClient(String baseUrl) {
        this(baseUrl, Duration.ofSeconds(10));
    }

    public SchemaRegistryClient(String baseUrl, Duration timeout) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("schema registry URL is empty");
        }
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema cacheKey = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectAndSchema.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("schema", schema.toString()));
        } catch (IOException e) {
            throw new SchemaRegistryException("cannot encode schema for subject " + subject, e);
        }
        JsonNode reply = send(HttpRequest.newBuilder(uri("/subjects/" + encode(subject) + "/versions"))
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body)), "register subject " + subject);
        JsonNode id = reply.get("id");
        if (id == null || !id.canConvertToInt()) {
            throw new SchemaRegistryException("registry answered without an id when registering " + subject + ": " + reply);
        }
        int schemaId = id.intValue();
        idsBySubjectAndSchema.put(cacheKey, schemaId);
        schemasById.putIfAbsent(schemaId, schema);
        return schemaId;
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode reply = send(HttpRequest.newBuilder(uri("/schemas/ids/" + id)).GET(), "fetch schema id " + id);
        JsonNode text = reply.get("schema");
        if (text == null || !text.isTextual()) {
            throw new SchemaRegistryException("registry answered without a schema for id " + id + ": " + reply);
        }
        Schema schema = new Schema.Parser().parse(text.textValue());
        schemasById.put(id, schema);
        return schema;
    }

    private JsonNode send(HttpRequest.Builder request, String what) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(timeout).header("Accept", CONTENT_TYPE + ", application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SchemaRegistryException("schema registry at " + baseUrl + " unreachable (" + what + "): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while calling the schema registry (" + what + ")", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new SchemaRegistryException("schema registry refused to " + what + ": HTTP " + response.statusCode()
                    + " " + response.body(), response.statusCode(), errorCode(response.body()), null);
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SchemaRegistryException("schema registry sent unreadable JSON (" + what + "): " + response.body(), e);
        }
    }

    /** The Confluent {@code error_code} of an error body; 0 when the body is not such JSON (a proxy's page). */
    private static int errorCode(String body) {
        try {
            JsonNode code = JSON.readTree(body).get("error_code");
            return code != null && code.canConvertToInt() ? code.intValue() : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
