package io.egressmon.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code report bandwidth} against a stub of egressmon's REST API on a loopback port. The stub answers
 * with fixtures made from the sample report's rows (see report/src/test/python/bandwidth_oracle.py);
 * stdout must match the expected files exactly. The server's errors: {@link ReportCommandTest}.
 */
class BandwidthCommandTest {
    private StubApi api;

    @BeforeEach
    void startStub() throws IOException {
        api = new StubApi("/api/v1/bandwidth", StubApi.resource("api_bandwidth_7d.json"));
    }

    @AfterEach
    void stopStub() {
        api.close();
    }

    @Test
    @DisplayName("--output csv prints the sample report byte for byte")
    void csvIsTheSample() {
        api.assertPrints("spoke_bandwidth_7d.csv", "bandwidth", "--days", "7", "--output", "csv");
        assertEquals(List.of("days=7"), api.queries);
    }

    @Test
    @DisplayName("--output json prints the original script's JSON")
    void json() {
        api.assertPrints("spoke_bandwidth_7d.json", "bandwidth", "--days", "7", "--output", "json");
    }

    @Test
    @DisplayName("text is the default output, and 30 days the default period")
    void textByDefault() {
        api.assertPrints("spoke_bandwidth_7d.txt", "bandwidth");
        assertEquals(List.of("days=30"), api.queries);
    }

    @Test
    @DisplayName("--group-by is passed to the API and the server's groups are printed")
    void groupBy() {
        api.body = StubApi.resource("api_bandwidth_7d_by_cloud.json");
        api.assertPrints("spoke_bandwidth_7d_by_cloud.txt", "bandwidth", "--days", "7", "--group-by", "cloud");
        assertEquals(List.of("days=7&group_by=cloud"), api.queries);
    }

    @Test
    @DisplayName("an answer without the grouping asked for is an unexpected answer (exit 1): the CLI does not group")
    void answerWithoutGroups() {
        String err = api.assertFails(1, "bandwidth", "--days", "7", "--group-by", "cloud");
        assertTrue(err.contains("unexpected answer from "), err);
        assertTrue(err.contains("asked for group_by"), err);
    }

    @Test
    @DisplayName("month and year, a range, and a gateway become the API's query parameters")
    void periodsAndGateway() {
        assertEquals(0, api.run("bandwidth", "--month", "1", "--year", "2026", "--gateway", "spoke a"));
        assertEquals(0, api.run("bandwidth", "--from", "2026-01-11T10:00:00Z", "--to", "2026-02-10"));
        assertEquals(List.of("month=1&year=2026&gateway=spoke+a",
                "from=2026-01-11T10%3A00%3A00Z&to=2026-02-10T00%3A00%3A00Z"), api.queries);
    }

    @Test
    @DisplayName("--month without --year is a usage error (exit 2) and nothing is asked of the server")
    void monthWithoutYear() {
        String err = api.assertFails(2, "bandwidth", "--month", "1");
        assertTrue(err.contains("--month needs --year"), err);
        assertTrue(api.queries.isEmpty());
    }

    @Test
    @DisplayName("two periods at once, a bad group-by key or format, or days out of range are usage errors")
    void otherUsageErrors() {
        assertEquals(2, api.run("bandwidth", "--days", "7", "--month", "1", "--year", "2026"));
        assertEquals(2, api.run("bandwidth", "--group-by", "planet"));
        assertEquals(2, api.run("bandwidth", "--output", "xml"));
        assertEquals(2, api.run("bandwidth", "--days", "0"));
        assertEquals(2, api.run("bandwidth", "--from", "yesterday", "--to", "2026-02-10"));
        String errors = api.err.toString();
        assertTrue(errors.contains("give one period"), errors);
        assertTrue(errors.contains("unknown group-by key 'planet'"), errors);
        assertTrue(errors.contains("unknown output format 'xml'"), errors);
        assertTrue(errors.contains("days must be between 1 and 3650"), errors);
        assertTrue(errors.contains("--from must be an ISO time"), errors);
        assertTrue(api.queries.isEmpty());
    }
}
