package io.egressmon.copilot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Fault injection")
class FaultInjectionTest {

    private static final Instant NOW = Instant.parse("2026-02-10T10:00:42Z");

    @RegisterExtension
    static final RunningSimulator running = new RunningSimulator(NOW);

    private static CopilotSimulator simulator() {
        return running.simulator();
    }

    @AfterEach
    void noFaults() {
        simulator().faults(Faults.none());
    }

    @Test
    @DisplayName("answers about errorRate of the calls 503, with JSON or HTML bodies, and counts them")
    void errors() {
        SimClient client = running.loggedIn();
        simulator().faults(Faults.none().withErrorRate(0.25));
        long before = simulator().stats().injected503s();
        int unavailable = 0;
        boolean html = false;
        boolean json = false;
        for (int i = 0; i < 400; i++) {
            HttpResponse<String> response = client.get("/api/cloud-routes/routes/gateways");
            if (response.statusCode() == 503) {
                unavailable++;
                html |= response.body().contains("<html>");
                json |= response.body().startsWith("{");
            } else {
                assertEquals(200, response.statusCode());
            }
        }
        assertTrue(unavailable >= 50 && unavailable <= 150, unavailable + " of 400 at 25 %");
        assertEquals(before + unavailable, simulator().stats().injected503s());
        assertTrue(html && json, "both kinds of body");
    }

    @Test
    @DisplayName("never touches the simulator's own endpoints")
    void simEndpointsUnfaulted() {
        SimClient client = running.loggedIn();
        simulator().faults(Faults.none().withErrorRate(1));
        for (int i = 0; i < 10; i++) {
            assertEquals(503, client.get("/api/gateways").statusCode());
            assertEquals(200, client.get("/sim/stats").statusCode());
        }
    }

    @Test
    @DisplayName("expires sessions after the TTL: every call with the cookie then gets 401, until a new login")
    void sessionExpiry() {
        simulator().faults(Faults.none().withSessionTtl(Duration.ofMinutes(5)));
        SimClient client = running.loggedIn();
        Stats before = simulator().stats();
        assertEquals(200, client.get("/api/gateways").statusCode());
        running.clock().advance(Duration.ofMinutes(4));
        assertEquals(200, client.get("/api/gateways").statusCode());
        running.clock().advance(Duration.ofMinutes(1));
        assertEquals(401, client.get("/api/gateways").statusCode());
        assertEquals(401, client.post("/api/reports/report/performance", "[]").statusCode());
        Stats after = simulator().stats();
        assertEquals(before.expiredSessions() + 1, after.expiredSessions());
        assertEquals(before.unauthorized() + 2, after.unauthorized());
        assertEquals(200, client.login().statusCode());
        assertEquals(200, client.get("/api/gateways").statusCode());
    }

    @Test
    @DisplayName("stalls about stallRate of the calls by the stall duration, and counts them")
    void stalls() {
        SimClient client = running.loggedIn();
        simulator().faults(Faults.none().withStalls(0.5, Duration.ofMillis(150)));
        long before = simulator().stats().injectedStalls();
        int slow = 0;
        for (int i = 0; i < 24; i++) {
            long started = System.nanoTime();
            assertEquals(200, client.get("/api/gateways").statusCode());
            slow += System.nanoTime() - started >= 150_000_000L ? 1 : 0;
        }
        assertTrue(slow >= 4 && slow <= 20, slow + " of 24 at 50 %");
        assertEquals(before + slow, simulator().stats().injectedStalls());
    }

    @Test
    @DisplayName("makes odd JSON that only loses or adds, never changes, what the clean answer says")
    void oddJsonOnlyRemoves() {
        SimClient client = running.loggedIn();
        List<JsonObject> queries = queries();
        JsonArray clean = client.performance(queries);
        simulator().faults(Faults.none().withOddJsonRate(1));
        long before = simulator().stats().oddJsonElements();
        boolean sawNull = false;
        boolean sawMissing = false;
        boolean sawExtra = false;
        for (int round = 0; round < 5; round++) {
            JsonArray odd = client.performance(queries);
            assertEquals(clean.size(), odd.size());
            for (int i = 0; i < clean.size(); i++) {
                JsonObject cleanInterfaces = clean.getJsonObject(i).getJsonObject("interfaces");
                JsonObject oddElement = odd.getJsonObject(i);
                JsonObject oddInterfaces = oddElement.getJsonObject("interfaces");
                assertNotNull(oddInterfaces);
                assertEquals(cleanInterfaces.fieldNames(), oddInterfaces.fieldNames());
                sawExtra |= oddElement.size() > 1;
                for (String name : cleanInterfaces.fieldNames()) {
                    for (String metric : List.of("rx_bytes", "tx_bytes")) {
                        JsonObject want = cleanInterfaces.getJsonObject(name).getJsonObject(metric);
                        JsonObject got = oddInterfaces.getJsonObject(name).getJsonObject(metric);
                        for (String key : List.of("min", "max")) {
                            if (!got.containsKey(key)) {
                                sawMissing = true;
                            } else if (got.getValue(key) == null) {
                                sawNull = true;
                            } else {
                                assertEquals(want.getLong(key), got.getLong(key));
                            }
                        }
                    }
                }
            }
        }
        assertTrue(sawNull && sawMissing && sawExtra, "null " + sawNull + ", missing " + sawMissing + ", extra " + sawExtra);
        assertEquals(before + 5L * queries.size(), simulator().stats().oddJsonElements());
    }

    @Test
    @DisplayName("lets a client that asks again for what came back null or missing converge on the clean answer")
    void oddJsonRecoverable() {
        SimClient client = running.loggedIn();
        List<JsonObject> queries = queries();
        JsonArray clean = client.performance(queries);
        simulator().faults(Faults.none().withOddJsonRate(0.7));
        Map<String, Long> known = new HashMap<>();
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            pending.add(i);
        }
        int rounds = 0;
        while (!pending.isEmpty() && rounds++ < 50) {
            List<JsonObject> ask = pending.stream().map(queries::get).toList();
            JsonArray answer = client.performance(ask);
            List<Integer> stillPending = new ArrayList<>();
            for (int k = 0; k < ask.size(); k++) {
                int i = pending.get(k);
                JsonObject interfaces = answer.getJsonObject(k).getJsonObject("interfaces");
                boolean complete = true;
                for (String name : interfaces.fieldNames()) {
                    for (String metric : List.of("rx_bytes", "tx_bytes")) {
                        JsonObject range = interfaces.getJsonObject(name).getJsonObject(metric);
                        for (String key : List.of("min", "max")) {
                            Long value = range.getLong(key);
                            if (value == null) {
                                complete = false;
                            } else {
                                known.put(i + "/" + name + "/" + metric + "/" + key, value);
                            }
                        }
                    }
                }
                if (!complete) {
                    stillPending.add(i);
                }
            }
            pending = stillPending;
        }
        assertTrue(pending.isEmpty(), "converged within 50 rounds");
        for (int i = 0; i < clean.size(); i++) {
            JsonObject interfaces = clean.getJsonObject(i).getJsonObject("interfaces");
            for (String name : interfaces.fieldNames()) {
                for (String metric : List.of("rx_bytes", "tx_bytes")) {
                    for (String key : List.of("min", "max")) {
                        assertEquals(interfaces.getJsonObject(name).getJsonObject(metric).getLong(key),
                                known.get(i + "/" + name + "/" + metric + "/" + key));
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("can be set over HTTP at /sim/faults, and bad settings are refused")
    void overHttp() {
        SimClient client = new SimClient(simulator());
        HttpResponse<String> set = client.post("/sim/faults",
                "{\"errorRate\": 0.1, \"sessionTtl\": \"PT10M\", \"stallRate\": 0.2, \"stall\": 1500, \"oddJsonRate\": 0.05}");
        assertEquals(200, set.statusCode());
        assertEquals(new Faults(0.1, Duration.ofMinutes(10), 0.2, Duration.ofMillis(1500), 0.05), simulator().faults());
        assertEquals("PT10M", new JsonObject(client.get("/sim/faults").body()).getString("sessionTtl"));
        assertEquals(400, client.post("/sim/faults", "{\"errorRate\": 2}").statusCode());
        assertEquals(400, client.post("/sim/faults", "{\"stall\": \"soon\"}").statusCode());
        assertEquals(200, client.post("/sim/faults", "{\"sessionTtl\": \"6h\", \"stall\": \"PT6H\"}").statusCode());
        assertEquals(Duration.ofHours(6), simulator().faults().sessionTtl());
        assertEquals(Duration.ofHours(6), simulator().faults().stall());
        assertEquals(200, client.post("/sim/faults", "{}").statusCode());
        assertEquals(Faults.none(), simulator().faults());
    }

    @Test
    @DisplayName("refuse probabilities outside [0, 1] and negative durations")
    void validation() {
        assertThrows(IllegalArgumentException.class, () -> Faults.none().withErrorRate(1.5));
        assertThrows(IllegalArgumentException.class, () -> Faults.none().withOddJsonRate(-0.1));
        assertThrows(IllegalArgumentException.class, () -> Faults.none().withSessionTtl(Duration.ofSeconds(-1)));
    }

    private static List<JsonObject> queries() {
        Instant end = NOW.minus(Duration.ofDays(2));
        Instant start = end.minus(Duration.ofHours(6));
        return simulator().estate().spokes().stream().map(g -> SimClient.query(g.name(), start, end)).toList();
    }
}
