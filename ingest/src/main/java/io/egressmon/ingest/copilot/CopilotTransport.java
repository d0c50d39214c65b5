package io.egressmon.ingest.copilot;

import io.egressmon.ingest.IngestStats;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP to one CoPilot: the Vert.x Web Client with its TLS trust, a cookie jar that carries the
 * login session, a deadline on every exchange and a limit on the size of every answer
 * ({@link CappedBody}). It sends and says what went wrong — an answer too large or cut off is an
 * {@link UnusableAnswer}, a failed handshake is told apart by {@link #tlsReason} — whether to try
 * again is the session's call.
 */
final class CopilotTransport implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CopilotTransport.class);

    private final Vertx vertx;
    private final WebClient web;
    private final WebClientSession cookies;
    private final String baseUrl;
    private final long timeoutMillis;
    private final long maxResponseBytes;
    private final CopilotTls tls;
    private final IngestStats stats;
    private final ExchangeMeters meters;
    private volatile boolean closed;

    /**
     * @param requestTimeout from sending a request to having its whole answer; also the connect timeout
     * @param callsInFlight  how many calls the session lets run at once
     * @param maxResponseBytes the longest answer body read; a longer one fails the exchange
     */
    CopilotTransport(Vertx vertx, URI url, CopilotTls tls, Duration requestTimeout, int callsInFlight,
                     long maxResponseBytes, IngestStats stats) {
        this.vertx = vertx;
        this.baseUrl = stripSlash(url);
        this.timeoutMillis = Math.max(1, requestTimeout.toMillis());
        this.maxResponseBytes = maxResponseBytes;
        this.tls = tls;
        this.stats = stats;
        this.meters = new ExchangeMeters(stats.meters());
        WebClientOptions options = new WebClientOptions()
                .setUserAgent("egressmon-ingest")
                .setKeepAlive(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis))
                .setFollowRedirects(false)
                .setVerifyHost(true);
        if (tls.insecure()) {
            log.warn("TLS verification of CoPilot at {} is OFF ({}=true): any certificate and host name is accepted",
                    baseUrl, tls.insecureSetting());
            options.setTrustAll(true).setVerifyHost(false);
        } else if (tls.caFile() != null) {
            options.setTrustOptions(new PemTrustOptions().addCertPath(tls.caFile().toString()));
        }
        // One connection more than calls in flight: a re-login must never wait behind the calls that need it.
        this.web = WebClient.create(vertx, options, new PoolOptions().setHttp1MaxSize(callsInFlight + 1));
        this.cookies = WebClientSession.create(web);
    }

    /** CoPilot's URL without a trailing slash, e.g. {@code https://copilot.example}. */
    String baseUrl() {
        return baseUrl;
    }

    boolean closed() {
        return closed;
    }

    /**
     * One HTTP exchange with a deadline on the complete answer and a limit on its size. Fails with
     * an {@link UnusableAnswer} when the answer is too large ({@link BadAnswerReason#BODY_TOO_LARGE})
     * or the connection closed after it began ({@link BadAnswerReason#TRUNCATED_BODY}).
     */
    Future<HttpResponse<Buffer>> send(HttpMethod method, String path, Object body) {
        stats.requests.incrementAndGet();
        long start = System.nanoTime();
        CappedBody capped = new CappedBody(maxResponseBytes);
        HttpRequest<Buffer> request = cookies.requestAbs(method, baseUrl + path)
                .as(capped)
                .timeout(timeoutMillis)
                .putHeader("Accept", "application/json");
        Future<HttpResponse<Buffer>> sent = body == null ? request.send() : request.sendJson(body);
        // The request's own timeout fires only after that long without any data; this deadline also ends an
        // answer that keeps trickling in.
        Promise<HttpResponse<Buffer>> answer = Promise.promise();
        long timer = vertx.setTimer(timeoutMillis, id -> answer.tryFail(
                new TimeoutException("no complete answer within " + Duration.ofMillis(timeoutMillis))));
        sent.onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (ar.succeeded()) {
                answer.tryComplete(ar.result());
            } else {
                answer.tryFail(cutOff(capped, ar.cause()));
            }
        });
        return answer.future().andThen(ar -> meters.record(path, start, ar));
    }

    /** {@code failure} as an answer cut off when the answer had begun and the connection then failed. */
    private static Throwable cutOff(CappedBody capped, Throwable failure) {
        if (!capped.started() || failure instanceof UnusableAnswer || isTimeout(failure)) {
            return failure;
        }
        return new UnusableAnswer(BadAnswerReason.TRUNCATED_BODY, "the answer was cut off after " + capped.received()
                + " bytes of its body (" + failure.getClass().getSimpleName() + ": " + failure.getMessage() + ")", failure);
    }

    static boolean isTimeout(Throwable e) {
        return e instanceof TimeoutException || e.getClass().getSimpleName().contains("Timeout");
    }

    /** True when {@code e} comes from the TLS handshake: trying again would fail the same way. */
    static boolean isTlsFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Which TLS failure {@code e} is: the certificate made out for another name than the URL's
     * (the JDK's host name check says "No subject alternative names matching …" or "No name
     * matching …"), or any other.
     */
    static BadAnswerReason tlsReason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("No subject alternative") || message.contains("No name matching")) {
                return BadAnswerReason.TLS_NAME_MISMATCH;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return BadAnswerReason.TLS_HANDSHAKE;
    }

    /** What to tell the operator when the handshake for {@code what} failed: the cause and what to do. */
    String tlsFailure(String what, Throwable cause) {
        if (tlsReason(cause) == BadAnswerReason.TLS_NAME_MISMATCH) {
            return "CoPilot " + what + ": " + BadAnswerReason.TLS_NAME_MISMATCH.label() + ": TLS handshake with " + baseUrl
                    + " failed: its certificate is made out for another name (" + rootMessage(cause) + "). Use the name"
                    + " the certificate is for in the CoPilot URL; verification stays on";
        }
        return "CoPilot " + what + ": " + BadAnswerReason.TLS_HANDSHAKE.label() + ": TLS handshake with " + baseUrl
                + " failed (" + rootMessage(cause) + "). If CoPilot's certificate comes from a private CA, point "
                + tls.caFileSetting() + " at its PEM bundle; " + tls.insecureSetting()
                + "=true turns verification off (not recommended)";
    }

    /** A failed exchange in a few words: "timed out (...)" or the exception's name and message. */
    static String describe(Throwable e) {
        if (isTimeout(e)) {
            return "timed out (" + e.getMessage() + ")";
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** The start of an answer's body on one line, to quote in an error message. */
    static String snippet(HttpResponse<Buffer> response) {
        Buffer body = response.body();
        if (body == null) {
            return "(no body)";
        }
        String s = body.toString().replaceAll("\\s+", " ").strip();
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    @Override
    public void close() {
        closed = true;
        web.close();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String stripSlash(URI uri) {
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
