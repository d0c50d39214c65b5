package io.egressmon.ingest.copilot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.copilot.sim.BadAnswer;
import io.egressmon.copilot.sim.CopilotSimulator;
import io.egressmon.copilot.sim.Estate;
import io.egressmon.copilot.sim.Faults;
import io.egressmon.copilot.sim.InterfaceRange;
import io.egressmon.copilot.sim.SimulatorConfig;
import io.egressmon.copilot.sim.SimulatorTls;
import io.egressmon.ingest.IngestStats;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client against the simulator's bad answers, kind by kind: each is recognised and counted
 * under its reason, once per bad answer the simulator gave; the ones worth another try converge on
 * the right numbers, and the rest fail the call at once, saying why.
 */
@DisplayName("Bad CoPilot answers")
class BadAnswersIT {
    private static final String PASSWORD = "simulator";
    /** The limit on an answer in these tests; the simulator's huge body is eight times that. */
    private static final int MAX_BYTES = 1 << 20;

    @TempDir
    static Path dir;
    private static CopilotSimulator sim;
    private static Estate estate;

    private Vertx vertx;
    private IngestStats stats;
    private final List<CopilotClient> clients = new ArrayList<>();

    @BeforeAll
    static void startSimulator() {
        sim = CopilotSimulator.start(SimulatorConfig.defaults());
        estate = sim.estate();
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @BeforeEach
    void start() {
        sim.faults(Faults.none());
        vertx = Vertx.vertx();
        stats = new IngestStats();
    }

    @AfterEach
    void stop() {
        clients.forEach(CopilotClient::close);
        clients.clear();
        vertx.close();
        sim.faults(Faults.none());
    }

    private CopilotClient client(CopilotSimulator simulator, String... more) {
        CopilotClient client = new CopilotClient(vertx, CopilotSettingsTest.read(Map.of("COPILOT_URL", simulator.baseUrl(),
                "USERNAME", "admin", "PASSWORD", PASSWORD, "EGRESSMON_RETRY_BASE_DELAY", "5ms",
                "EGRESSMON_RETRY_MAX_DELAY", "20ms", "EGRESSMON_MAX_ATTEMPTS", "8", "EGRESSMON_REQUEST_TIMEOUT", "10s",
                "EGRESSMON_MAX_RESPONSE_BYTES", Integer.toString(MAX_BYTES)), more), stats);
        clients.add(client);
        return client;
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static CopilotException failure(Future<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
        return assertInstanceOf(CopilotException.class, e.getCause());
    }

    private static List<String> spokes() {
        return estate.spokes().stream().map(io.egressmon.copilot.sim.Gateway::name).toList();
    }

    /** The client's reason for each of the simulator's per-call kinds. */
    private static BadAnswerReason reasonFor(BadAnswer kind) {
        return switch (kind) {
            case MALFORMED_JSON -> BadAnswerReason.MALFORMED_JSON;
            case TRUNCATED_BODY -> BadAnswerReason.TRUNCATED_BODY;
            case WRONG_TYPE -> BadAnswerReason.WRONG_TYPE;
            case LOGIN_PAGE -> BadAnswerReason.LOGIN_PAGE;
            case HUGE_BODY -> BadAnswerReason.BODY_TOO_LARGE;
            case TLS_NAME_MISMATCH -> BadAnswerReason.TLS_NAME_MISMATCH;
        };
    }

    private static void assertOnly(IngestStats stats, BadAnswerReason reason, long count) {
        for (BadAnswerReason r : BadAnswerReason.values()) {
            assertEquals(r == reason ? count : 0, stats.badAnswers(r), r.label() + " in " + stats);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = BadAnswer.class, names = {"MALFORMED_JSON", "TRUNCATED_BODY", "WRONG_TYPE", "LOGIN_PAGE"})
    @DisplayName("at 40 %, every call still gets the right answer, and each bad answer is counted once under its reason")
    void triedAgainUntilRight(BadAnswer kind) throws Exception {
        CopilotClient client = client(sim);
        await(client.login());
        sim.faults(Faults.none().withBadAnswer(kind, 0.4));
        long before = sim.stats().badAnswers(kind);
        Instant start = estate.anchor().minus(Duration.ofDays(2));
        Instant end = estate.anchor().minus(Duration.ofDays(1));
        Instant now = sim.config().clock().instant();

        for (int round = 0; round < 8; round++) {
            assertEquals(19, await(client.gateways()).size());
            for (GatewayPerformance p : await(client.performance(spokes(), start, end))) {
                Map<String, InterfaceRange> expected = estate.performance(p.gateway(), start, end, now);
                assertEquals(expected.keySet(), p.interfaces().keySet(), p.gateway());
                expected.forEach((iface, r) -> assertEquals(new InterfaceMinMax(r.rxBytes().min(), r.rxBytes().max(),
                        r.txBytes().min(), r.txBytes().max()), p.interfaces().get(iface), p.gateway() + "/" + iface));
            }
        }

        long given = sim.stats().badAnswers(kind) - before;
        assertTrue(given > 0, "the simulator gave some " + kind);
        assertOnly(stats, reasonFor(kind), given);
        assertEquals(0, stats.failedCalls.get(), stats.toString());
        if (kind == BadAnswer.LOGIN_PAGE || kind == BadAnswer.WRONG_TYPE) {
            assertTrue(stats.relogins.get() > 0, "a login page (or a first wrong type) logs in again: " + stats);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = BadAnswer.class, names = {"MALFORMED_JSON", "TRUNCATED_BODY", "WRONG_TYPE", "LOGIN_PAGE"})
    @DisplayName("when every answer is bad, the call fails after its tries, naming the call and the reason, never the password")
    void failsAfterItsTries(BadAnswer kind) throws Exception {
        CopilotClient client = client(sim);
        await(client.login());
        sim.faults(Faults.none().withBadAnswer(kind, 1));

        CopilotException e = failure(client.gateways());

        assertEquals(reasonFor(kind), e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("GET /api/gateways") && e.getMessage().contains(reasonFor(kind).label()),
                e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD));
        assertTrue(stats.badAnswers(reasonFor(kind)) >= 2, "tried more than once: " + stats);
        assertEquals(1, stats.failedCalls.get());
    }

    @Test
    @DisplayName("an answer over the limit fails its call at once, unread past the limit; the next call on the same client works")
    void tooLarge() throws Exception {
        CopilotClient client = client(sim);
        await(client.login());
        sim.faults(Faults.none().withBadAnswer(BadAnswer.HUGE_BODY, 1).withHugeBodyBytes(8L * MAX_BYTES));
        long requests = stats.requests.get();

        CopilotException e = failure(client.gateways());

        assertEquals(BadAnswerReason.BODY_TOO_LARGE, e.reason());
        assertTrue(e.getMessage().contains("EGRESSMON_MAX_RESPONSE_BYTES") && e.getMessage().contains("GET /api/gateways"),
                e.getMessage());
        assertEquals(requests + 1, stats.requests.get(), "not asked again: the same question gets the same answer");
        assertOnly(stats, BadAnswerReason.BODY_TOO_LARGE, 1);

        sim.faults(Faults.none().withBadAnswer(BadAnswer.HUGE_BODY, 1).withHugeBodyBytes(MAX_BYTES - 1024));
        assertEquals(19, await(client.gateways()).size(), "a large answer under the limit is read");
        sim.faults(Faults.none());
        assertEquals(19, await(client.gateways()).size());
        assertOnly(stats, BadAnswerReason.BODY_TOO_LARGE, 1);
    }

    /** The simulator over HTTPS, its certificate for 127.0.0.1 trusted through the CA file. */
    @Nested
    @DisplayName("over TLS")
    class OverTls {
        private CopilotSimulator https;

        @BeforeEach
        void startHttps() {
            https = CopilotSimulator.start(SimulatorConfig.defaults().withTls(SimulatorTls.generate(dir)));
        }

        @AfterEach
        void stopHttps() {
            https.close();
        }

        private CopilotClient trusting() {
            return client(https, "EGRESSMON_COPILOT_CA_FILE", https.config().tls().trustFile().toString());
        }

        @Test
        @DisplayName("a certificate for another name fails the call at once as tls_name_mismatch, with verification on")
        void nameMismatch() throws Exception {
            assertEquals(19, await(trusting().gateways()).size(), "the right certificate is trusted");
            https.faults(Faults.none().withBadAnswer(BadAnswer.TLS_NAME_MISMATCH, 1));
            IngestStats before = stats;
            stats = new IngestStats();

            CopilotException e = failure(trusting().gateways());

            assertEquals(BadAnswerReason.TLS_NAME_MISMATCH, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("another name") && e.getMessage().contains("127.0.0.1"), e.getMessage());
            assertFalse(e.getMessage().contains(PASSWORD));
            assertEquals(1, stats.requests.get(), "not tried again: only the operator can fix the address");
            assertOnly(stats, BadAnswerReason.TLS_NAME_MISMATCH, 1);
            assertOnly(before, null, 0);

            https.faults(Faults.none());
            assertEquals(19, await(trusting().gateways()).size(), "back once the right certificate is presented");
        }

        @Test
        @DisplayName("a certificate no trusted CA signed is tls_handshake, and the message says how to trust it")
        void untrusted() {
            CopilotException e = failure(client(https).gateways());

            assertEquals(BadAnswerReason.TLS_HANDSHAKE, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("EGRESSMON_COPILOT_CA_FILE"), e.getMessage());
            assertOnly(stats, BadAnswerReason.TLS_HANDSHAKE, 1);
        }
    }
}
