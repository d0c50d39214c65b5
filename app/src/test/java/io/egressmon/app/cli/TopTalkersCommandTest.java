package io.egressmon.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code report top-talkers} against a stub of egressmon's REST API on a loopback port. The stub answers
 * with fixtures made by report/src/test/python/talkers/talkers_oracle.py (the global one from the real
 * sample CSV's rows, asked with top=10; the per-spoke ones with top=3); stdout must match the expected
 * files exactly. The outputs every report has and the server's errors: {@link ReportCommandTest}.
 */
class TopTalkersCommandTest {
    @RegisterExtension
    final StubApi api = StubApi.answering("/api/v1/top-talkers", "api_top_talkers_7d.json");

    @Test
    @DisplayName("--per-spoke asks per_spoke=true with the --top given and prints the per-spoke CSV and text")
    void perSpoke() {
        api.body = StubApi.resource("api_top_talkers_7d_per_spoke.json");
        api.assertPrints("top_talkers_7d_per_spoke.csv", "top-talkers", "--days", "7", "--top", "3", "--per-spoke", "--output", "csv");
        api.assertPrints("top_talkers_7d_per_spoke.txt", "top-talkers", "--days", "7", "--top", "3", "--per-spoke");
        assertEquals(List.of("days=7&top=3&per_spoke=true", "days=7&top=3&per_spoke=true"), api.queries);
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
