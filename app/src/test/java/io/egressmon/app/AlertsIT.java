package io.egressmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.egressmon.avro.CostAlert;
import io.egressmon.copilot.sim.CopilotSimulator;
import io.egressmon.copilot.sim.SimulatorConfig;
import io.egressmon.schemas.Topics;
import io.egressmon.streams.StreamsApp;
import io.egressmon.streams.StreamsAppConfig;
import io.egressmon.streams.alerts.AlertsTopology;
import io.egressmon.streams.alerts.BudgetSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Budget alerts end to end: the simulator's 30 days priced, judged against a budgets file small
 * enough for its estate, by two streams instances; {@code egressmon.alerts} read as a consumer would
 * (read_committed) holds each dedupe key once, also after an instance restarts, and
 * {@code GET /api/v1/alerts} of either instance lists the same alerts.
 */
class AlertsIT {
    private static final String BUDGETS = """
            cost_centers:
              everything:
                patterns: ["*"]
            budgets:
              - {scope: cost_center, name: everything, monthly_usd: 0.01}
            """;

    @AutoClose
    private PipelineHarness pipeline;
    @TempDir
    Path dir;

    @Test
    @DisplayName("each alert is on egressmon.alerts exactly once, across a restart, and /api/v1/alerts agrees from either instance")
    void alertsExactlyOnce() throws Exception {
        pipeline = new PipelineHarness(CopilotSimulator.start(SimulatorConfig.defaults()));
        Path budgets = Files.writeString(dir.resolve("budgets.yaml"), BUDGETS);
        pipeline.startIngest(pipeline.ingestConfig()); // first: the budgets are checked against the inventory it writes
        StreamsApp first = pipeline.startStreams("first", BudgetSettings.BUDGETS.name(), budgets.toString());
        StreamsApp second = pipeline.startStreams("second", BudgetSettings.BUDGETS.name(), budgets.toString());
        pipeline.awaitPolledUntil(Instant.now().minus(Duration.ofMinutes(2)), Duration.ofMinutes(8));
        List<String> topics = List.of(Topics.COUNTER_SNAPSHOTS.name(), Topics.COST_SPOKE_HOURS.name(),
                AlertsTopology.byScopeTopic(StreamsAppConfig.DEFAULT_APPLICATION_ID));
        pipeline.awaitStreamsCaughtUp(pipeline.kafka.bootstrapServers(), topics, Duration.ofMinutes(4));

        Map<String, List<CostAlert>> written = readAlerts();
        assertFalse(written.isEmpty(), "a $0.01 budget on every gateway is crossed in 30 days");
        assertOncePerKey(written);
        Set<String> months = new TreeSet<>();
        written.values().forEach(list -> months.add(list.get(0).getMonth()));
        assertTrue(written.keySet().stream().anyMatch(k -> k.contains("|threshold|100")), written.keySet().toString());
        for (String month : months) {
            assertAnswersAgree(first, month, written);
            assertAnswersAgree(second, month, written);
        }

        // A restart judges again from the stores: nothing raised twice.
        pipeline.stopStreams(second);
        second = pipeline.startStreams("second", BudgetSettings.BUDGETS.name(), budgets.toString());
        pipeline.awaitPolledUntil(Instant.now(), Duration.ofMinutes(2));
        pipeline.awaitStreamsCaughtUp(pipeline.kafka.bootstrapServers(), topics, Duration.ofMinutes(4));
        Map<String, List<CostAlert>> after = readAlerts();
        assertOncePerKey(after);
        assertTrue(after.keySet().containsAll(written.keySet()));
        for (String month : months) {
            assertAnswersAgree(second, month, after);
        }
    }

    private void assertAnswersAgree(StreamsApp app, String month, Map<String, List<CostAlert>> written) {
        PipelineHarness.Reply reply = pipeline.get(app, "/api/v1/alerts?month=" + month);
        assertEquals(200, reply.status(), reply.text());
        JsonNode body = reply.body();
        assertEquals(month, body.get("month").asText());
        Set<String> answered = new TreeSet<>();
        for (JsonNode a : body.get("alerts")) {
            answered.add(a.get("dedupe_key").asText());
            CostAlert onTopic = written.get(a.get("dedupe_key").asText()).get(0);
            assertEquals(onTopic.getAmountUsd(), a.get("amount_usd").asText());
        }
        Set<String> expected = new TreeSet<>();
        written.forEach((key, list) -> {
            if (list.get(0).getMonth().equals(month)) {
                expected.add(key);
            }
        });
        assertEquals(expected, answered, "the API lists what the topic holds for " + month);
        JsonNode budget = body.get("budgets").get(0);
        assertEquals("everything", budget.get("scope_name").asText());
        assertTrue(budget.get("month_to_date_usd").isTextual(), "dollars as decimal strings: " + budget);
    }

    private static void assertOncePerKey(Map<String, List<CostAlert>> written) {
        List<String> doubled = new ArrayList<>();
        written.forEach((key, list) -> {
            if (list.size() != 1) {
                doubled.add(key + " ×" + list.size());
            }
        });
        assertEquals(List.of(), doubled, "each dedupe key once on egressmon.alerts");
    }

    private Map<String, List<CostAlert>> readAlerts() {
        return AlertsTopic.read(pipeline.kafka.bootstrapServers(), pipeline.registry.url());
    }
}
