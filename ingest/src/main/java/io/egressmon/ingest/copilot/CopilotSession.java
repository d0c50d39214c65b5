package io.egressmon.ingest.copilot;

import io.egressmon.ingest.IngestStats;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.client.HttpResponse;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every call to CoPilot goes through here, logged in and within the in-flight limit. A call
 * answered 401/403, or 200 with an HTML page (CoPilot serves its login page when the session is
 * gone), logs in again and is sent again. 5xx answers, timeouts and I/O errors are retried with
 * back-off ({@link RetryPolicy}); a TLS failure or another 4xx fails at once. An answer that
 * cannot be used for what it says rather than for its status — malformed, cut off, of the wrong
 * type, a login page, too large, or behind a certificate for another name — is a
 * {@link BadAnswerReason}: counted in {@link IngestStats#badAnswer}, logged once as a WARN naming
 * the call, and handled as that reason says. A call that fails for good fails with a
 * {@link CopilotException} naming it and, for a bad answer, its reason.
 *
 * <p>All session state lives on one Vert.x context; calls from elsewhere are moved onto it.
 */
final class CopilotSession {
    private static final Logger log = LoggerFactory.getLogger(CopilotSession.class);

    private final Vertx vertx;
    private final Context context;
    private final CopilotTransport transport;
    private final CopilotLogin login;
    private final RetryPolicy retry;
    private final InFlightLimit limit;
    private final IngestStats stats;

    CopilotSession(Vertx vertx, CopilotTransport transport, CopilotCredentials credentials, RetryPolicy retry,
                   InFlightLimit limit, IngestStats stats) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.transport = transport;
        this.login = new CopilotLogin(vertx, transport, credentials, retry, stats);
        this.retry = retry;
        this.limit = limit;
        this.stats = stats;
    }

    /** Logs in now (again, if a session exists). */
    Future<Void> login() {
        return onContext(() -> login.again().mapEmpty());
    }

    /**
     * Sends one call and reads its JSON answer with {@code read}; {@code what} names the call in
     * messages, e.g. {@code "GET /api/gateways"}. A {@code read} that throws makes the answer one
     * of the wrong shape: the session is renewed once in case that is why, then the call fails.
     */
    <T> Future<T> call(String what, HttpMethod method, String path, Object body, Function<Object, T> read) {
        return onContext(() -> {
            Call<T> call = new Call<>(what, method, path, body, read);
            return limit.run(() -> attempt(call));
        });
    }

    /** Runs {@code body} on this session's context, where all session state lives. */
    private <T> Future<T> onContext(Supplier<Future<T>> body) {
        if (Vertx.currentContext() == context) {
            return body.get();
        }
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> {
            try {
                body.get().onComplete(promise);
            } catch (RuntimeException e) {
                promise.fail(e);
            }
        });
        return promise.future();
    }

    private static final class Call<T> {
        final String what;
        final HttpMethod method;
        final String path;
        final Object body;
        final Function<Object, T> read;
        int tries;
        int relogins;
        boolean afterRelogin;
        boolean wrongTypeSeen;

        Call(String what, HttpMethod method, String path, Object body, Function<Object, T> read) {
            this.what = what;
            this.method = method;
            this.path = path;
            this.body = body;
            this.read = read;
        }
    }

    private <T> Future<T> attempt(Call<T> call) {
        if (transport.closed()) {
            return Future.failedFuture(new CopilotException(call.what, 0, null, "CoPilot " + call.what + ": client closed", null));
        }
        return login.session().compose(gen -> transport.send(call.method, call.path, call.body)
                .transform(ar -> outcome(call, gen, ar)));
    }

    private <T> Future<T> outcome(Call<T> call, int generationUsed, AsyncResult<HttpResponse<Buffer>> ar) {
        if (ar.failed()) {
            Throwable cause = ar.cause();
            if (cause instanceof UnusableAnswer bad) {
                return badAnswer(call, generationUsed, 0, bad.reason(), bad.getMessage(), bad);
            }
            if (CopilotTransport.isTlsFailure(cause)) {
                BadAnswerReason reason = CopilotTransport.tlsReason(cause);
                stats.badAnswer(reason);
                return giveUp(call, 0, reason, transport.tlsFailure(call.what, cause), cause);
            }
            return retry(call, 0, null, CopilotTransport.describe(cause), cause);
        }
        HttpResponse<Buffer> response = ar.result();
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            return sessionGone(call, generationUsed, status, null, "HTTP " + status);
        }
        if (status >= 500 || status == 429 || status == 408) {
            return retry(call, status, null, "HTTP " + status, null);
        }
        if (status < 200 || status >= 300) {
            return giveUp(call, status, null, "CoPilot " + call.what + " answered HTTP " + status + ": "
                    + CopilotTransport.snippet(response), null);
        }
        Buffer body = response.body();
        String type = response.getHeader("Content-Type");
        if (body == null || body.length() == 0) {
            return badAnswer(call, generationUsed, status, BadAnswerReason.TRUNCATED_BODY, "HTTP " + status
                    + " with an empty body", null);
        }
        if (AnswerBody.isHtml(type, body)) {
            return badAnswer(call, generationUsed, status, BadAnswerReason.LOGIN_PAGE, "HTTP " + status + " with an HTML page ("
                    + (type == null ? "no content type" : type) + "): " + CopilotTransport.snippet(response), null);
        }
        Object json;
        try {
            json = Json.decodeValue(body);
        } catch (DecodeException e) {
            BadAnswerReason reason = AnswerBody.endsEarly(e) ? BadAnswerReason.TRUNCATED_BODY : BadAnswerReason.MALFORMED_JSON;
            return badAnswer(call, generationUsed, status, reason, "HTTP " + status + ", " + body.length() + " bytes"
                    + (type == null ? "" : " of " + type) + ": " + AnswerBody.firstLine(e.getMessage()), null);
        }
        try {
            return Future.succeededFuture(call.read.apply(json));
        } catch (MisalignedAnswer e) {
            return giveUp(call, status, null, "CoPilot " + call.what + " answered " + e.getMessage(), e);
        } catch (RuntimeException e) {
            return badAnswer(call, generationUsed, status, BadAnswerReason.WRONG_TYPE, "JSON of the wrong type: "
                    + e.getMessage(), e);
        }
    }

    /**
     * An answer unusable for {@code reason}: counted, then handled as {@link BadAnswerReason} says,
     * with one WARN line when the call goes on (a call that fails for good is reported by its caller,
     * from the {@link CopilotException}, so it is not logged twice).
     */
    private <T> Future<T> badAnswer(Call<T> call, int generationUsed, int status, BadAnswerReason reason, String detail,
                                    Throwable cause) {
        stats.badAnswer(reason);
        String why = reason.label() + ": " + detail;
        switch (reason) {
            case LOGIN_PAGE -> {
                warnGoingOn(call, why, "logging in again");
                return sessionGone(call, generationUsed, status, reason, why);
            }
            case WRONG_TYPE -> {
                if (!call.wrongTypeSeen) {
                    call.wrongTypeSeen = true;
                    // Some proxies and CoPilot versions answer a lost session with a JSON page of another shape.
                    warnGoingOn(call, why, "logging in again");
                    return sessionGone(call, generationUsed, status, reason, why);
                }
                return retryBadAnswer(call, status, reason, why, cause);
            }
            case MALFORMED_JSON, TRUNCATED_BODY -> {
                return retryBadAnswer(call, status, reason, why, cause);
            }
            default -> {
                return giveUp(call, status, reason, "CoPilot " + call.what + ": " + why + (reason == BadAnswerReason.BODY_TOO_LARGE
                        ? "; raise EGRESSMON_MAX_RESPONSE_BYTES if CoPilot's answers are really this large" : ""), cause);
            }
        }
    }

    private <T> Future<T> retryBadAnswer(Call<T> call, int status, BadAnswerReason reason, String why, Throwable cause) {
        if (call.tries + 1 < retry.maxAttempts()) {
            warnGoingOn(call, why, "trying again (" + (call.tries + 2) + " of " + retry.maxAttempts() + ")");
        }
        return retry(call, status, reason, why, cause);
    }

    private void warnGoingOn(Call<?> call, String why, String next) {
        log.warn("CoPilot {}: bad answer {}; {}", call.what, why, next);
    }

    /**
     * The session is gone (or never was valid for this call): log in again and send the call again.
     * The first time this is free; if the call is refused again right after a fresh login, each
     * further round counts as a try, so a user without permission ends in a failure, not a loop.
     */
    private <T> Future<T> sessionGone(Call<T> call, int generationUsed, int status, BadAnswerReason reason, String why) {
        if (call.afterRelogin) {
            call.tries++;
            if (call.tries >= retry.maxAttempts()) {
                return giveUp(call, status, reason, "CoPilot " + call.what + " was refused (" + why + ") even after logging in again as '"
                        + login.username() + "': check that this user may use the API", null);
            }
        }
        call.relogins++;
        call.afterRelogin = true;
        login.lost(generationUsed);
        log.debug("CoPilot session gone ({} on {}): logging in again", why, call.what);
        Future<Void> pause = call.tries > 0 && call.relogins > 1 ? retry.pause(vertx, call.tries) : Future.succeededFuture();
        return pause.compose(v -> attempt(call));
    }

    private <T> Future<T> retry(Call<T> call, int status, BadAnswerReason reason, String why, Throwable cause) {
        call.tries++;
        call.afterRelogin = false;
        if (call.tries >= retry.maxAttempts()) {
            return giveUp(call, status, reason, "CoPilot " + call.what + " failed after " + call.tries + " attempt"
                    + (call.tries == 1 ? "" : "s") + ": " + why, cause);
        }
        stats.retries.incrementAndGet();
        log.debug("CoPilot {} failed ({}), try {} of {}", call.what, why, call.tries + 1, retry.maxAttempts());
        return retry.pause(vertx, call.tries).compose(v -> attempt(call));
    }

    private <T> Future<T> giveUp(Call<T> call, int status, BadAnswerReason reason, String message, Throwable cause) {
        stats.failedCalls.incrementAndGet();
        log.debug("{}", message);
        return Future.failedFuture(new CopilotException(call.what, status, reason, message, cause));
    }
}
