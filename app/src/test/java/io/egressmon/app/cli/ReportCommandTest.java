package io.egressmon.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.Endpoints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * A report, the endpoint it asks, a good answer of it (made by the oracles, see the command tests),
     * the query parameters it always adds after the period, and an answer with no groups in it.
     */
    enum Report {
        BANDWIDTH("bandwidth", Endpoints.BANDWIDTH, "api_bandwidth_7d.json", "", "api_bandwidth_7d.json"),
        TOP_TALKERS("top-talkers", Endpoints.TOP_TALKERS, "api_top_talkers_7d.json", "&top=10",
                "api_top_talkers_7d_per_spoke.json");

        final String command;
        final String path;
        final String answer;
        final String defaults;
        final String ungrouped;

        Report(String command, String path, String answer, String defaults, String ungrouped) {
            this.command = command;
            this.path = path;
            this.answer = answer;
            this.defaults = defaults;
            this.ungrouped = ungrouped;
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

    @ParameterizedTest
    @EnumSource(Report.class)
    @DisplayName("month and year, a range, and a gateway become the API's query parameters")
    void periodsAndGateway(Report report) throws IOException {
        try (StubApi api = report.stub()) {
            assertEquals(0, api.run(report.command, "--month", "1", "--year", "2026", "--gateway", "spoke a"));
            assertEquals(0, api.run(report.command, "--from", "2026-01-11T10:00:00Z", "--to", "2026-02-10"));
            assertEquals(List.of("month=1&year=2026" + report.defaults + "&gateway=spoke+a",
                    "from=2026-01-11T10%3A00%3A00Z&to=2026-02-10T00%3A00%3A00Z" + report.defaults), api.queries);
        }
    }

    static Stream<Arguments> usageErrors() {
        Stream<Arguments> topTalkersOnly = Stream.of(Arguments.of(Report.TOP_TALKERS, List.of("--top", "0"),
                "top must be between 1 and 1000, got 0"));
        return Stream.concat(topTalkersOnly, Stream.of(Report.values()).flatMap(report -> Stream.of(
                Arguments.of(report, List.of("--days", "7", "--month", "1", "--year", "2026"), "give one period"),
                Arguments.of(report, List.of("--month", "1"), "--month needs --year"),
                Arguments.of(report, List.of("--year", "2026"), "--year needs --month"),
                Arguments.of(report, List.of("--days", "0"), "days must be between 1 and 3650, got 0"),
                Arguments.of(report, List.of("--from", "yesterday", "--to", "2026-02-10"), "--from must be an ISO time"),
                Arguments.of(report, List.of("--group-by", "planet"), "unknown group-by key 'planet'"),
                Arguments.of(report, List.of("--output", "xml"), "unknown output format 'xml'"))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("usageErrors")
    @DisplayName("flags that do not fit are usage errors (exit 2) saying why, and nothing is asked of the server")
    void usageError(Report report, List<String> flags, String message) throws IOException {
        try (StubApi api = report.stub()) {
            List<String> args = new ArrayList<>(List.of(report.command));
            args.addAll(flags);
            String err = api.assertFails(2, args.toArray(String[]::new));
            assertTrue(err.contains(message), err);
            assertTrue(api.queries.isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Report.class)
    @DisplayName("an answer without the grouping asked for is an unexpected answer (exit 1): the CLI does not group")
    void answerWithoutGroups(Report report) throws IOException {
        try (StubApi api = new StubApi(report.path, StubApi.resource(report.ungrouped))) {
            String err = report == Report.BANDWIDTH
                    ? api.assertFails(1, report.command, "--days", "7", "--group-by", "cloud")
                    : api.assertFails(1, report.command, "--days", "7", "--top", "3", "--group-by", "cloud");
            assertTrue(err.contains("unexpected answer from "), err);
            assertTrue(err.contains("group_by"), err);
        }
    }
}
