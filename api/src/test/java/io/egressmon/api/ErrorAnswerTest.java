package io.egressmon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ErrorAnswerTest {

    @Test
    @DisplayName("the API's error body gives the kind, the parameter and the message")
    void apiErrorBody() {
        ErrorAnswer notFound = ErrorAnswer.fromResponse(404,
                "{\"error\": \"not_found\", \"parameter\": \"gateway\", \"message\": \"unknown gateway 'x'\"}");
        assertEquals(ErrorAnswer.of("not_found", "gateway", "unknown gateway 'x'"), notFound);
        assertEquals("unknown gateway 'x'", notFound.describe());
    }

    @Test
    @DisplayName("a 503's retry hint is part of the description")
    void retryHint() {
        ErrorAnswer busy = ErrorAnswer.fromResponse(503,
                "{\"error\": \"unavailable\", \"message\": \"rebalancing\", \"retry_after_seconds\": 2}");
        assertEquals("rebalancing (retry after 2 s)", busy.describe());
    }

    @Test
    @DisplayName("a body that is not the API's JSON, such as a proxy's HTML page, still yields a message with the status")
    void foreignBody() {
        assertEquals("HTTP 502: <html>bad gateway</html>",
                ErrorAnswer.fromResponse(502, "<html>bad gateway</html>\n").describe());
    }

    @Test
    @DisplayName("an empty or absent body yields the status alone")
    void noBody() {
        assertEquals("HTTP 500", ErrorAnswer.fromResponse(500, "").describe());
        assertEquals("HTTP 500", ErrorAnswer.fromResponse(500, null).describe());
    }

    @Test
    @DisplayName("JSON without a message is not an error answer: it is shown as it came")
    void jsonWithoutMessage() {
        assertEquals("HTTP 500: {\"error\": \"internal\"}", ErrorAnswer.fromResponse(500, "{\"error\": \"internal\"}").describe());
    }

    @Test
    @DisplayName("a long foreign body is cut after 200 characters")
    void longBody() {
        assertEquals("HTTP 502: " + "x".repeat(200) + "...", ErrorAnswer.fromResponse(502, "x".repeat(201)).describe());
    }
}
