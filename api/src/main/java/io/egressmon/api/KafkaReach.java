package io.egressmon.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;

/**
 * Whether a process reaches Kafka, as it last found out: part of {@code /health} (streams app and
 * ingest) so that an outage is said, with how long it has lasted, instead of answering UP.
 *
 * @param reachable           false once Kafka did not answer (the streams app asks it every few
 *                            seconds; the ingest learns it from its commits)
 * @param secondsSinceContact seconds since Kafka last answered
 * @param error               why the last attempt failed; absent while reachable
 */
public record KafkaReach(
        boolean reachable,
        long secondsSinceContact,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty(isRequired = OptBoolean.FALSE) String error) {
}
