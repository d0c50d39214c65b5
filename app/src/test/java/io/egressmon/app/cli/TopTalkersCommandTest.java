package io.egressmon.app.cli;

import static io.egressmon.app.cli.StubApi.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code report top-talkers} against a stub of egressmon's REST API on a loopback port. The stub answers
 * with fixtures made by report/src/test/python/talkers/talkers_oracle.py (the global one from the real
 * sample CSV's rows); stdout must match the expected files exactly.
 */
class TopTalkersCommandTest {
    private StubApi api;

    @BeforeEach
    void startStub() throws IOException {
        api = new StubApi("/api/v1/top-talkers", resource("api_top_talkers_7d.json"));
    }

    @AfterEach
    void stopStub() {
        api.close();
    }

    @Test
    @DisplayName("--output csv prints the real sample CSV byte for byte")
    void csvIsTheSample() {
        assertEquals(0, api.run("top-talkers", "--days", "7", "--output", "csv"));
        assertEquals(resource("top_talkers_7d.csv"), api.out.toString());
        assertEquals(List.of("days=7&top=10"), api.queries);
        assertEquals("", api.err.toString());
    }

    @Test
    @DisplayName("text is the default output, 30 days the default period and 10 the default top")
    void textByDefault() {
        assertEquals(0, api.run("top-talkers"));
        assertEquals(resource("top_talkers_7d.txt"), api.out.toString());
        assertEquals(List.of("days=30&top=10"), api.queries);
    }

    @Test
    @DisplayName("--output json prints the contract's JSON")
    void json() {
        assertEquals(0, api.run("top-talkers", "--days", "7", "-o", "json"));
        assertEquals(resource("top_talkers_7d.json"), api.out.toString());
    }

    @Test
    @DisplayName("--per-spoke asks per_spoke=true and prints the per-spoke CSV and text")
    void perSpoke() {
        api.body = resource("api_top_talkers_7d_per_spoke.json");
        assertEquals(0, api.run("top-talkers", "--days", "7", "--top", "3", "--per-spoke", "--output", "csv"));
        assertEquals(resource("top_talkers_7d_per_spoke.csv"), api.out.toString());
        api.out.getBuffer().setLength(0);
        assertEquals(0, api.run("top-talkers", "--days", "7", "--top", "3", "--per-spoke"));
        assertEquals(resource("top_talkers_7d_per_spoke.txt"), api.out.toString());
        assertEquals(List.of("days=7&top=3&per_spoke=true", "days=7&top=3&per_spoke=true"), api.queries);
    }

    @Test
    @DisplayName("--group-by implies --per-spoke; when the server leaves out the groups, the CLI groups the spokes itself")
    void groupBy() {
        api.body = resource("api_top_talkers_7d_per_spoke.json");
        assertEquals(0, api.run("top-talkers", "--days", "7", "--top", "3", "--group-by", "cloud"));
        assertEquals(resource("top_talkers_7d_per_spoke_by_cloud.txt"), api.out.toString());
        assertEquals(List.of("days=7&top=3&per_spoke=true&group_by=cloud"), api.queries);
    }

    @Test
    @DisplayName("month and year, a range, top and a gateway become the API's query parameters")
    void periodsTopAndGateway() {
        assertEquals(0, api.run("top-talkers", "--month", "1", "--year", "2026", "--top", "20", "--gateway", "spoke a"));
        assertEquals(0, api.run("top-talkers", "--from", "2026-01-11T10:00:00Z", "--to", "2026-02-10"));
        assertEquals(List.of("month=1&year=2026&top=20&gateway=spoke+a",
                "from=2026-01-11T10%3A00%3A00Z&to=2026-02-10T00%3A00%3A00Z&top=10"), api.queries);
    }

    @Test
    @DisplayName("bad flags are usage errors (exit 2) and nothing is asked of the server")
    void usageErrors() {
        assertEquals(2, api.run("top-talkers", "--top", "0"));
        assertEquals(2, api.run("top-talkers", "--group-by", "planet"));
        assertEquals(2, api.run("top-talkers", "--days", "7", "--month", "1", "--year", "2026"));
        assertEquals(2, api.run("top-talkers", "--output", "xml"));
        assertEquals(2, api.run("top-talkers", "--year", "2026"));
        String errors = api.err.toString();
        assertTrue(errors.contains("top must be at least 1, got 0"), errors);
        assertTrue(errors.contains("unknown group-by key 'planet'"), errors);
        assertTrue(errors.contains("give one period"), errors);
        assertTrue(errors.contains("unknown output format 'xml'"), errors);
        assertTrue(errors.contains("--year needs --month"), errors);
        assertTrue(api.queries.isEmpty());
        assertEquals("", api.out.toString());
    }

    @Test
    @DisplayName("a global answer to --per-spoke, or more rows than --top, is an unexpected answer (exit 1), nothing printed")
    void answerDoesNotFitTheQuestion() {
        assertEquals(1, api.run("top-talkers", "--per-spoke"));
        assertTrue(api.err.toString().contains("asked for mode 'per_spoke', got 'global'"), api.err.toString());
        assertEquals(1, api.run("top-talkers", "--top", "5"));
        assertTrue(api.err.toString().contains("destinations has 10 rows, more than top=5"), api.err.toString());
        assertEquals("", api.out.toString());
    }

    @Test
    @DisplayName("a 404 for an unknown gateway exits 2 and a 503 exits 3, each with the server's message")
    void serverErrors() {
        api.status = 404;
        api.body = "{\"error\": \"not_found\", \"parameter\": \"gateway\", \"message\": \"unknown gateway 'x'\"}";
        assertEquals(2, api.run("top-talkers", "--gateway", "x"));
        assertTrue(api.err.toString().contains("unknown gateway 'x'"), api.err.toString());
        api.status = 503;
        api.body = "{\"error\": \"unavailable\", \"message\": \"partitions are rebalancing\", \"retry_after_seconds\": 2}";
        assertEquals(3, api.run("top-talkers"));
        assertTrue(api.err.toString().contains("partitions are rebalancing (retry after 2 s)"), api.err.toString());
        assertEquals("", api.out.toString());
    }

    @Test
    @DisplayName("an unreachable server exits 3 and says where it looked")
    void unreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;
        assertEquals(3, api.run("top-talkers", "--url", url, "--timeout", "5"));
        assertTrue(api.err.toString().contains("cannot reach egressmon at " + url), api.err.toString());
    }

    @Test
    @DisplayName("a 200 whose body is not a top-talkers report exits 1 and names what is missing")
    void malformedAnswer() {
        api.body = "{\"mode\": \"global\", \"destinations\": []}";
        assertEquals(1, api.run("top-talkers"));
        assertTrue(api.err.toString().contains("'period_start' is missing"), api.err.toString());
        assertEquals("", api.out.toString());
    }
}
