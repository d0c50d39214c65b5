package io.egressmon.copilot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Bad answers")
class BadAnswerTest {
    private static final Instant NOW = Instant.parse("2026-02-10T10:00:42Z");
    private static final String GATEWAYS = "/api/gateways";

    @RegisterExtension
    static final RunningSimulator running = new RunningSimulator(NOW);

    private static CopilotSimulator simulator() {
        return running.simulator();
    }

    @AfterEach
    void noFaults() {
        simulator().faults(Faults.none());
    }

    private static Faults only(BadAnswer kind) {
        return Faults.none().withBadAnswer(kind, 1);
    }

    private static long given(BadAnswer kind) {
        return simulator().stats().badAnswers(kind);
    }

    @Test
    @DisplayName("malformed JSON: 200, application/json, a syntax error in the middle of the right answer")
    void malformedJson() {
        SimClient client = running.loggedIn();
        String clean = client.get(GATEWAYS).body();
        long before = given(BadAnswer.MALFORMED_JSON);
        simulator().faults(only(BadAnswer.MALFORMED_JSON));

        HttpResponse<String> bad = client.get(GATEWAYS);

        assertEquals(200, bad.statusCode());
        assertEquals("application/json", bad.headers().firstValue("content-type").orElse(""));
        assertThrows(DecodeException.class, () -> new JsonObject(bad.body()));
        assertEquals(clean.length(), bad.body().length(), "one colon made a space, nothing else");
        assertEquals(before + 1, given(BadAnswer.MALFORMED_JSON));
    }

    @Test
    @DisplayName("truncated body: the first half with an honest length, then the full length announced and the connection closed")
    void truncatedBody() throws IOException {
        SimClient client = running.loggedIn();
        String clean = client.get(GATEWAYS).body();
        long before = given(BadAnswer.TRUNCATED_BODY);
        simulator().faults(only(BadAnswer.TRUNCATED_BODY));

        HttpResponse<String> cut = client.get(GATEWAYS);
        IOException closed = assertThrows(IOException.class, () -> client.getOrFailure(GATEWAYS));

        assertEquals(200, cut.statusCode());
        assertEquals(clean.substring(0, clean.length() / 2), cut.body(), "the answer's first half");
        assertThrows(DecodeException.class, () -> new JsonObject(cut.body()));
        assertTrue(String.valueOf(closed.getMessage()).length() > 0, closed.toString());
        assertEquals(before + 2, given(BadAnswer.TRUNCATED_BODY));
    }

    @Test
    @DisplayName("wrong types: the answer's list becomes an object keyed by position, then a number")
    void wrongType() {
        SimClient client = running.loggedIn();
        JsonArray clean = new JsonObject(client.get(GATEWAYS).body()).getJsonArray("results");
        long before = given(BadAnswer.WRONG_TYPE);
        simulator().faults(only(BadAnswer.WRONG_TYPE));

        JsonObject map = new JsonObject(client.get(GATEWAYS).body());
        JsonObject number = new JsonObject(client.get(GATEWAYS).body());
        Object performanceMap = Json.decodeValue(client.post("/api/reports/report/performance",
                new JsonArray(List.of(query(), query())).encode()).body());
        Object performanceNumber = Json.decodeValue(client.post("/api/reports/report/performance",
                new JsonArray(List.of(query(), query())).encode()).body());

        JsonObject byPosition = map.getJsonObject("results");
        assertEquals(clean.size(), byPosition.size());
        assertEquals(clean.getJsonObject(0), byPosition.getJsonObject("0"));
        assertEquals(clean.size(), number.getInteger("results"));
        assertInstanceOf(JsonObject.class, performanceMap, "a map of the two elements where a list is expected");
        assertEquals(2, performanceNumber, "a number where a list is expected");
        assertEquals(before + 4, given(BadAnswer.WRONG_TYPE));
    }

    @Test
    @DisplayName("login page: 200 with CoPilot's HTML sign-in page, and the session is gone")
    void loginPage() {
        SimClient client = running.loggedIn();
        simulator().faults(only(BadAnswer.LOGIN_PAGE));

        HttpResponse<String> page = client.get(GATEWAYS);
        simulator().faults(Faults.none());

        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<form") && page.body().contains("Sign in"), page.body());
        assertEquals(401, client.get(GATEWAYS).statusCode(), "the session went with it");
        assertEquals(200, client.login().statusCode());
        assertEquals(200, client.get(GATEWAYS).statusCode());
    }

    @Test
    @DisplayName("huge body: exactly the size asked, valid JSON, the right answer in it with a padding field")
    void hugeBody() {
        SimClient client = running.loggedIn();
        JsonArray cleanGateways = new JsonObject(client.get(GATEWAYS).body()).getJsonArray("results");
        JsonArray cleanPerformance = client.performance(List.of(query()));
        int size = 3 * 1024 * 1024;
        simulator().faults(only(BadAnswer.HUGE_BODY).withHugeBodyBytes(size));

        String gateways = client.get(GATEWAYS).body();
        String performance = client.post("/api/reports/report/performance", new JsonArray().add(query()).encode()).body();

        assertEquals(size, gateways.length());
        JsonObject padded = new JsonObject(gateways);
        assertEquals(cleanGateways, padded.getJsonArray("results"));
        assertTrue(padded.getString("debug_trace").length() > size - 100_000);
        assertEquals(size, performance.length());
        JsonObject element = new JsonArray(performance).getJsonObject(0);
        element.remove("debug_trace");
        assertEquals(cleanPerformance.getJsonObject(0), element);
    }

    @Test
    @DisplayName("each call rolls once: about the rate of calls get a kind, and each is counted")
    void rates() {
        SimClient client = running.loggedIn();
        simulator().faults(Faults.none().withBadAnswer(BadAnswer.MALFORMED_JSON, 0.3)
                .withBadAnswer(BadAnswer.WRONG_TYPE, 0.3));
        Stats before = simulator().stats();
        int malformed = 0;
        int wrong = 0;
        for (int i = 0; i < 300; i++) {
            String body = client.get(GATEWAYS).body();
            try {
                if (!(new JsonObject(body).getValue("results") instanceof JsonArray)) {
                    wrong++;
                }
            } catch (DecodeException e) {
                malformed++;
            }
        }
        Stats after = simulator().stats();
        assertTrue(malformed >= 60 && malformed <= 120, malformed + " of 300 at 30 %");
        assertTrue(wrong >= 60 && wrong <= 120, wrong + " of 300 at 30 %");
        assertEquals(malformed, after.badAnswers(BadAnswer.MALFORMED_JSON) - before.badAnswers(BadAnswer.MALFORMED_JSON));
        assertEquals(wrong, after.badAnswers(BadAnswer.WRONG_TYPE) - before.badAnswers(BadAnswer.WRONG_TYPE));
    }

    @Test
    @DisplayName("are set over HTTP at /sim/faults and shown in /sim/stats; rates of a call adding up to more than 1 are refused")
    void overHttp() {
        SimClient client = new SimClient(simulator());
        HttpResponse<String> set = client.post("/sim/faults", "{\"malformedJsonRate\": 0.1, \"truncatedBodyRate\": 0.2,"
                + " \"wrongTypeRate\": 0.05, \"loginPageRate\": 0.05, \"hugeBodyRate\": 0.01, \"hugeBodyBytes\": 100000000,"
                + " \"tlsNameMismatchRate\": 0.5}");
        assertEquals(200, set.statusCode(), set.body());
        Faults faults = simulator().faults();
        assertEquals(0.1, faults.rate(BadAnswer.MALFORMED_JSON));
        assertEquals(0.2, faults.rate(BadAnswer.TRUNCATED_BODY));
        assertEquals(0.05, faults.rate(BadAnswer.WRONG_TYPE));
        assertEquals(0.05, faults.rate(BadAnswer.LOGIN_PAGE));
        assertEquals(0.01, faults.rate(BadAnswer.HUGE_BODY));
        assertEquals(0.5, faults.rate(BadAnswer.TLS_NAME_MISMATCH));
        assertEquals(100_000_000L, faults.hugeBodyBytes());
        assertEquals(0.2, new JsonObject(client.get("/sim/faults").body()).getDouble("truncatedBodyRate"));
        assertEquals(0, new JsonObject(client.get("/sim/stats").body()).getJsonObject("bad_answers")
                .getLong("tls_name_mismatch"), "plain HTTP shakes no hands");
        assertEquals(400, client.post("/sim/faults", "{\"malformedJsonRate\": 0.6, \"wrongTypeRate\": 0.6}").statusCode());
        assertEquals(400, client.post("/sim/faults", "{\"hugeBodyBytes\": 1.5}").statusCode());
        assertEquals(400, client.post("/sim/faults", "{\"loginPageRate\": -1}").statusCode());
        assertEquals(200, client.post("/sim/faults", "{}").statusCode());
        assertEquals(Faults.none(), simulator().faults());
    }

    private static JsonObject query() {
        Instant end = NOW.minus(Duration.ofDays(2));
        return SimClient.query(simulator().estate().spokes().get(0).name(), end.minus(Duration.ofHours(6)), end);
    }
}
