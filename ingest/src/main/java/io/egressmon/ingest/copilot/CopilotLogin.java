package io.egressmon.ingest.copilot;

import io.egressmon.ingest.IngestStats;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login state of one CoPilot client: it logs in on first use, lets every call that needs a
 * login at the same moment wait for the same one, and logs in again when a call finds the session
 * gone. Each login starts a new generation, so that a call refused with an old session forgets
 * only that one, never a newer session another call has already made. 5xx answers, timeouts and
 * I/O errors of the login itself are retried like any call; a refused user name or password is not.
 *
 * <p>Not thread-safe: its state is touched on the session's Vert.x context only.
 */
final class CopilotLogin {
    /** {@code POST} with the user name and password; the answer's cookie is the session. */
    static final String PATH = "/api/login";

    private static final Logger log = LoggerFactory.getLogger(CopilotLogin.class);

    private final Vertx vertx;
    private final CopilotTransport transport;
    private final CopilotCredentials credentials;
    private final RetryPolicy retry;
    private final IngestStats stats;

    private boolean loggedIn;
    private int generation;
    private Future<Integer> loginInFlight;

    CopilotLogin(Vertx vertx, CopilotTransport transport, CopilotCredentials credentials, RetryPolicy retry,
                 IngestStats stats) {
        this.vertx = vertx;
        this.transport = transport;
        this.credentials = credentials;
        this.retry = retry;
        this.stats = stats;
    }

    String username() {
        return credentials.username();
    }

    /** A valid session's generation: logs in when there is none, sharing one login among concurrent calls. */
    Future<Integer> session() {
        if (loggedIn) {
            return Future.succeededFuture(generation);
        }
        Future<Integer> shared = loginInFlight;
        if (shared != null) {
            return shared;
        }
        Future<Integer> login = attempt(0);
        if (!login.isComplete()) {
            loginInFlight = login;
            login.onComplete(ar -> loginInFlight = null);
        }
        return login;
    }

    /** Logs in now, even if a session exists. */
    Future<Integer> again() {
        loggedIn = false;
        return session();
    }

    /** A call sent with session {@code generationUsed} was refused: the next call logs in, unless a newer session exists. */
    void lost(int generationUsed) {
        if (generation == generationUsed) {
            loggedIn = false;
        }
    }

    private Future<Integer> attempt(int tries) {
        if (transport.closed()) {
            return Future.failedFuture(new CopilotException("POST " + PATH, 0,
                    "CoPilot login: client closed", null));
        }
        JsonObject body = new JsonObject().put("username", credentials.username())
                .put("password", credentials.password().reveal());
        return transport.send(HttpMethod.POST, PATH, body).transform(ar -> {
            String what = "login as '" + credentials.username() + "' at " + transport.baseUrl();
            if (ar.failed()) {
                Throwable cause = ar.cause();
                if (cause instanceof UnusableAnswer bad) {
                    stats.badAnswer(bad.reason());
                    if (bad.reason() == BadAnswerReason.TRUNCATED_BODY) {
                        log.warn("CoPilot {}: bad answer {}: {}; trying again", what, bad.reason().label(), bad.getMessage());
                        return retry(tries, 0, what + ": " + bad.reason().label() + ": " + bad.getMessage(), bad);
                    }
                    return failed(0, bad.reason(), "CoPilot " + what + ": " + bad.reason().label() + ": " + bad.getMessage(), bad);
                }
                if (CopilotTransport.isTlsFailure(cause)) {
                    BadAnswerReason reason = CopilotTransport.tlsReason(cause);
                    stats.badAnswer(reason);
                    return failed(0, reason, transport.tlsFailure("login", cause), cause);
                }
                return retry(tries, 0, what + ": " + CopilotTransport.describe(cause), cause);
            }
            int status = ar.result().statusCode();
            if (status >= 200 && status < 300) {
                return loggedIn();
            }
            if (status == 401 || status == 403) {
                return failed(status, "CoPilot refused the " + what + " (HTTP " + status
                        + "): check the user name and password (" + credentials.settings() + ")", null);
            }
            if (status >= 500 || status == 429 || status == 408) {
                return retry(tries, status, what + ": HTTP " + status, null);
            }
            return failed(status, "CoPilot " + what + " answered HTTP " + status, null);
        });
    }

    private Future<Integer> loggedIn() {
        loggedIn = true;
        generation++;
        stats.loginCount.incrementAndGet();
        if (generation > 1) {
            stats.relogins.incrementAndGet();
            log.debug("logged in again to CoPilot at {} as '{}'", transport.baseUrl(), credentials.username());
        } else {
            log.info("logged in to CoPilot at {} as '{}'", transport.baseUrl(), credentials.username());
        }
        return Future.succeededFuture(generation);
    }

    private Future<Integer> retry(int tries, int status, String why, Throwable cause) {
        int done = tries + 1;
        if (done >= retry.maxAttempts()) {
            return failed(status, "CoPilot " + why + " (gave up after " + done + " attempt" + (done == 1 ? "" : "s") + ")",
                    cause);
        }
        stats.retries.incrementAndGet();
        log.debug("CoPilot {}; try {} of {}", why, done + 1, retry.maxAttempts());
        return retry.pause(vertx, done).compose(v -> attempt(done));
    }

    private Future<Integer> failed(int status, String message, Throwable cause) {
        return failed(status, null, message, cause);
    }

    private Future<Integer> failed(int status, BadAnswerReason reason, String message, Throwable cause) {
        stats.failedCalls.incrementAndGet();
        return Future.failedFuture(new CopilotException("POST " + PATH, status, reason, message, cause));
    }
}
