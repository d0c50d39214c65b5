package io.egressmon.ingest.ovsdb;

import static io.egressmon.ingest.ovsdb.ScriptedOvsdb.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The OVSDB client, over a scripted transport")
class OvsdbClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    @DisplayName("sends list_dbs as JSON-RPC 1.0 and reads its reply from back-to-back JSON split every 3 bytes, past a notification")
    void splitStream() throws Exception {
        try (ScriptedOvsdb server = new ScriptedOvsdb(3, request ->
                 "{\"method\":\"update\",\"params\":[null,{}],\"id\":null}"
                     + "{\"id\":" + id(request) + ",\"result\":[\"Open_vSwitch\",\"_Server\"],\"error\":null}");
             OvsdbClient client = OvsdbClient.connect(server.address(), TIMEOUT)) {
            assertEquals(List.of("Open_vSwitch", "_Server"), client.listDbs());
            ObjectNode request = (ObjectNode) server.nextReceived();
            assertEquals("list_dbs", request.path("method").asText());
            assertEquals(JSON.createArrayNode(), request.path("params"));
            assertTrue(request.path("id").isIntegralNumber(), "id: " + request);
        }
    }

    @Test
    @DisplayName("answers the server's echo with the same id and params, then still gets its own reply")
    void echo() throws Exception {
        try (ScriptedOvsdb server = new ScriptedOvsdb(5, message -> message.has("method")
                 ? "{\"id\":\"echo\",\"method\":\"echo\",\"params\":[\"keepalive\"]}"
                 : "{\"id\":1,\"result\":[\"Open_vSwitch\"],\"error\":null}");
             OvsdbClient client = OvsdbClient.connect(server.address(), TIMEOUT)) {
            // The script answers our request with an echo, and our answer to the echo with our reply.
            assertEquals(List.of("Open_vSwitch"), client.listDbs());
            server.nextReceived();
            assertEquals(JSON.readTree("{\"result\":[\"keepalive\"],\"error\":null,\"id\":\"echo\"}"), server.nextReceived());
        }
    }

    @Test
    @DisplayName("turns an error reply into an OvsdbException saying which method failed and why")
    void errorReply() throws Exception {
        try (ScriptedOvsdb server = new ScriptedOvsdb(7, request ->
                 "{\"id\":" + id(request) + ",\"result\":null,\"error\":{\"error\":\"unknown database\",\"details\":\"no database named Nope\"}}");
             OvsdbClient client = OvsdbClient.connect(server.address(), TIMEOUT)) {
            OvsdbException e = assertThrows(OvsdbException.class, () -> client.transact("Nope", List.of()));
            assertEquals("OVSDB transact failed: unknown database: no database named Nope", e.getMessage());
        }
    }

    @Test
    @DisplayName("turns a failed operation inside a transact result into an OvsdbException naming the operation")
    void operationError() throws Exception {
        try (ScriptedOvsdb server = new ScriptedOvsdb(4, request -> "{\"id\":" + id(request) + ",\"result\":["
                 + "{\"uuid\":[\"uuid\",\"6c1b6a1a-0000-4000-8000-000000000001\"]},"
                 + "{\"error\":\"constraint violation\",\"details\":\"sampling 0 is less than minimum 1\"}],\"error\":null}");
             OvsdbClient client = OvsdbClient.connect(server.address(), TIMEOUT)) {
            OvsdbException e = assertThrows(OvsdbException.class, () -> client.transact("Open_vSwitch", List.of(
                op("insert", "IPFIX"), op("update", "Bridge"))));
            assertEquals("OVSDB transact failed at operation 2 (update Bridge): constraint violation: "
                + "sampling 0 is less than minimum 1", e.getMessage());
        }
    }

    @Test
    @DisplayName("reports a commit failure (one result more than operations) as the commit's")
    void commitError() throws Exception {
        try (ScriptedOvsdb server = new ScriptedOvsdb(64, request -> "{\"id\":" + id(request) + ",\"result\":["
                 + "{\"count\":1},{\"error\":\"referential integrity violation\",\"details\":\"dangling\"}],\"error\":null}");
             OvsdbClient client = OvsdbClient.connect(server.address(), TIMEOUT)) {
            OvsdbException e = assertThrows(OvsdbException.class,
                () -> client.transact("Open_vSwitch", List.of(op("update", "Bridge"))));
            assertEquals("OVSDB transact failed at commit: referential integrity violation: dangling", e.getMessage());
        }
    }

    @Test
    @DisplayName("returns one result per operation when all succeed")
    void results() throws Exception {
        try (ScriptedOvsdb server = new ScriptedOvsdb(2, request ->
                 "{\"id\":" + id(request) + ",\"result\":[{\"count\":1}],\"error\":null}");
             OvsdbClient client = OvsdbClient.connect(server.address(), TIMEOUT)) {
            ArrayNode results = client.transact("Open_vSwitch", List.of(op("update", "Bridge")));
            assertEquals(1, results.path(0).path("count").asInt());
            assertEquals("transact", server.nextReceived().path("method").asText());
        }
    }

    @Test
    @DisplayName("gives up on a call the server never answers, after the call timeout, saying so")
    void timeout() throws Exception {
        try (ScriptedOvsdb server = new ScriptedOvsdb(1, request -> null);
             OvsdbClient client = OvsdbClient.connect(server.address(), Duration.ofMillis(300))) {
            OvsdbException e = assertThrows(OvsdbException.class, client::listDbs);
            assertTrue(e.getMessage().contains("did not answer list_dbs within"), e.getMessage());
            assertTrue(e.getMessage().contains(server.address().toString()), e.getMessage());
        }
    }

    @Test
    @DisplayName("fails a waiting call, and every later one, when the server hangs up")
    void hangUp() throws Exception {
        ScriptedOvsdb server = new ScriptedOvsdb(1, request -> {
            throw new IllegalStateException("hang up"); // ends the server's conversation: it closes the socket
        });
        try (server; OvsdbClient client = OvsdbClient.connect(server.address(), TIMEOUT)) {
            OvsdbException first = assertThrows(OvsdbException.class, client::listDbs);
            assertTrue(first.getMessage().contains("ended"), first.getMessage());
            OvsdbException later = assertThrows(OvsdbException.class, client::listDbs);
            assertTrue(later.getMessage().contains("closed"), later.getMessage());
        }
    }

    private static ObjectNode op(String op, String table) {
        return JSON.createObjectNode().put("op", op).put("table", table);
    }
}
