package io.egressmon.api;

import java.util.Map;

/**
 * {@code GET /health} of the streams app: UP unless Kafka Streams has died, with the counts of
 * what was seen and dropped.
 *
 * @param status        {@code UP} or {@code DOWN}
 * @param streamsState  Kafka Streams' state, e.g. {@code RUNNING}
 * @param dropped       counts by reason, in a stable order
 */
public record HealthAnswer(String status, String streamsState, Map<String, Long> dropped) {
}
