package io.egressmon.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry held in memory, speaking the part of Confluent's REST API that Avro serdes use
 * (register, look up, fetch by id, list subjects and versions). It is the all-in-one launcher's
 * default registry and the one tests use; its content is lost on close.
 *
 * <p>As in Confluent's registry: ids are global, start at 1 and grow; the same schema (after
 * parsing, so whitespace and attribute order do not matter) gets the same id under every subject;
 * registering a schema already under a subject returns its id without a new version; a new version
 * must be BACKWARD compatible with the subject's latest one (409 otherwise). Only AVRO schemas,
 * without references.
 *
 * <p>With a journal file ({@link #start(String, int, Path)}) every new version is appended to it and
 * replayed at the next start, so ids stay the same across restarts of the all-in-one launcher,
 * whose Kafka data (framed with those ids) outlives the process.
 */
public final class InMemorySchemaRegistry implements AutoCloseable {
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Logger LOG = LoggerFactory.getLogger(InMemorySchemaRegistry.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final String url;
    private final Registry registry = new Registry();
    private final AtomicBoolean closed = new AtomicBoolean();

    private InMemorySchemaRegistry(HttpServer server, ExecutorService executor, String url) {
        this.server = server;
        this.executor = executor;
        this.url = url;
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
                "http://" + urlHost + ":" + server.getAddress().getPort());
        if (journal != null) {
            registry.registry.openJournal(journal);
        }
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
            } catch (RegistryError e) {
                reply = new Reply(e.status, errorBody(e.errorCode, e.getMessage()));
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
                return ok(Map.of("schema", registry.schemaById(id)));
            }
            if (path.get(3).equals("versions")) {
                return ok(registry.versionsOfId(id));
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
                return ok(registry.lookup(subject, schemaFrom(exchange)));
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
                    return ok(registry.version(subject, path.get(3)));
                }
            }
        }
        throw new RegistryError(404, 404, "HTTP 404 Not Found");
    }

    /** The Avro schema in a register or lookup body, parsed and checked. */
    private static Schema schemaFrom(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new RegistryError(413, 413, "request body larger than " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode body;
        try {
            body = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new RegistryError(400, 400, "request body is not JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw new RegistryError(400, 400, "request body must be a JSON object with a \"schema\" field");
        }
        JsonNode type = body.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equals(type.asText())) {
            throw new RegistryError(422, 42201, "Invalid schema: schemaType " + type.asText()
                    + " is not supported by this registry (AVRO only)");
        }
        JsonNode references = body.get("references");
        if (references != null && references.isArray() && !references.isEmpty()) {
            throw new RegistryError(422, 42201, "Invalid schema: schema references are not supported by this registry");
        }
        JsonNode text = body.get("schema");
        if (text == null || !text.isTextual()) {
            throw new RegistryError(422, 42201, "Invalid schema: the body has no \"schema\" string");
        }
        try {
            return new Schema.Parser().parse(text.textValue());
        } catch (AvroRuntimeException | IllegalArgumentException e) {
            throw new RegistryError(422, 42201, "Invalid schema: " + e.getMessage());
        }
    }

    private static void requireMethod(String actual, String expected) {
        if (!actual.equals(expected)) {
            throw new RegistryError(405, 405, "HTTP 405 Method Not Allowed");
        }
    }

    private static int parseInt(String text, int errorCode, String message) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new RegistryError(404, errorCode, message);
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

    private static Reply ok(Object body) {
        return new Reply(200, body);
    }

    private record Reply(int status, Object body) {
    }

    /** An answer in Confluent's error shape: HTTP status plus {@code error_code} and {@code message}. */
    private static final class RegistryError extends RuntimeException {
        final int status;
        final int errorCode;

        RegistryError(int status, int errorCode, String message) {
            super(message);
            this.status = status;
            this.errorCode = errorCode;
        }
    }

    /** The registry's content; every method is atomic. */
    private static final class Registry {
        private final List<String> schemasById = new ArrayList<>();
        private final Map<String, Integer> idsBySchema = new HashMap<>();
        /** Per subject, the ids of its versions: version v is element v - 1. */
        private final Map<String, List<Integer>> versionsBySubject = new TreeMap<>();
        private Path journal;

        synchronized void openJournal(Path file) {
            try {
                if (Files.exists(file)) {
                    int replayed = 0;
                    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                        if (line.isBlank()) {
                            continue;
                        }
                        JsonNode entry = JSON.readTree(line);
                        register(entry.path("subject").asText(), new Schema.Parser().parse(entry.path("schema").asText()));
                        replayed++;
                    }
                    LOG.info("schema registry journal {}: {} versions replayed", file, replayed);
                }
            } catch (IOException | AvroRuntimeException e) {
                throw new IllegalStateException("cannot replay schema registry journal " + file
                        + " (delete it together with the Kafka data it describes): " + e, e);
            }
            journal = file;
        }

        private void append(String subject, String schemaText) {
            if (journal == null) {
                return;
            }
            try {
                String line = JSON.writeValueAsString(Map.of("subject", subject, "schema", schemaText)) + "\n";
                Files.writeString(journal, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                        StandardOpenOption.SYNC);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to schema registry journal " + journal, e);
            }
        }

        synchronized int register(String subject, Schema schema) {
            String text = schema.toString();
            List<Integer> versions = versionsBySubject.get(subject);
            Integer existing = idsBySchema.get(text);
            if (existing != null && versions != null && versions.contains(existing)) {
                return existing;
            }
            if (versions != null && !versions.isEmpty()) {
                Schema latest = new Schema.Parser().parse(schemasById.get(versions.get(versions.size() - 1) - 1));
                SchemaCompatibility.SchemaPairCompatibility check =
                        SchemaCompatibility.checkReaderWriterCompatibility(schema, latest);
                if (check.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                    throw new RegistryError(409, 409, "Schema being registered is incompatible with an earlier schema"
                            + " for subject \"" + subject + "\" (BACKWARD): " + check.getResult().getIncompatibilities());
                }
            }
            // Journal first: an id handed out but missing from the journal would be numbered
            // differently after a restart, and records in Kafka would point at the wrong schema.
            append(subject, text);
            int id;
            if (existing != null) {
                id = existing;
            } else {
                schemasById.add(text);
                id = schemasById.size();
                idsBySchema.put(text, id);
            }
            versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
            return id;
        }

        synchronized Map<String, Object> lookup(String subject, Schema schema) {
            List<Integer> versions = subjectVersions(subject);
            Integer id = idsBySchema.get(schema.toString());
            int index = id == null ? -1 : versions.indexOf(id);
            if (index < 0) {
                throw new RegistryError(404, 40403, "Schema not found");
            }
            return versionBody(subject, index + 1, id);
        }

        synchronized String schemaById(int id) {
            if (id < 1 || id > schemasById.size()) {
                throw new RegistryError(404, 40403, "Schema not found");
            }
            return schemasById.get(id - 1);
        }

        synchronized List<Map<String, Object>> versionsOfId(int id) {
            schemaById(id);
            List<Map<String, Object>> found = new ArrayList<>();
            versionsBySubject.forEach((subject, ids) -> {
                for (int i = 0; i < ids.size(); i++) {
                    if (ids.get(i) == id) {
                        Map<String, Object> entry = new LinkedHashMap<>();
                        entry.put("subject", subject);
                        entry.put("version", i + 1);
                        found.add(entry);
                    }
                }
            });
            return found;
        }

        synchronized List<String> subjects() {
            return List.copyOf(versionsBySubject.keySet());
        }

        synchronized List<Integer> versions(String subject) {
            List<Integer> versions = subjectVersions(subject);
            List<Integer> numbers = new ArrayList<>();
            for (int v = 1; v <= versions.size(); v++) {
                numbers.add(v);
            }
            return numbers;
        }

        synchronized Map<String, Object> version(String subject, String version) {
            List<Integer> versions = subjectVersions(subject);
            int v;
            if (version.equals("latest") || version.equals("-1")) {
                v = versions.size();
            } else {
                try {
                    v = Integer.parseInt(version);
                } catch (NumberFormatException e) {
                    throw new RegistryError(422, 42202, "The specified version '" + version + "' is not a valid version id."
                            + " Allowed values are between [1, 2^31-1] and the string \"latest\"");
                }
                if (v < 1) {
                    throw new RegistryError(422, 42202, "The specified version '" + version + "' is not a valid version id."
                            + " Allowed values are between [1, 2^31-1] and the string \"latest\"");
                }
                if (v > versions.size()) {
                    throw new RegistryError(404, 40402, "Version " + v + " not found.");
                }
            }
            return versionBody(subject, v, versions.get(v - 1));
        }

        private List<Integer> subjectVersions(String subject) {
            List<Integer> versions = versionsBySubject.get(subject);
            if (versions == null) {
                throw new RegistryError(404, 40401, "Subject '" + subject + "' not found.");
            }
            return versions;
        }

        private Map<String, Object> versionBody(String subject, int version, int id) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("subject", subject);
            body.put("version", version);
            body.put("id", id);
            body.put("schema", schemasById.get(id - 1));
            return body;
        }
    }
}
