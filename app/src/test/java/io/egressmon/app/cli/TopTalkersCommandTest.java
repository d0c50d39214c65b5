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
 * {@code report top-talkers} against a stub of egressmon's REST API on a loopback port. The stub answers
 * with fixtures made by report/src/test/python/talkers/talkers_oracle.py (the global one from the real
 * sample CSV's rows, asked with top=10; the per-spoke ones with top=3); stdout must match the expected
 * files exactly. The server's errors: {@link ReportCommandTest}.
 */
class TopTalkersCommandTest {
    private StubApi api;

    @BeforeEach
    void startStub() throws IOException {
        api = new StubApi("/api/v1/top-talkers", StubApi.resource("api_top_talkers_7d.json"));
    }

    @AfterEach
    void stopStub() {
        api.close();
    }

    @Test
    @DisplayName("--output csv prints the real sample CSV byte for byte")
    void csvIsTheSample() {
        api.assertPrints("top_talkers_7d.csv", "top-talkers", "--days", "7", "--output", "csv");
        assertEquals(List.of("days=7&top=10"), api.queries);
    }

    @Test
    @DisplayName("text is the default output, 30 days the default period and 10 the default top")
    void textByDefault() {
        api.assertPrints("top_talkers_7d.txt", "top-talkers");
        assertEquals(List.of("days=30&top=10"), api.queries);
    }

    @Test
    @DisplayName("--output json prints the contract's JSON")
    void json() {
        api.assertPrints("top_talkers_7d.json", "top-talkers", "--days", "7", "-o", "json");
    }

    @Test
    @DisplayName("--per-spoke asks per_spoke=true with the --top given and prints the per-spoke CSV and text")
    void perSpoke() {
        api.body = StubApi.resource("api_top_talkers_7d_per_spoke.json");
        api.assertPrints("top_talkers_7d_per_spoke.csv", "top-talkers", "--days", "7", "--top", "3", "--per-spoke", "--output", "csv");
        api.assertPrints("top_talkers_7d_per_spoke.txt", "top-talkers", "--days", "7", "--top", "3", "--per-spoke");
        assertEquals(List.of("days=7&top=3&per_spoke=true", "days=7&top=3&per_spoke=true"), api.queries);
    }

    @Test
    @DisplayName("--group-by implies --per-spoke, and the server's groups are printed")
    void groupBy() {
        api.body = StubApi.resource("api_top_talkers_7d_per_spoke_by_cloud.json");
        api.assertPrints("top_talkers_7d_per_spoke_by_cloud.txt", "top-talkers", "--days", "7", "--top", "3",
                "--group-by", "cloud");
        assertEquals(List.of("days=7&top=3&per_spoke=true&group_by=cloud"), api.queries);
    }

    @Test
    @DisplayName("a global answer to --per-spoke is an unexpected answer (exit 1), nothing printed")
    void globalAnswerToPerSpoke() {
        String err = api.assertFails(1, "top-talkers", "--per-spoke");
        assertTrue(err.contains("asked for mode 'per_spoke', got 'global'"), err);
    }

    @Test
    @DisplayName("an answer ranking another number of rows than --top is an unexpected answer (exit 1), nothing printed")
    void answerForAnotherTop() {
        String err = api.assertFails(1, "top-talkers", "--top", "5");
        assertTrue(err.contains("asked for top=5"), err);
        assertTrue(err.contains("got top=10"), err);
    }

}
