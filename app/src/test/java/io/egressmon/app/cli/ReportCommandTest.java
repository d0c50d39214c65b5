package io.egressmon.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.Endpoints;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every report shares ({@link ReportCommand}'s exit codes, {@link ApiOptions}' one GET): how the
 * server's error answers, its absence and a body that is not the report become an exit code and a
 * message on stderr, with nothing on stdout. Each test runs for every report.
 */
class ReportCommandTest {

    /**
     * A report, the endpoint it asks, a good answer of it (made by the oracles in report/src/test/python),
     * the query parameters it always adds after the period, an answer with no groups in it, and the
     * name of what the original script prints for the good answer ({@code .csv}, {@code .json}, {@code .txt}).
     */
    record Report(String command, String path, String answer, String defaults, String ungrouped, String printed) {
        static final Report BANDWIDTH = new Report("bandwidth", Endpoints.BANDWIDTH, "api_bandwidth_7d.json", "",
                "api_bandwidth_7d.json", "spoke_bandwidth_7d");
        static final Report TOP_TALKERS = new Report("top-talkers", Endpoints.TOP_TALKERS, "api_top_talkers_7d.json",
                "&top=10", "api_top_talkers_7d_per_spoke.json", "top_talkers_7d");
        static final Report COST = new Report("cost", Endpoints.COST, "api_cost_7d.json", "", "api_cost_7d.json", "cost_7d");

        static Stream<Report> all() {
            return Stream.of(BANDWIDTH, TOP_TALKERS, COST);
        }

        @Override
        public String toString() {
            return command;
        }

        StubApi stub() {
            return StubApi.answering(path, answer);
        }
    }

    @ParameterizedTest
    @MethodSource("reports")
    @DisplayName("--output csv and -o json print the original's output byte for byte; text is the default, "
            + "30 days (and for top talkers 10 rows) the default period")
    void outputs(Report report) {
        try (StubApi api = report.stub()) {
            api.assertPrints(report.printed() + ".csv", report.command(), "--days", "7", "--output", "csv");
            api.assertPrints(report.printed() + ".json", report.command(), "--days", "7", "-o", "json");
            api.assertPrints(report.printed() + ".txt", report.command());
            assertEquals(List.of("days=7" + report.defaults(), "days=7" + report.defaults(), "days=30" + report.defaults()),
                    api.queries);
        }
    }

    static Stream<Report> reports() {
        return Report.all();
    }

    static Stream<Arguments> groupings() {
        return Stream.of(
                Arguments.of(Report.BANDWIDTH, List.of("--days", "7", "--group-by", "cloud"),
                        "api_bandwidth_7d_by_cloud.json", "spoke_bandwidth_7d_by_cloud.txt", "days=7&group_by=cloud"),
                Arguments.of(Report.TOP_TALKERS, List.of("--days", "7", "--top", "3", "--group-by", "cloud"),
                        "api_top_talkers_7d_per_spoke_by_cloud.json", "top_talkers_7d_per_spoke_by_cloud.txt",
                        "days=7&top=3&per_spoke=true&group_by=cloud"),
                Arguments.of(Report.COST, List.of("--days", "7", "--group-by", "cost_center"),
                        "api_cost_7d_by_cost_center.json", "cost_7d_by_cost_center.txt", "days=7&group_by=cost_center"));
    }

    @ParameterizedTest
    @MethodSource("groupings")
    @DisplayName("--group-by is passed to the API (for top talkers it implies --per-spoke) and the server's groups are printed")
    void groupBy(Report report, List<String> flags, String answer, String printed, String query) {
        try (StubApi api = StubApi.answering(report.path(), answer)) {
            List<String> args = new ArrayList<>(List.of(report.command()));
            args.addAll(flags);
            api.assertPrints(printed, args.toArray(String[]::new));
            assertEquals(List.of(query), api.queries);
        }
    }

    static Stream<Arguments> serverErrors() {
        return Report.all().flatMap(report -> Stream.of(
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
            String err = api.assertFails(exitCode, report.command());
            assertTrue(err.contains(message), err);
        }
    }

    @ParameterizedTest
    @MethodSource("reports")
    @DisplayName("an unreachable server exits 3 and says where it looked")
    void unreachable(Report report) throws IOException {
        try (StubApi api = report.stub()) {
            String url = StubApi.closedUrl();
            String err = api.assertFails(3, report.command(), "--url", url, "--timeout", "5");
            assertTrue(err.contains("cannot reach egressmon at " + url), err);
        }
    }

    @ParameterizedTest
    @MethodSource("reports")
    @DisplayName("a server that takes the connection and never answers exits 3 after --timeout, naming the request")
    void silentServer(Report report) throws IOException {
        try (StubApi api = report.stub();
             ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + silent.getLocalPort();
            String err = api.assertFails(3, report.command(), "--url", url, "--timeout", "1");
            assertTrue(err.contains("no answer from " + url + report.path() + "?days=30"), err);
            assertTrue(err.contains(" within 1 s"), err);
        }
    }

    @ParameterizedTest
    @MethodSource("reports")
    @DisplayName("a 200 whose body is not the report exits 1 and names what is missing")
    void malformedAnswer(Report report) throws IOException {
        try (StubApi api = report.stub()) {
            String withoutStart = api.body.replace("\"period_start\": \"2026-02-03T10:00:00Z\",", "");
            assertTrue(withoutStart.length() < api.body.length(), "the fixture has the period_start to remove");
            api.body = withoutStart;
            String err = api.assertFails(1, report.command());
            assertTrue(err.contains("unexpected answer from http://127.0.0.1:"), err);
            assertTrue(err.contains("'period_start'"), err);
        }
    }

    @Test
    @DisplayName("as the original script, a spoke without metrics is left out and named on stderr; an incomplete answer warns")
    void noMetricsAndIncomplete() throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode answer = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(StubApi.resource("api_bandwidth_7d.json"));
        com.fasterxml.jackson.databind.node.ObjectNode first = (com.fasterxml.jackson.databind.node.ObjectNode) answer.path("gateways").get(0);
        String silent = first.path("gateway").asText();
        first.put("has_metrics", false);
        answer.put("complete", false);
        answer.put("data_until", "2026-02-08T13:00:00Z");
        try (StubApi api = new StubApi(Endpoints.BANDWIDTH, answer.toString())) {
            assertEquals(0, api.run(Report.BANDWIDTH.command(), "--days", "7", "--output", "csv"), api.err::toString);
            String err = api.err.toString();
            assertTrue(err.contains("[WARN] No metrics for " + silent + System.lineSeparator()), err);
            assertTrue(err.contains("[WARN] Incomplete: data only until 2026-02-08T13:00:00Z"), err);
            String csv = api.out.toString();
            assertTrue(!csv.contains(silent + ","), "left out of the report: " + csv);
            String expected = StubApi.resource("spoke_bandwidth_7d.csv");
            assertEquals(expected.lines().count() - 1, csv.lines().count(), "one row fewer than the full report");
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
    @MethodSource("reports")
    @DisplayName("month and year, a range, and a gateway become the API's query parameters")
    void periodsAndGateway(Report report) throws IOException {
        try (StubApi api = report.stub()) {
            assertEquals(0, api.run(report.command(), "--month", "1", "--year", "2026", "--gateway", "spoke a"));
            assertEquals(0, api.run(report.command(), "--from", "2026-01-11T10:00:00Z", "--to", "2026-02-10"));
            assertEquals(List.of("month=1&year=2026" + report.defaults() + "&gateway=spoke+a",
                    "from=2026-01-11T10%3A00%3A00Z&to=2026-02-10T00%3A00%3A00Z" + report.defaults()), api.queries);
        }
    }

    static Stream<Arguments> usageErrors() {
        Stream<Arguments> topTalkersOnly = Stream.of(Arguments.of(Report.TOP_TALKERS, List.of("--top", "0"),
                "top must be between 1 and 1000, got 0"));
        return Stream.concat(topTalkersOnly, Report.all().flatMap(report -> Stream.of(
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
            List<String> args = new ArrayList<>(List.of(report.command()));
            args.addAll(flags);
            String err = api.assertFails(2, args.toArray(String[]::new));
            assertTrue(err.contains(message), err);
            assertTrue(api.queries.isEmpty());
        }
    }

    @ParameterizedTest
    @MethodSource("reports")
    @DisplayName("an answer without the grouping asked for is an unexpected answer (exit 1): the CLI does not group")
    void answerWithoutGroups(Report report) throws IOException {
        try (StubApi api = StubApi.answering(report.path(), report.ungrouped())) {
            String err = report == Report.TOP_TALKERS
                    ? api.assertFails(1, report.command(), "--days", "7", "--top", "3", "--group-by", "cloud")
                    : api.assertFails(1, report.command(), "--days", "7", "--group-by", "cloud");
            assertTrue(err.contains("unexpected answer from "), err);
            assertTrue(err.contains("group_by"), err);
        }
    }
}
