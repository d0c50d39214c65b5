package io.egressmon.ingest.copilot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.ingest.IngestStats;
import io.egressmon.config.Secret;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The session on its own, against a small HTTP server: a slow login that hands out numbered
 * session cookies, and one API path that answers only the newest session.
 */
@DisplayName("The CoPilot session")
class CopilotSessionIT {
    private static final String PASSWORD = "s3cret-pass";

    private Vertx serverVertx;
    private HttpServer server;
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicBoolean loginPageOnce = new AtomicBoolean();
    private final AtomicBoolean forbidden = new AtomicBoolean();

    private Vertx vertx;
    private IngestStats stats;
    private CopilotTransport transport;
    private CopilotSession session;

    @BeforeEach
    void start() throws Exception {
        serverVertx = Vertx.vertx();
        server = await(serverVertx.createHttpServer().requestHandler(this::answer).listen(0, "127.0.0.1"));
        vertx = Vertx.vertx();
        stats = new IngestStats();
        RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20));
        transport = new CopilotTransport(vertx, URI.create("http://127.0.0.1:" + server.actualPort() + "/"),
                new CopilotTls(false, null, "INSECURE", "CA_FILE"), Duration.ofSeconds(5), 4, 1 << 20, stats);
        session = new CopilotSession(vertx, transport, new CopilotCredentials("admin", Secret.of(PASSWORD), "USER/PASS"),
                retry, new InFlightLimit(4), stats);
    }

    @AfterEach
    void stop() throws Exception {
        transport.close();
        await(vertx.close());
        await(serverVertx.close());
    }

    private void answer(HttpServerRequest req) {
        if (req.path().equals(CopilotLogin.PATH)) {
            // Slow on purpose, so that calls arriving together all find the login still in flight.
            serverVertx.setTimer(150, id -> req.response().putHeader("set-cookie", "s=" + logins.incrementAndGet() + "; Path=/")
                    .putHeader("content-type", "application/json").end("{\"status\": \"ok\"}"));
            return;
        }
        boolean current = String.valueOf(req.getHeader("cookie")).contains("s=" + logins.get());
        if (!current || forbidden.get()) {
            req.response().setStatusCode(current ? 403 : 401).end();
        } else if (loginPageOnce.getAndSet(false)) {
            req.response().putHeader("content-type", "text/html").end("<html><body>Sign in</body></html>");
        } else {
            req.response().putHeader("content-type", "application/json").end("[\"gw-1\", \"gw-2\"]");
        }
    }

    private Future<Object> gateways() {
        return session.call("GET /api/gateways", HttpMethod.GET, "/api/gateways", null, json -> json);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("calls that need a login at the same moment all wait for the same one")
    void oneLoginForConcurrentCalls() throws Exception {
        List<Future<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(gateways());
        }
        for (Future<Object> call : calls) {
            assertEquals(new JsonArray().add("gw-1").add("gw-2"), await(call));
        }
        assertEquals(1, logins.get());
        assertEquals(1, stats.loginCount.get());
        assertEquals(0, stats.relogins.get());
    }

    @Test
    @DisplayName("a 200 that is not JSON (the login page) means the session is gone: one new login, and the call succeeds")
    void loginPageMeansSessionGone() throws Exception {
        await(session.login());
        loginPageOnce.set(true);

        assertEquals(new JsonArray().add("gw-1").add("gw-2"), await(gateways()));

        assertEquals(2, stats.loginCount.get());
        assertEquals(1, stats.relogins.get());
        assertEquals(0, stats.retries.get(), "a lost session is not a failed try");
    }

    @Test
    @DisplayName("a call refused even right after a new login fails after the tries allowed, naming the user and never the password")
    void refusedAfterReloginFails() throws Exception {
        await(session.login());
        forbidden.set(true);

        ExecutionException e = assertThrows(ExecutionException.class, () -> await(gateways()));

        CopilotException failure = assertInstanceOf(CopilotException.class, e.getCause());
        assertEquals(403, failure.status());
        assertTrue(failure.getMessage().contains("even after logging in again as 'admin'"), failure.getMessage());
        assertFalse(failure.getMessage().contains(PASSWORD));
        assertEquals(1, stats.failedCalls.get());
    }

    @Test
    @DisplayName("after close, calls fail at once, naming the call")
    void closed() throws Exception {
        await(session.login());
        transport.close();

        ExecutionException e = assertThrows(ExecutionException.class, () -> await(gateways()));

        CopilotException failure = assertInstanceOf(CopilotException.class, e.getCause());
        assertEquals("GET /api/gateways", failure.call());
        assertTrue(failure.getMessage().contains("client closed"), failure.getMessage());
    }
}
