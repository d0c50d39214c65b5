package io.egressmon.ingest.copilot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.ingest.IngestStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("What the CoPilot transport records for /metrics")
class ExchangeMetersTest {

    @Test
    @DisplayName("the call is the path without its query; a failure's outcome says timeout, I/O, TLS or bad answer")
    void labels() {
        assertEquals("/api/flowiq/field_agg", ExchangeMeters.call("/api/flowiq/field_agg?field=a&size=3"));
        assertEquals("/api/gateways", ExchangeMeters.call("/api/gateways"));
        assertEquals("timeout", ExchangeMeters.outcome(Future.failedFuture(new TimeoutException("no answer"))));
        assertEquals("io_error", ExchangeMeters.outcome(Future.failedFuture(new IOException("reset"))));
        assertEquals("tls_error", ExchangeMeters.outcome(Future.failedFuture(new IOException(new javax.net.ssl.SSLException("x")))));
        assertEquals("bad_answer", ExchangeMeters.outcome(Future.failedFuture(
                new UnusableAnswer(BadAnswerReason.BODY_TOO_LARGE, "too large", null))));
    }

    @Test
    @DisplayName("a timeout is in the latency histogram and in errors{kind=timeout}, beside the transport's other kinds at 0 and the bad answers by reason")
    void recordedInTheIngestsRegistry() {
        IngestStats stats = new IngestStats();
        ExchangeMeters meters = new ExchangeMeters(stats.meters());
        meters.record("/api/gateways", System.nanoTime(), Future.failedFuture(new TimeoutException("no answer")));
        PrometheusMeterRegistry registry = stats.meters();
        FunctionCounter.builder(ExchangeMeters.ERRORS, stats, s -> s.badAnswers(BadAnswerReason.LOGIN_PAGE))
                .description(ExchangeMeters.ERRORS_HELP).tag("kind", "login_page").register(registry);
        stats.badAnswer(BadAnswerReason.LOGIN_PAGE);
        meters.record("/api/gateways?x=1", System.nanoTime(), Future.failedFuture(new TimeoutException("again")));

        String text = registry.scrape();
        assertTrue(text.contains("egressmon_copilot_errors_total{kind=\"timeout\"} 2.0"), text);
        assertTrue(text.contains("egressmon_copilot_errors_total{kind=\"http_5xx\"} 0.0"), text);
        assertTrue(text.contains("egressmon_copilot_errors_total{kind=\"login_page\"} 1.0"), text);
        assertTrue(text.contains("egressmon_copilot_request_duration_seconds_count{call=\"/api/gateways\",outcome=\"timeout\"} 2"),
                text);
    }
}
