package io.egressmon.ingest.ovsdb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small OVSDB JSON-RPC 1.0 client (RFC 7047): {@code list_dbs} and {@code transact}, nothing kept in
 * sync. OVSDB does not frame its messages, it writes JSON objects back to back, so one reader thread
 * parses the stream value by value, hands each reply to the call waiting on its id, and answers the
 * server's {@code echo} keep-alives (a server that gets no answer drops the connection).
 */
public final class OvsdbClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OvsdbClient.class);
    private static final ObjectMapper JSON = new ObjectMapper()
        .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final OvsdbAddress address;
    private final Duration callTimeout;
    private final OvsdbSocket socket;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Thread reader;
    private volatile String closedBecause;

    private OvsdbClient(OvsdbAddress address, Duration callTimeout, OvsdbSocket socket) {
        this.address = address;
        this.callTimeout = callTimeout;
        this.socket = socket;
        this.reader = new Thread(this::readReplies, "ovsdb-reader " + address);
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects to {@code address}; {@code timeout} bounds the TCP connect and every call after it. */
    public static OvsdbClient connect(OvsdbAddress address, Duration timeout) throws OvsdbException {
        return new OvsdbClient(address, timeout, OvsdbSocket.connect(address, timeout));
    }

    public OvsdbAddress address() {
        return address;
    }

    /** The databases the server holds ({@code Open_vSwitch} on a switch). */
    public List<String> listDbs() throws OvsdbException {
        JsonNode result = call("list_dbs", NODES.arrayNode());
        return JSON.convertValue(result, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    /**
     * Runs {@code ops} in one transaction on {@code db} and returns one result per operation. The
     * transaction is atomic: if any operation fails, nothing is committed and the exception names it.
     */
    public ArrayNode transact(String db, List<ObjectNode> ops) throws OvsdbException {
        ArrayNode params = NODES.arrayNode().add(db);
        ops.forEach(params::add);
        JsonNode result = call("transact", params);
        if (!result.isArray()) {
            throw new OvsdbException("OVSDB transact on " + db + " answered " + result + ", not an array of results");
        }
        for (int i = 0; i < result.size(); i++) {
            JsonNode r = result.get(i);
            if (r != null && r.hasNonNull("error")) {
                // RFC 7047 §4.1.3: one more result than operations means the commit itself failed.
                String what = i < ops.size()
                    ? "operation " + (i + 1) + " (" + ops.get(i).path("op").asText() + " " + ops.get(i).path("table").asText() + ")"
                    : "commit";
                throw new OvsdbException("OVSDB transact failed at " + what + ": " + describeError(r));
            }
        }
        return (ArrayNode) result;
    }

    /** Sends one request and waits for its reply's {@code result}; an {@code error} reply becomes the exception. */
    private JsonNode call(String method, ArrayNode params) throws OvsdbException {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            // Checked after registering: the reader marks the session closed before it fails what is pending.
            String closed = closedBecause;
            if (closed != null) {
                throw new OvsdbException("OVSDB connection to " + address + " is closed: " + closed);
            }
            send(NODES.objectNode().put("method", method).<ObjectNode>set("params", params).put("id", id));
            JsonNode answer = reply.get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (answer.hasNonNull("error")) {
                throw new OvsdbException("OVSDB " + method + " failed: " + describeError(answer));
            }
            return answer.path("result");
        } catch (TimeoutException e) {
            throw new OvsdbException("OVSDB at " + address + " did not answer " + method + " within " + callTimeout, e);
        } catch (ExecutionException e) {
            throw new OvsdbException(OvsdbSocket.describe(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OvsdbException("interrupted while waiting for OVSDB " + method, e);
        } finally {
            pending.remove(id);
        }
    }

    private void send(ObjectNode message) throws OvsdbException {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new OvsdbException("cannot encode an OVSDB request: " + OvsdbSocket.describe(e), e);
        }
        OutputStream out = socket.out();
        synchronized (out) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                throw new OvsdbException("cannot send to OVSDB at " + address + ": " + OvsdbSocket.describe(e), e);
            }
        }
    }

    private void readReplies() {
        String why = "the server closed the connection";
        try (MappingIterator<JsonNode> messages = JSON.readerFor(JsonNode.class).readValues(socket.in())) {
            while (messages.hasNextValue()) {
                dispatch(messages.nextValue());
            }
        } catch (IOException | RuntimeException e) {
            // Jackson wraps stream errors in RuntimeExceptions from the iterator; either way the session is over.
            why = closedBecause != null ? closedBecause : OvsdbSocket.describe(e);
        }
        closedBecause = closedBecause != null ? closedBecause : why;
        OvsdbException gone = new OvsdbException("OVSDB connection to " + address + " ended: " + closedBecause);
        pending.values().forEach(f -> f.completeExceptionally(gone));
    }

    private void dispatch(JsonNode message) throws OvsdbException {
        String method = message.path("method").asText(null);
        if ("echo".equals(method)) {
            send(NODES.objectNode().<ObjectNode>set("result", message.path("params"))
                .putNull("error").<ObjectNode>set("id", message.path("id")));
        } else if (method == null && message.path("id").canConvertToLong()) {
            CompletableFuture<JsonNode> reply = pending.get(message.path("id").asLong());
            if (reply != null) {
                reply.complete(message);
            }
        }
        // Other notifications ("update", "locked") belong to monitors and locks, which we never ask for.
    }

    /** OVSDB errors come as a string or as {"error": "...", "details": "..."}; both read as one line. */
    private static String describeError(JsonNode reply) {
        JsonNode error = reply.path("error");
        String text = error.isTextual() ? error.asText() : error.path("error").asText(error.toString());
        String details = reply.hasNonNull("details") ? reply.path("details").asText()
            : error.path("details").asText("");
        return details.isEmpty() ? text : text + ": " + details;
    }

    /**
     * Ends the session. A socket that fails to close is logged, not thrown: the session's work is done
     * (or failed already), and a close failure must not hide its result.
     */
    @Override
    public void close() {
        closedBecause = "closed by us";
        try {
            socket.close();
            reader.join(callTimeout.toMillis());
        } catch (IOException e) {
            log.warn("cannot close the OVSDB connection to {}: {}", address, OvsdbSocket.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
