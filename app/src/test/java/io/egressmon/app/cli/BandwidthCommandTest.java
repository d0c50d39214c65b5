package io.egressmon.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code report bandwidth} against a stub of egressmon's REST API on a loopback port. The stub answers
 * with fixtures made from the sample report's rows (see report/src/test/python/bandwidth_oracle.py);
 * stdout must match the expected files exactly.
 */
class BandwidthCommandTest {
    private StubApi api;
    private List<String> queries;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void startStub() throws IOException {
        api = new StubApi("/api/v1/bandwidth", resource("api_bandwidth_7d.json"));
        queries = api.queries;
        out = api.out;
        err = api.err;
    }

    @AfterEach
    void stopStub() {
        api.close();
    }

    @Test
    @DisplayName("--output csv prints the sample report byte for byte")
    void csvIsTheSample() {
        assertEquals(0, run("bandwidth", "--days", "7", "--output", "csv"));
        assertEquals(resource("spoke_bandwidth_7d.csv"), out.toString());
        assertEquals(List.of("days=7"), queries);
        assertEquals("", err.toString());
    }

    @Test
    @DisplayName("--output json prints the seed's JSON")
    void json() {
        assertEquals(0, run("bandwidth", "--days", "7", "--output", "json"));
        assertEquals(resource("spoke_bandwidth_7d.json"), out.toString());
    }

    @Test
    @DisplayName("text is the default output, and 30 days the default period")
    void textByDefault() {
        assertEquals(0, run("bandwidth"));
        assertEquals(resource("spoke_bandwidth_7d.txt"), out.toString());
        assertEquals(List.of("days=30"), queries);
    }

    @Test
    @DisplayName("--group-by is passed to the API and the server's groups are printed")
    void groupBy() {
        api.body = resource("api_bandwidth_7d_by_cloud.json");
        assertEquals(0, run("bandwidth", "--days", "7", "--group-by", "cloud"));
        assertEquals(resource("spoke_bandwidth_7d_by_cloud.txt"), out.toString());
        assertEquals(List.of("days=7&group_by=cloud"), queries);
    }

    @Test
    @DisplayName("when the server leaves out the groups, the CLI groups the spokes itself")
    void groupsLocallyWhenServerDoesNot() {
        assertEquals(0, run("bandwidth", "--days", "7", "--group-by", "cloud"));
        assertEquals(resource("spoke_bandwidth_7d_by_cloud.txt"), out.toString());
    }

    @Test
    @DisplayName("month and year, a range, and a gateway become the API's query parameters")
    void periodsAndGateway() {
        assertEquals(0, run("bandwidth", "--month", "1", "--year", "2026", "--gateway", "spoke a"));
        assertEquals(0, run("bandwidth", "--from", "2026-01-11T10:00:00Z", "--to", "2026-02-10"));
        assertEquals(List.of("month=1&year=2026&gateway=spoke+a",
                "from=2026-01-11T10%3A00%3A00Z&to=2026-02-10T00%3A00%3A00Z"), queries);
    }

    @Test
    @DisplayName("--month without --year is a usage error (exit 2) and nothing is asked of the server")
    void monthWithoutYear() {
        assertEquals(2, run("bandwidth", "--month", "1"));
        assertTrue(err.toString().contains("--month needs --year"), err.toString());
        assertTrue(queries.isEmpty());
        assertEquals("", out.toString());
    }

    @Test
    @DisplayName("two periods at once, a bad group-by key or format, or days out of range are usage errors")
    void otherUsageErrors() {
        assertEquals(2, run("bandwidth", "--days", "7", "--month", "1", "--year", "2026"));
        assertEquals(2, run("bandwidth", "--group-by", "planet"));
        assertEquals(2, run("bandwidth", "--output", "xml"));
        assertEquals(2, run("bandwidth", "--days", "0"));
        assertEquals(2, run("bandwidth", "--from", "yesterday", "--to", "2026-02-10"));
        String errors = err.toString();
        assertTrue(errors.contains("give one period"), errors);
        assertTrue(errors.contains("unknown group-by key 'planet'"), errors);
        assertTrue(errors.contains("unknown output format 'xml'"), errors);
        assertTrue(errors.contains("days must be between 1 and 3650"), errors);
        assertTrue(errors.contains("--from must be an ISO time"), errors);
        assertTrue(queries.isEmpty());
    }

    @Test
    @DisplayName("a 400 from the server exits 2 with the server's message on stderr")
    void badRequest() {
        api.status = 400;
        api.body = "{\"error\": \"bad_request\", \"parameter\": \"days\", \"message\": \"days must be 1..3650\"}";
        assertEquals(2, run("bandwidth", "--days", "7"));
        assertTrue(err.toString().contains("days must be 1..3650"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    @DisplayName("a 404 for an unknown gateway exits 2 with the server's message")
    void unknownGateway() {
        api.status = 404;
        api.body = "{\"error\": \"not_found\", \"parameter\": \"gateway\", \"message\": \"unknown gateway 'x'\"}";
        assertEquals(2, run("bandwidth", "--gateway", "x"));
        assertTrue(err.toString().contains("unknown gateway 'x'"), err.toString());
    }

    @Test
    @DisplayName("a 503 while the cluster rebalances exits 3 with the message and the retry hint")
    void unavailable() {
        api.status = 503;
        api.body = "{\"error\": \"unavailable\", \"message\": \"partitions are rebalancing\", \"retry_after_seconds\": 2}";
        assertEquals(3, run("bandwidth"));
        assertTrue(err.toString().contains("partitions are rebalancing (retry after 2 s)"), err.toString());
    }

    @Test
    @DisplayName("an unreachable server exits 3 and says where it looked")
    void unreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;
        assertEquals(3, run("bandwidth", "--url", url, "--timeout", "5"));
        assertTrue(err.toString().contains("cannot reach egressmon at " + url), err.toString());
    }

    @Test
    @DisplayName("a 200 whose body is not a bandwidth report exits 1 and prints nothing on stdout")
    void malformedAnswer() {
        api.body = "{\"gateways\": []}";
        assertEquals(1, run("bandwidth"));
        assertTrue(err.toString().contains("'period_start' is missing"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    @DisplayName("'report' without a subcommand is a usage error")
    void reportAlone() {
        assertEquals(2, run());
        assertTrue(err.toString().contains("Missing required subcommand"), err.toString());
    }

    private int run(String... args) {
        return api.run(args);
    }

    private static String resource(String name) {
        return StubApi.resource(name);
    }
}
