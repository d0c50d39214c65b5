package io.egressmon.ingest.copilot;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.AsyncResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What {@link CopilotTransport} measures of every exchange (docs/metrics.md): how long it took, by
 * call and outcome, as a histogram; and the failures that are not bad answers (those are counted by
 * reason in {@code IngestStats}, and served under the same {@link #ERRORS} family). The call is the
 * request's path without its query, one of the few our client sends, so the labels stay few.
 */
public final class ExchangeMeters {
    public static final String DURATION = "egressmon.copilot.request.duration";
    public static final String ERRORS = "egressmon.copilot.errors";
    public static final String ERRORS_HELP = "CoPilot exchanges that went wrong, by kind: a timeout, an I/O error, "
            + "an HTTP 4xx or 5xx, or an answer that could not be used (by reason)";
    /** From a fast local answer to the longest an exchange may take (EGRESSMON_REQUEST_TIMEOUT's order). */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final MeterRegistry registry;

    ExchangeMeters(MeterRegistry registry) {
        this.registry = registry;
        // At zero from the start, so that an alert on their rate has a series to read before the first failure.
        for (String kind : new String[] {"timeout", "io_error", "http_4xx", "http_5xx"}) {
            Counter.builder(ERRORS).description(ERRORS_HELP).tag("kind", kind).register(registry);
        }
    }

    /** Records one exchange with {@code path} that began at {@code startNanos} and ended as {@code result} says. */
    void record(String path, long startNanos, AsyncResult<HttpResponse<Buffer>> result) {
        String outcome = outcome(result);
        Timer.builder(DURATION)
                .description("CoPilot HTTP exchanges (one attempt each, logins included), by call and outcome")
                .tags("call", call(path), "outcome", outcome)
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        String kind = switch (outcome) {
            case "4xx" -> "http_4xx";
            case "5xx" -> "http_5xx";
            case "timeout", "io_error" -> outcome;
            default -> null;
        };
        if (kind != null) {
            Counter.builder(ERRORS).description(ERRORS_HELP).tag("kind", kind).register(registry).increment();
        }
    }

    /** The status class, or what kept the exchange from having one. */
    static String outcome(AsyncResult<HttpResponse<Buffer>> result) {
        if (result.succeeded()) {
            int status = result.result().statusCode();
            return status >= 100 && status < 600 ? (status / 100) + "xx" : "other";
        }
        Throwable cause = result.cause();
        if (cause instanceof UnusableAnswer) {
            return "bad_answer";
        }
        if (CopilotTransport.isTlsFailure(cause)) {
            return "tls_error";
        }
        return CopilotTransport.isTimeout(cause) ? "timeout" : "io_error";
    }

    static String call(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }
}
