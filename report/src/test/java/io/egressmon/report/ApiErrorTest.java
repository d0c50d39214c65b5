package io.egressmon.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ApiErrorTest {

    @Test
    @DisplayName("the API's error body gives the message, the parameter and the retry hint")
    void apiErrorBody() {
        ApiError notFound = ApiError.fromResponse(404,
                "{\"error\": \"not_found\", \"parameter\": \"gateway\", \"message\": \"unknown gateway 'x'\"}");
        assertEquals(new ApiError(404, "not_found", "gateway", "unknown gateway 'x'", null), notFound);
        assertEquals("unknown gateway 'x'", notFound.describe());

        ApiError busy = ApiError.fromResponse(503,
                "{\"error\": \"unavailable\", \"message\": \"rebalancing\", \"retry_after_seconds\": 2}");
        assertEquals("rebalancing (retry after 2 s)", busy.describe());
    }

    @Test
    @DisplayName("a body that is not the API's JSON still yields a message with the status")
    void foreignBody() {
        assertEquals("HTTP 502: <html>bad gateway</html>", ApiError.fromResponse(502, "<html>bad gateway</html>\n").describe());
        assertEquals("HTTP 500", ApiError.fromResponse(500, "").describe());
        assertEquals("HTTP 500", ApiError.fromResponse(500, null).describe());
    }
}
