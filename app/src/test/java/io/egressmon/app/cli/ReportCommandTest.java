package io.egressmon.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.Endpoints;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every report shares ({@link ReportCommand}'s exit codes, {@link ApiOptions}' one GET): how the
 * server's error answers, its absence and a body that is not the report become an exit code and a
 * message on stderr, with nothing on stdout. Each test runs for both reports.
 */
class ReportCommandTest {

    /** A report, the endpoint it asks and a good answer of it (made by the oracles, see the command tests). */
    enum Report {
        BANDWIDTH("bandwidth", Endpoints.BANDWIDTH, "api_bandwidth_7d.json"),
        TOP_TALKERS("top-talkers", Endpoints.TOP_TALKERS, "api_top_talkers_7d.json");

        final String command;
        final String path;
        final String answer;

        Report(String command, String path, String answer) {
            this.command = command;
            this.path = path;
            this.answer = answer;
        }

        StubApi stub() throws IOException {
            return new StubApi(path, StubApi.resource(answer));
        }
    }

    static Stream<Arguments> serverErrors() {
        return Stream.of(Report.values()).flatMap(report -> Stream.of(
                Arguments.of(report, 400, "{\"error\": \"bad_request\", \"parameter\": \"days\", "
                        + "\"message\": \"days must be 1..3650\"}", 2, "days must be 1..3650"),
                Arguments.of(report, 404, "{\"error\": \"not_found\", \"parameter\": \"gateway\", "
                        + "\"message\": \"unknown gateway 'x'\"}", 2, "unknown gateway 'x'"),
                Arguments.of(report, 503, "{\"error\": \"unavailable\", \"message\": \"partitions are rebalancing\", "
                        + "\"retry_after_seconds\": 2}", 3, "partitions are rebalancing (retry after 2 s)")));
    }

    @ParameterizedTest(name = "{0}: {1} -> exit {3}")
    @MethodSource("serverErrors")
    @DisplayName("the server's refusals (400, 404) exit 2 and its 503 exits 3, with its message and retry hint")
    void serverErrors(Report report, int status, String body, int exitCode, String message) throws IOException {
        try (StubApi api = report.stub()) {
            api.status = status;
            api.body = body;
            String err = api.assertFails(exitCode, report.command);
            assertTrue(err.contains(message), err);
        }
    }

    @ParameterizedTest
    @EnumSource(Report.class)
    @DisplayName("an unreachable server exits 3 and says where it looked")
    void unreachable(Report report) throws IOException {
        try (StubApi api = report.stub()) {
            String url = StubApi.closedUrl();
            String err = api.assertFails(3, report.command, "--url", url, "--timeout", "5");
            assertTrue(err.contains("cannot reach egressmon at " + url), err);
        }
    }

    @ParameterizedTest
    @EnumSource(Report.class)
    @DisplayName("a 200 whose body is not the report exits 1 and names what is missing")
    void malformedAnswer(Report report) throws IOException {
        try (StubApi api = report.stub()) {
            String withoutStart = api.body.replace("\"period_start\": \"2026-02-03T10:00:00Z\",", "");
            assertTrue(withoutStart.length() < api.body.length(), "the fixture has the period_start to remove");
            api.body = withoutStart;
            String err = api.assertFails(1, report.command);
            assertTrue(err.contains("unexpected answer from http://127.0.0.1:"), err);
            assertTrue(err.contains("'period_start'"), err);
        }
    }

    @Test
    @DisplayName("'report' without a subcommand is a usage error")
    void reportAlone() throws IOException {
        try (StubApi api = Report.BANDWIDTH.stub()) {
            assertEquals(2, api.run());
            assertTrue(api.err.toString().contains("Missing required subcommand"), api.err.toString());
        }
    }
}
