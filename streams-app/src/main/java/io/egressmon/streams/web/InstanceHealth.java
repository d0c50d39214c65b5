package io.egressmon.streams.web;

import io.egressmon.api.KafkaReach;
import io.egressmon.api.WebhookHealth;

/**
 * What {@code /health} and {@code /ready} say beyond Kafka Streams' state: whether Kafka answers and
 * how far processing is behind. Read on the event loop, so it never blocks.
 */
public interface InstanceHealth {
    /** Nothing watched: the REST layer's own tests, which have no Kafka. */
    InstanceHealth UNWATCHED = new InstanceHealth() {
        @Override
        public KafkaReach kafka() {
            return null;
        }

        @Override
        public Long processingLagRecords() {
            return null;
        }
    };

    /** Whether Kafka answers, as last found out; null when nothing watches it. */
    KafkaReach kafka();

    /** Input records this instance has not processed yet; null when unknown. */
    Long processingLagRecords();

    /** Records Kafka Streams dropped (its {@code dropped-records-total}); null when unknown. */
    default Long droppedRecords() {
        return null;
    }

    /** What the alert deliverer did; null when it does not run (no webhook configured). */
    default WebhookHealth webhooks() {
        return null;
    }
}
