package io.egressmon.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.util.Map;

/**
 * {@code GET /health} of the ingest role (its own port): where the polls stand, how far behind they
 * are, whether Kafka takes their commits, and the counts of everything retried, tolerated or dropped.
 *
 * @param status            {@code UP}; {@code DEGRADED} (200) while commits to Kafka fail (the
 *                          slices are polled again once it is back); {@code DOWN} (503) once another
 *                          ingest with the same transactional id took over
 * @param message           why it is not UP; absent when UP
 * @param polledUntil       the counter poll's watermark ({@code "null"} before the first slice)
 * @param flowiqPolledUntil the FlowIQ poll's watermark; null when FlowIQ is off
 * @param counts            the CoPilot polls' counts; empty in the collector role
 * @param badAnswers        CoPilot answers that could not be used, by reason; absent in the collector role
 * @param flows             the flow collector's counts; absent when it is not running
 * @param kafka             whether the polls' last commits reached Kafka; absent without polls
 * @param lagSeconds        how far the counter watermark is behind now, in seconds; absent without polls
 *                          or before the first slice
 * @param flowiqLagSeconds  the same for FlowIQ (which polls a slice only once it has settled); absent when off
 */
public record IngestHealthAnswer(
        String status,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty(isRequired = OptBoolean.FALSE) String message,
        String polledUntil,
        String flowiqPolledUntil,
        Map<String, Long> counts,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty(isRequired = OptBoolean.FALSE) CopilotBadAnswers badAnswers,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty(isRequired = OptBoolean.FALSE) CollectorHealth flows,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty(isRequired = OptBoolean.FALSE) KafkaReach kafka,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty(isRequired = OptBoolean.FALSE) Long lagSeconds,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty(isRequired = OptBoolean.FALSE) Long flowiqLagSeconds) {
}
