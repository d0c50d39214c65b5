package io.egressmon.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An error answer of the REST API (docs/design.md):
 * {@code {"error": "bad_request", "parameter": "days", "message": "..."}}, and for 503 also
 * {@code "retry_after_seconds"}. A body that is not such JSON (a proxy's HTML page, say) still gives an
 * error whose message shows the status and the start of the body.
 *
 * @param status            the HTTP status
 * @param error             the machine-readable kind, e.g. {@code not_found}; null when absent
 * @param parameter         the query parameter at fault; null when absent
 * @param message           what went wrong, for people
 * @param retryAfterSeconds when the server suggests retrying; null when absent
 */
public record ApiError(int status, String error, String parameter, String message, Integer retryAfterSeconds) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_RAW_BODY = 200;

    /** The error described by an HTTP status and body. */
    public static ApiError fromResponse(int status, String body) {
        try {
            JsonNode root = MAPPER.readTree(body == null ? "" : body);
            if (root != null && root.isObject() && root.hasNonNull("message")) {
                JsonNode retry = root.get("retry_after_seconds");
                return new ApiError(status,
                        root.hasNonNull("error") ? root.get("error").asText() : null,
                        root.hasNonNull("parameter") ? root.get("parameter").asText() : null,
                        root.get("message").asText(),
                        retry != null && retry.canConvertToInt() ? retry.intValue() : null);
            }
        } catch (Exception notJson) {
            // fall through to the raw body
        }
        String raw = body == null ? "" : body.strip();
        if (raw.length() > MAX_RAW_BODY) {
            raw = raw.substring(0, MAX_RAW_BODY) + "...";
        }
        return new ApiError(status, null, null, raw.isEmpty() ? "HTTP " + status : "HTTP " + status + ": " + raw, null);
    }

    /** One line for stderr: the message, and the retry hint when there is one. */
    public String describe() {
        return retryAfterSeconds == null ? message : message + " (retry after " + retryAfterSeconds + " s)";
    }
}
