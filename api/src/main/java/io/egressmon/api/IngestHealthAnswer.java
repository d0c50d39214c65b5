package io.egressmon.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.util.Map;

/**
 * {@code GET /health} of the ingest role (its own port): where the polls stand and the counts of
 * everything retried, tolerated or dropped.
 *
 * @param status            {@code UP}, or {@code DOWN} once another ingest with the same transactional id took over
 * @param message           why it is DOWN; absent when UP
 * @param polledUntil       the counter poll's watermark ({@code "null"} before the first slice)
 * @param flowiqPolledUntil the FlowIQ poll's watermark; null when FlowIQ is off
 * @param counts            the CoPilot polls' counts; empty in the collector role
 * @param badAnswers        CoPilot answers that could not be used, by reason; absent in the collector role
 * @param flows             the flow collector's counts; absent when it is not running
 */
public record IngestHealthAnswer(
        String status,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty(isRequired = OptBoolean.FALSE) String message,
        String polledUntil,
        String flowiqPolledUntil,
        Map<String, Long> counts,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty(isRequired = OptBoolean.FALSE) CopilotBadAnswers badAnswers,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty(isRequired = OptBoolean.FALSE) CollectorHealth flows) {
}
