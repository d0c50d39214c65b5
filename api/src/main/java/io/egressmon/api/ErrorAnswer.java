package io.egressmon.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.util.Objects;

/**
 * Every error answer: {@code {"error": "bad_request", "parameter": "days", "message": "..."}}; a 503
 * adds {@code retry_after_seconds}, a 500 the {@code reference} under which the server logged it.
 *
 * @param error             the machine-readable kind: {@code bad_request}, {@code not_found},
 *                          {@code method_not_allowed}, {@code unavailable}, {@code internal}
 * @param parameter         the query parameter at fault, or null
 * @param message           what went wrong, for people
 * @param retryAfterSeconds when to ask again (503), or null
 * @param reference         the log reference of an internal error (500), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorAnswer(
        @JsonProperty(isRequired = OptBoolean.FALSE) String error,
        @JsonProperty(isRequired = OptBoolean.FALSE) String parameter,
        String message,
        @JsonProperty(isRequired = OptBoolean.FALSE) Integer retryAfterSeconds,
        @JsonProperty(isRequired = OptBoolean.FALSE) String reference) {

    /** The kind of a request with a method other than GET. */
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    /** The kind of a failure the server logged under a reference. */
    public static final String INTERNAL = "internal";

    public ErrorAnswer {
        Objects.requireNonNull(message, "message");
    }

    public static ErrorAnswer of(String error, String parameter, String message) {
        return new ErrorAnswer(error, parameter, message, null, null);
    }

    /**
     * The error a status and body describe. A body that is not such JSON (a proxy's HTML page, say)
     * still gives one, whose message shows the status and the start of the body.
     */
    public static ErrorAnswer fromResponse(int status, String body) {
        try {
            return ApiJson.read(body, ErrorAnswer.class);
        } catch (IllegalArgumentException | NullPointerException notAnError) {
            String raw = body == null ? "" : body.strip();
            if (raw.length() > 200) {
                raw = raw.substring(0, 200) + "...";
            }
            return of(null, null, raw.isEmpty() ? "HTTP " + status : "HTTP " + status + ": " + raw);
        }
    }

    /** One line for people: the message, and the retry hint when there is one. */
    public String describe() {
        return retryAfterSeconds == null ? message : message + " (retry after " + retryAfterSeconds + " s)";
    }
}
