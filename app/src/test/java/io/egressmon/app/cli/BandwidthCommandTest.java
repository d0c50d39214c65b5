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

}
