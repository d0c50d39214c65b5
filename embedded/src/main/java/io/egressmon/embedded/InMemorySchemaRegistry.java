package io.egressmon.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.egressmon.registry.LocalSchemaRegistry;
import io.egressmon.registry.SchemaRegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry held in memory, speaking the part of Confluent's REST API that Avro serdes use
 * (register, look up, fetch by id, list subjects and versions). It is the all-in-one launcher's
 * default registry and the one tests against a real broker use; its content is lost on close.
 *
 * <p>This class is the HTTP side only: routes, bodies and Confluent's error shape. What is stored,
 * and Confluent's rules for ids, versions and BACKWARD compatibility (409 otherwise), are
 * {@link LocalSchemaRegistry}'s, whose refusals carry the status and error code answered here. Only
 * AVRO schemas, without references.
 *
 * <p>With a journal file ({@link #start(String, int, Path)}, {@link SchemaJournal}) every new version
 * is appended to it and replayed at the next start, so ids stay the same across restarts of the
 * all-in-one launcher, whose Kafka data (framed with those ids) outlives the process.
 */
public final class InMemorySchemaRegistry implements AutoCloseable {
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Logger LOG = LoggerFactory.getLogger(InMemorySchemaRegistry.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final String url;
    private final LocalSchemaRegistry registry;
    private final AtomicBoolean closed = new AtomicBoolean();

    private InMemorySchemaRegistry(HttpServer server, ExecutorService executor, String url, LocalSchemaRegistry registry) {
        this.server = server;
        this.executor = executor;
        this.url = url;
        this.registry = registry;
    }

    /** Starts a registry listening on {@code host:port} ({@code port} 0 = a free port). */
    public static InMemorySchemaRegistry start(String host, int port) {
        return start(host, port, null);
    }

    /**
     * Starts a registry whose registrations are kept in {@code journal} (one JSON line per new
     * version), replaying what the file already holds first.
     */
    public static InMemorySchemaRegistry start(String host, int port, Path journal) {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("cannot resolve schema registry host '" + host + "'");
        }
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("schema registry cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "schema-registry-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        InetAddress bound = server.getAddress().getAddress();
        String urlHost = bound.isAnyLocalAddress() ? "127.0.0.1"
                : bound instanceof Inet6Address ? "[" + bound.getHostAddress() + "]" : bound.getHostAddress();
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry(server, executor,
                "http://" + urlHost + ":" + server.getAddress().getPort(),
                journal == null ? new LocalSchemaRegistry() : SchemaJournal.open(journal));
        server.createContext("/", registry::handle);
        server.start();
        LOG.info("in-memory schema registry listening at {}", registry.url);
        return registry;
    }

    /** Base URL, e.g. {@code http://127.0.0.1:41234} (no trailing slash). */
    public String url() {
        return url;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Reply reply;
            try {
                reply = route(exchange.getRequestMethod(), segments(exchange.getRequestURI().getRawPath()), exchange);
            } catch (SchemaRegistryException e) {
                reply = new Reply(e.status(), errorBody(e.errorCode(), e.getMessage()));
            } catch (RuntimeException e) {
                LOG.error("schema registry failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                reply = new Reply(500, errorBody(50001, "internal error: " + e));
            }
            byte[] body = JSON.writeValueAsBytes(reply.body);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(reply.status, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private Reply route(String method, List<String> path, HttpExchange exchange) throws IOException {
        int n = path.size();
        String first = n > 0 ? path.get(0) : "";
        if (n == 0) {
            return ok(Map.of());
        }
        if (first.equals("config") && n == 1) {
            requireMethod(method, "GET");
            return ok(Map.of("compatibilityLevel", "BACKWARD"));
        }
        if (first.equals("schemas") && n == 2 && path.get(1).equals("types")) {
            requireMethod(method, "GET");
            return ok(List.of("AVRO"));
        }
        if (first.equals("schemas") && n >= 3 && n <= 4 && path.get(1).equals("ids")) {
            requireMethod(method, "GET");
            int id = parseInt(path.get(2), 40403, "Schema not found");
            if (n == 3) {
                return ok(Map.of("schema", registry.schemaById(id).toString()));
            }
            if (path.get(3).equals("versions")) {
                return ok(registry.versionsOf(id).stream().map(v -> subjectAndVersion(v.subject(), v.version())).toList());
            }
        }
        if (first.equals("subjects")) {
            if (n == 1) {
                requireMethod(method, "GET");
                return ok(registry.subjects());
            }
            String subject = path.get(1);
            if (n == 2) {
                requireMethod(method, "POST");
                return ok(versionBody(registry.lookup(subject, schemaFrom(exchange))));
            }
            if (path.get(2).equals("versions")) {
                if (n == 3 && method.equals("POST")) {
                    return ok(Map.of("id", registry.register(subject, schemaFrom(exchange))));
                }
                requireMethod(method, "GET");
                if (n == 3) {
                    return ok(registry.versions(subject));
                }
                if (n == 4) {
                    return ok(versionBody(registry.version(subject, path.get(3))));
                }
            }
        }
        throw error(404, 404, "HTTP 404 Not Found");
    }

    /** The Avro schema in a register or lookup body, parsed and checked. */
    private static Schema schemaFrom(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw error(413, 413, "request body larger than " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode body;
        try {
            body = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw error(400, 400, "request body is not JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw error(400, 400, "request body must be a JSON object with a \"schema\" field");
        }
        JsonNode type = body.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equals(type.asText())) {
            throw error(422, 42201, "Invalid schema: schemaType " + type.asText()
                    + " is not supported by this registry (AVRO only)");
        }
        JsonNode references = body.get("references");
        if (references != null && references.isArray() && !references.isEmpty()) {
            throw error(422, 42201, "Invalid schema: schema references are not supported by this registry");
        }
        JsonNode text = body.get("schema");
        if (text == null || !text.isTextual()) {
            throw error(422, 42201, "Invalid schema: the body has no \"schema\" string");
        }
        try {
            return new Schema.Parser().parse(text.textValue());
        } catch (AvroRuntimeException | IllegalArgumentException e) {
            throw error(422, 42201, "Invalid schema: " + e.getMessage());
        }
    }

    private static void requireMethod(String actual, String expected) {
        if (!actual.equals(expected)) {
            throw error(405, 405, "HTTP 405 Method Not Allowed");
        }
    }

    private static int parseInt(String text, int errorCode, String message) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw error(404, errorCode, message);
        }
    }

    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                // In a path '+' is a plus sign, not a space.
                segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static Map<String, Object> errorBody(int errorCode, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", errorCode);
        body.put("message", message);
        return body;
    }

    private static Map<String, Object> subjectAndVersion(String subject, int version) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", subject);
        body.put("version", version);
        return body;
    }

    private static Map<String, Object> versionBody(LocalSchemaRegistry.Version v) {
        Map<String, Object> body = subjectAndVersion(v.subject(), v.version());
        body.put("id", v.id());
        body.put("schema", v.schema().toString());
        return body;
    }

    /** A refusal in Confluent's error shape: HTTP status plus {@code error_code} and {@code message}. */
    private static SchemaRegistryException error(int status, int errorCode, String message) {
        return new SchemaRegistryException(message, status, errorCode, null);
    }

    private static Reply ok(Object body) {
        return new Reply(200, body);
    }

    private record Reply(int status, Object body) {
    }
}
