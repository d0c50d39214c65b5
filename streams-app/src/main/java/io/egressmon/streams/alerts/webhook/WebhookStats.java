package io.egressmon.streams.alerts.webhook;

import io.egressmon.api.WebhookHealth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the deliverer counts, per webhook: POSTs delivered, tries retried by reason, alerts dropped by
 * reason ({@code /health}'s {@link WebhookHealth} sums the webhooks; {@code /metrics} keeps them apart).
 */
public final class WebhookStats {
    /** Why a try is tried again. */
    public enum Retry {
        SERVER_ERROR, THROTTLED, TIMEOUT, CONNECTION, TLS;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Why an alert is not delivered to a webhook. */
    public enum Drop {
        /** A 4xx other than 408 and 429: the same request would be refused again. */
        REJECTED,
        /** A 3xx: redirects are not followed (a POST's body and signature would go to another place). */
        REDIRECTED,
        /** Still failing after {@code EGRESSMON_ALERT_WEBHOOK_RETRY_FOR}. */
        GAVE_UP,
        /** The record on egressmon.alerts could not be read (counted once per webhook). */
        UNREADABLE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final List<Webhook> webhooks;
    private final AtomicLongArray delivered;
    private final AtomicLongArray retried;
    private final AtomicLongArray dropped;
    private final AtomicLong alertsDone = new AtomicLong();

    public WebhookStats(List<Webhook> webhooks) {
        this.webhooks = List.copyOf(webhooks);
        delivered = new AtomicLongArray(webhooks.size());
        retried = new AtomicLongArray(webhooks.size() * Retry.values().length);
        dropped = new AtomicLongArray(webhooks.size() * Drop.values().length);
    }

    public List<Webhook> webhooks() {
        return webhooks;
    }

    void delivered(Webhook w) {
        delivered.incrementAndGet(w.number() - 1);
    }

    void retried(Webhook w, Retry reason) {
        retried.incrementAndGet((w.number() - 1) * Retry.values().length + reason.ordinal());
    }

    void dropped(Webhook w, Drop reason) {
        dropped.incrementAndGet((w.number() - 1) * Drop.values().length + reason.ordinal());
    }

    void alertDone() {
        alertsDone.incrementAndGet();
    }

    public long delivered(int number) {
        return delivered.get(number - 1);
    }

    public long retried(int number, Retry reason) {
        return retried.get((number - 1) * Retry.values().length + reason.ordinal());
    }

    public long dropped(int number, Drop reason) {
        return dropped.get((number - 1) * Drop.values().length + reason.ordinal());
    }

    public long alertsDone() {
        return alertsDone.get();
    }

    /** All webhooks together, every reason listed (zeros included) in the enums' order. */
    public WebhookHealth health() {
        long sent = 0;
        Map<String, Long> retries = new LinkedHashMap<>();
        Map<String, Long> drops = new LinkedHashMap<>();
        for (Retry r : Retry.values()) {
            retries.put(r.label(), 0L);
        }
        for (Drop d : Drop.values()) {
            drops.put(d.label(), 0L);
        }
        for (Webhook w : webhooks) {
            sent += delivered(w.number());
            for (Retry r : Retry.values()) {
                retries.merge(r.label(), retried(w.number(), r), Long::sum);
            }
            for (Drop d : Drop.values()) {
                drops.merge(d.label(), dropped(w.number(), d), Long::sum);
            }
        }
        return new WebhookHealth(webhooks.size(), alertsDone(), sent, retries, drops);
    }
}
