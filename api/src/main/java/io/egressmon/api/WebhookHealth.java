package io.egressmon.api;

import java.util.Map;

/**
 * The alert webhooks' part of the streams app's {@code GET /health} (docs/budgets.md, "Webhooks"):
 * what this instance's deliverer did since it started, all webhooks together.
 *
 * @param webhooks   how many URLs are configured
 * @param alertsDone alerts delivered to (or given up at) every webhook, their offset committed
 * @param delivered  POSTs answered 2xx
 * @param retried    tries that failed and were tried again, by reason ({@code server_error},
 *                   {@code throttled}, {@code timeout}, {@code connection}, {@code tls}), in a stable order
 * @param dropped    alerts not delivered to a webhook, by reason ({@code rejected}, {@code redirected},
 *                   {@code gave_up}, {@code unreadable}), in a stable order
 */
public record WebhookHealth(int webhooks, long alertsDone, long delivered, Map<String, Long> retried,
                            Map<String, Long> dropped) {
}
