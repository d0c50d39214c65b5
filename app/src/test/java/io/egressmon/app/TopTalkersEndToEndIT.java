package io.egressmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.egressmon.copilot.sim.CopilotSimulator;
import io.egressmon.copilot.sim.SimulatorConfig;
import io.egressmon.copilot.sim.flowiq.TalkerTruth;
import io.egressmon.streams.StreamsApp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Simulator FlowIQ → ingest (four sub-queries per spoke and slice, a size that covers every key) →
 * Kafka → two streams-app instances → REST: over 30 days, the global and per-spoke top-10
 * destinations and sources equal the simulator's ground truth (IPs, order, bytes), and group answers
 * equal the merge of their members, from either instance.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopTalkersEndToEndIT {
    @AutoClose
    private PipelineHarness pipeline;
    private StreamsApp first;
    private StreamsApp second;
    private Instant from;
    private Instant to;
    private TalkerTruth truth;

    @BeforeAll
    void startPipeline() throws Exception {
        pipeline = new PipelineHarness(CopilotSimulator.start(SimulatorConfig.defaults()));
        first = pipeline.startStreams("first");
        second = pipeline.startStreams("second");
        from = pipeline.startIngest(pipeline.ingestConfig());
        to = from.plus(PipelineHarness.BACKFILL);
        pipeline.awaitFlowiqPolledUntil(to, Duration.ofMinutes(8));
        truth = pipeline.simulator.talkerTruth(from, to);
    }

    @Test
    @DisplayName("the global top-10 destinations and sources over 30 days equal ground truth, from either instance")
    void globalTopTenEqualsTruth() {
        String query = "/api/v1/top-talkers?from=" + from + "&to=" + to + "&top=10";
        JsonNode one = awaitExact(first, query, body -> matches(body.path("destinations"), truth.topDestinations(null, 10))
                && matches(body.path("sources"), truth.topSources(null, 10)));
        assertRanking("global destinations", truth.topDestinations(null, 10), one.path("destinations"));
        assertRanking("global sources", truth.topSources(null, 10), one.path("sources"));
        assertEquals("global", one.path("mode").asText());
        assertEquals(one, pipeline.get(second, query).body(), "both instances give the same answer");
    }

    @Test
    @DisplayName("each spoke's top-10 destinations and sources equal ground truth")
    void perSpokeTopTenEqualsTruth() {
        String query = "/api/v1/top-talkers?from=" + from + "&to=" + to + "&top=10&per_spoke=true";
        JsonNode answer = awaitExact(second, query, body -> {
            for (JsonNode spoke : body.path("gateways")) {
                String gw = spoke.path("gateway").asText();
                if (!matches(spoke.path("destinations"), truth.topDestinations(gw, 10))
                        || !matches(spoke.path("sources"), truth.topSources(gw, 10))) {
                    return false;
                }
            }
            return body.path("gateways").size() > 0;
        });
        int checked = 0;
        for (JsonNode spoke : answer.path("gateways")) {
            String gw = spoke.path("gateway").asText();
            assertRanking(gw + " destinations", truth.topDestinations(gw, 10), spoke.path("destinations"));
            assertRanking(gw + " sources", truth.topSources(gw, 10), spoke.path("sources"));
            checked++;
        }
        assertTrue(checked >= 13, "every spoke with flows is listed, got " + checked);
        assertEquals(answer, pipeline.get(first, query).body(), "both instances give the same answer");
    }

    @Test
    @DisplayName("a group's ranking equals the merge of its members' ground truth")
    void groupEqualsMergeOfMembers() {
        String query = "/api/v1/top-talkers?from=" + from + "&to=" + to + "&top=10&per_spoke=true&group_by=cloud";
        JsonNode answer = pipeline.get(first, query).body();
        assertTrue(answer.path("groups").size() >= 4, answer.toString());
        for (JsonNode group : answer.path("groups")) {
            Map<String, Long> destinations = new HashMap<>();
            Map<String, Long> sources = new HashMap<>();
            for (JsonNode member : group.path("gateways")) {
                truth.destinations(member.asText()).forEach((ip, b) -> destinations.merge(ip, b, Long::sum));
                truth.sources(member.asText()).forEach((ip, b) -> sources.merge(ip, b, Long::sum));
            }
            String name = group.path("name").asText();
            assertRanking(name + " destinations", TalkerTruth.rank(destinations, 10), group.path("destinations"));
            assertRanking(name + " sources", TalkerTruth.rank(sources, 10), group.path("sources"));
        }
        assertEquals(answer, pipeline.get(second, query).body(), "both instances give the same answer");
    }

    @Test
    @DisplayName("CGNAT, east-west and RFC1918 peers are never destinations; public look-alikes are")
    void classificationHoldsEndToEnd() {
        JsonNode answer = pipeline.get(first, "/api/v1/top-talkers?from=" + from + "&to=" + to
                + "&top=1000&per_spoke=true").body();
        List<String> destinations = new ArrayList<>();
        answer.path("gateways").forEach(g -> g.path("destinations").forEach(r -> destinations.add(r.path("ip").asText())));
        assertFalse(destinations.isEmpty());
        for (String ip : destinations) {
            assertEquals(io.egressmon.schemas.IpClass.PUBLIC, io.egressmon.schemas.IpClass.of(ip), ip + " is not public");
        }
        assertTrue(destinations.contains("172.32.0.1") || destinations.contains("100.128.0.1")
                || destinations.contains("192.169.0.1"), "public look-alikes are destinations");
    }

    private JsonNode awaitExact(StreamsApp app, String query, java.util.function.Predicate<JsonNode> exact) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        PipelineHarness.Reply reply;
        do {
            reply = pipeline.get(app, query);
            if (reply.status() == 200 && exact.test(reply.body())) {
                break;
            }
            PipelineHarness.sleep(Duration.ofSeconds(2));
        } while (System.nanoTime() < deadline);
        PipelineHarness.Reply last = reply;
        assertEquals(200, last.status(), () -> last.text());
        return last.body();
    }

    private static boolean matches(JsonNode rows, List<TalkerTruth.Ranked> expected) {
        if (rows.size() != expected.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            JsonNode row = rows.get(i);
            if (!row.path("ip").asText().equals(expected.get(i).ip()) || row.path("bytes").asLong() != expected.get(i).bytes()) {
                return false;
            }
        }
        return true;
    }

    private static void assertRanking(String what, List<TalkerTruth.Ranked> expected, JsonNode rows) {
        List<String> want = expected.stream().map(r -> r.rank() + ". " + r.ip() + " " + r.bytes()).toList();
        List<String> got = new ArrayList<>();
        rows.forEach(r -> got.add(r.path("rank").asInt() + ". " + r.path("ip").asText() + " " + r.path("bytes").asLong()));
        assertEquals(want, got, what);
    }
}
