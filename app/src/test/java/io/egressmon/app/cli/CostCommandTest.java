package io.egressmon.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.Endpoints;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code report cost} against a stub of the REST API answering the fixed cost answer of the report
 * module's golden tests ({@code CostFixtures}). What every report shares (formats, exit codes, server
 * errors, periods): {@link ReportCommandTest}.
 */
class CostCommandTest {
    @RegisterExtension
    final StubApi api = StubApi.answering(Endpoints.COST, "api_cost_7d.json");

    @Test
    @DisplayName("--cost-center and --gateway become cost_center= and gateway=; --format is --output's other name")
    void costCenterAndFormat() {
        api.body = api.body.replace("\"period_days\": 7,", "\"period_days\": 7,\n  \"cost_center\": \"operations\",");
        api.assertPrints("cost_7d.csv", "cost", "--days", "7", "--cost-center", "operations", "--format", "csv");
        assertEquals(0, api.run("cost", "--days", "7", "--cost-center", "operations", "--gateway", "spoke a"), api.err::toString);
        assertEquals(List.of("days=7&cost_center=operations", "days=7&gateway=spoke+a&cost_center=operations"), api.queries);
    }

    @Test
    @DisplayName("an answer for another cost center than asked is an unexpected answer (exit 1)")
    void answerForAnotherCostCenter() {
        String err = api.assertFails(1, "cost", "--cost-center", "accounting");
        assertTrue(err.contains("asked for group_by null and cost_center accounting, got group_by null and cost_center null"), err);
    }

    @Test
    @DisplayName("an incomplete answer prints '(incomplete: priced until …)' and warns on stderr: a partial sum is never shown as final")
    void incomplete() {
        api.body = api.body.replace("\"complete\": true", "\"complete\": false")
                .replace("\"priced_until\": \"2026-02-10T10:00:00Z\",\n  \"resolution\"",
                        "\"priced_until\": \"2026-02-09T18:00:00Z\",\n  \"resolution\"");
        assertEquals(0, api.run("cost", "--days", "7"), api.err::toString);
        String out = api.out.toString();
        assertTrue(out.contains("Resolution: PT1H (incomplete: priced until 2026-02-09T18:00:00Z)"), out);
        assertTrue(out.contains("TOTAL (3 spokes, incomplete)"), out);
        String err = api.err.toString();
        assertTrue(err.contains("[WARN] Cost priced only until 2026-02-09T18:00:00Z"), err);
    }

    @Test
    @DisplayName("--group-by takes cost_center besides bandwidth's keys; another key is a usage error naming them")
    void groupByKeys() {
        String err = api.assertFails(2, "cost", "--group-by", "spoke");
        assertTrue(err.contains("unknown group-by key 'spoke'"), err);
        assertTrue(err.contains("cost_center"), err);
        assertTrue(api.queries.isEmpty());
    }
}
