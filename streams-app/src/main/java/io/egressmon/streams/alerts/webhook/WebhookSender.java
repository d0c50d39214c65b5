package io.egressmon.streams.alerts.webhook;

import io.egressmon.config.Secret;
import io.egressmon.streams.alerts.webhook.WebhookStats.Drop;
import io.egressmon.streams.alerts.webhook.WebhookStats.Retry;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs one alert to one webhook until it is delivered (2xx) or given up: 5xx, 408, 429, timeouts,
 * connection and TLS failures are tried again on the {@link RetrySchedule}; a 3xx or another 4xx is
 * dropped at once (the same request would get the same answer). Each try is signed afresh with its
 * own timestamp. TLS is the JDK's: its trust store, host names checked. Neither the secret nor the
 * URL's path is ever logged.
 */
final class WebhookSender {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    static final String DEDUPE_KEY_HEADER = "X-Egressmon-Dedupe-Key";
    static final String ATTEMPT_HEADER = "X-Egressmon-Attempt";
    private static final int LOGGED_BODY = 200;

    /** How one alert ended at one webhook. */
    enum Outcome { DELIVERED, DROPPED }

    private final HttpClient client;
    private final Secret secret;
    private final Duration timeout;
    private final RetrySchedule schedule;
    private final WebhookStats stats;
    private final Clock clock;

    WebhookSender(HttpClient client, WebhookSettings settings, WebhookStats stats, Clock clock) {
        this.client = client;
        this.secret = settings.secret();
        this.timeout = settings.timeout();
        this.schedule = RetrySchedule.of(settings.retryFor());
        this.stats = stats;
        this.clock = clock;
    }

    static HttpClient client(WebhookSettings settings) {
        return HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Delivers {@code body} (the alert {@code key}) to {@code webhook}, retrying as long as the
     * schedule allows.
     *
     * @throws InterruptedException when the deliverer stops meanwhile: the alert is neither delivered
     *                              nor dropped, and its offset stays uncommitted (sent again after the restart)
     */
    Outcome deliver(Webhook webhook, String key, byte[] body) throws InterruptedException {
        Instant firstTry = clock.instant();
        for (int attempt = 1; ; attempt++) {
            Retry reason;
            Duration retryAfter = null;
            String what;
            try {
                HttpResponse<InputStream> response = client.send(request(webhook, key, body, attempt),
                        HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                String answer = start(response.body());
                if (status >= 200 && status < 300) {
                    stats.delivered(webhook);
                    if (attempt > 1) {
                        LOG.info("{} accepted alert {} at try {}", webhook, key, attempt);
                    }
                    return Outcome.DELIVERED;
                }
                if (status == 408 || status == 429 || status >= 500) {
                    reason = status >= 500 ? Retry.SERVER_ERROR : Retry.THROTTLED;
                    retryAfter = retryAfter(response);
                    what = "answered " + status + answer;
                } else {
                    Drop drop = status < 400 ? Drop.REDIRECTED : Drop.REJECTED;
                    stats.dropped(webhook, drop);
                    LOG.warn("{} answered {} to alert {}{}: dropped ({}; {} would be refused again)", webhook, status,
                            key, answer, drop.label(), status < 400 ? "redirects are not followed, fix the URL;" : "the same request");
                    return Outcome.DROPPED;
                }
            } catch (HttpTimeoutException e) {
                reason = Retry.TIMEOUT;
                what = "did not answer within " + timeout.toMillis() + " ms";
            } catch (SSLException e) {
                reason = Retry.TLS;
                what = "failed the TLS handshake (" + e.getMessage() + "); its certificate must be trusted by the JDK";
            } catch (IOException e) {
                reason = Retry.CONNECTION;
                what = "could not be reached (" + e + ")";
            }
            Duration delay = schedule.delayAfter(attempt, retryAfter);
            Duration elapsed = Duration.between(firstTry, clock.instant());
            if (schedule.givesUp(elapsed, delay)) {
                stats.dropped(webhook, Drop.GAVE_UP);
                LOG.warn("{} {} at try {} of alert {}: given up after {} s (EGRESSMON_ALERT_WEBHOOK_RETRY_FOR={})",
                        webhook, what, attempt, key, elapsed.toSeconds(), schedule.retryFor());
                return Outcome.DROPPED;
            }
            stats.retried(webhook, reason);
            // 1, 2, 4, 8… tries: a receiver down for a day is not a line a minute.
            if (Integer.bitCount(attempt) == 1) {
                LOG.warn("{} {} at try {} of alert {}: trying again in {} ms", webhook, what, attempt, key, delay.toMillis());
            }
            Thread.sleep(delay.toMillis());
        }
    }

    private HttpRequest request(Webhook webhook, String key, byte[] body, int attempt) {
        long now = clock.instant().getEpochSecond();
        return HttpRequest.newBuilder(webhook.url())
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "egressmon-webhooks")
                .header(DEDUPE_KEY_HEADER, headerValue(key))
                .header(Signature.TIMESTAMP_HEADER, Long.toString(now))
                .header(Signature.HEADER, Signature.sign(secret, now, body))
                .header(ATTEMPT_HEADER, Integer.toString(attempt))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /** The key itself when it is printable ASCII (a header's characters), else percent-encoded UTF-8. */
    static String headerValue(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
            }
        }
        return key;
    }

    /** {@code Retry-After} in seconds; null when absent or a date (the schedule then decides). */
    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").filter(v -> v.strip().matches("[0-9]{1,9}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v.strip()))).orElse(null);
    }

    /** The answer's first characters, for the log (Slack says why it refused: {@code invalid_payload}). */
    private static String start(InputStream body) throws IOException {
        try (body) {
            byte[] head = body.readNBytes(LOGGED_BODY);
            String text = new String(head, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
            return text.isEmpty() ? "" : " (\"" + text + (head.length == LOGGED_BODY ? "…" : "") + "\")";
        }
    }
}
