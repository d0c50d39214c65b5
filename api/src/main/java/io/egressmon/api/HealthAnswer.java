package io.egressmon.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.util.Map;

/**
 * {@code GET /health} of the streams app: UP; DEGRADED while Kafka is unreachable or Kafka Streams is
 * not RUNNING yet (200: restarting the instance would not help); DOWN (503) once Kafka Streams has
 * died; with how far processing is behind and the counts of what was seen and dropped.
 *
 * @param status               {@code UP}, {@code DEGRADED} or {@code DOWN}
 * @param streamsState         Kafka Streams' state, e.g. {@code RUNNING}
 * @param kafka                whether Kafka answers; absent where nothing watches it (tests of the REST layer)
 * @param processingLagRecords records in the input topics not processed yet by this instance's
 *                             active tasks: not fetched yet (Kafka Streams' consumer lag, as of the
 *                             last fetch) or fetched and not processed; absent while not known (a
 *                             start, before every input partition's first fetch) and where nothing
 *                             measures it
 * @param dropped              counts by reason, in a stable order
 * @param webhooks             what the alert deliverer did; absent when no webhook is configured
 */
public record HealthAnswer(
        String status,
        String streamsState,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty(isRequired = OptBoolean.FALSE) KafkaReach kafka,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty(isRequired = OptBoolean.FALSE) Long processingLagRecords,
        Map<String, Long> dropped,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty(isRequired = OptBoolean.FALSE) WebhookHealth webhooks) {
    public static final String UP = "UP";
    public static final String DEGRADED = "DEGRADED";
    public static final String DOWN = "DOWN";
}
