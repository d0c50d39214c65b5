package io.egressmon.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code GET /ready} once queries can be answered; otherwise a 503 {@link ErrorAnswer}. Ready does not
 * mean caught up: while a backfill or catch-up runs, answers say {@code complete: false}, and this says
 * how far the counters this instance hosts have been processed.
 *
 * @param dataUntil     the oldest counter progress mark among the gateways this instance hosts
 *                      (null: none processed yet, or no gateway here)
 * @param behindSeconds how far {@code dataUntil} is behind now
 * @param caughtUp      {@code dataUntil} is within {@link Covered#COUNTERS_LIVE_EDGE} of now: answers
 *                      reaching the present are complete
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReadyAnswer(String status, String streamsState,
                          @JsonProperty(isRequired = OptBoolean.FALSE) Instant dataUntil,
                          @JsonProperty(isRequired = OptBoolean.FALSE) Long behindSeconds,
                          @JsonProperty(isRequired = OptBoolean.FALSE) Boolean caughtUp) {

    public static ReadyAnswer ready(String streamsState) {
        return new ReadyAnswer("READY", streamsState, null, null, null);
    }

    /** Ready, with the counters processed up to {@code dataUntil} (null: not known) at {@code now}. */
    public static ReadyAnswer ready(String streamsState, Instant dataUntil, Instant now) {
        if (dataUntil == null) {
            return new ReadyAnswer("READY", streamsState, null, null, false);
        }
        long behind = Math.max(0, Duration.between(dataUntil, now).toSeconds());
        return new ReadyAnswer("READY", streamsState, dataUntil, behind,
                behind <= Covered.COUNTERS_LIVE_EDGE.toSeconds());
    }
}
