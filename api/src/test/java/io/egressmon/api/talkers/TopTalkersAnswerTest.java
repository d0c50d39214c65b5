package io.egressmon.api.talkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.egressmon.api.Fixtures;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Reading the top-talkers answer, and what it refuses. */
class TopTalkersAnswerTest {

    @Test
    @DisplayName("the API's global answer for the sample reads back into the sample's rankings")
    void readsTheSample() {
        assertEquals(TalkerSamples.sample(), Fixtures.read(TalkerSamples.ANSWER, TopTalkersAnswer.class));
    }

    @Test
    @DisplayName("a per-spoke answer reads every spoke, its attributes null when the inventory lacks them")
    void readsPerSpoke() {
        TopTalkersAnswer answer = TalkerSamples.perSpoke();
        assertEquals(List.of("lab-spoke", "marketing-azure-spoke-all", "operations-aws-spoke-k8s",
                "operations-azure-spoke-k8s", "operations-oci-spoke-shared"),
                answer.gateways().stream().map(SpokeTalkers::gateway).toList());
        assertNull(answer.gateways().get(0).attributes().accountName());
        assertEquals(3, answer.top());
        assertEquals(TalkerSamples.row(3, "100.64.12.7", 733), answer.gateways().get(2).destinations().get(2));
        assertFalse(answer.grouped());
    }

    @Test
    @DisplayName("an answer that does not say its top is refused: it is how the reader knows the rankings are whole")
    void missingTop() {
        assertRefused(TalkerSamples.ANSWER, json -> json.remove("top"), "'top'");
    }

    @Test
    @DisplayName("a ranking longer than top is refused")
    void moreRowsThanTop() {
        assertRefused(TalkerSamples.ANSWER, json -> json.put("top", 5), "destinations has 10 rows, more than top=5");
    }

    @Test
    @DisplayName("a mode other than global or per_spoke is refused")
    void unknownMode() {
        assertRefused(TalkerSamples.ANSWER, json -> json.put("mode", "weekly"), "mode is 'weekly', not global or per_spoke");
    }

    @Test
    @DisplayName("a global answer without its sources is refused naming them")
    void missingSources() {
        assertRefused(TalkerSamples.ANSWER, json -> json.remove("sources"), "sources");
    }

    @Test
    @DisplayName("a row without its byte count is refused naming the field and the row")
    void missingBytes() {
        assertRefused(TalkerSamples.ANSWER, json -> row(json, "destinations", 1).remove("bytes"),
                "'bytes'", "(at destinations[1].bytes)");
    }

    @Test
    @DisplayName("a row without is_cgnat is refused naming it, as every other field")
    void missingCgnatFlag() {
        assertRefused(TalkerSamples.ANSWER, json -> row(json, "sources", 0).remove("is_cgnat"),
                "'is_cgnat'", "(at sources[0].is_cgnat)");
    }

    @Test
    @DisplayName("negative bytes are refused")
    void negativeBytes() {
        assertRefused(TalkerSamples.ANSWER, json -> row(json, "destinations", 0).put("bytes", -1),
                "bytes must not be negative", "(at destinations[0])");
    }

    @Test
    @DisplayName("a rank below 1 is refused")
    void rankZero() {
        assertRefused(TalkerSamples.ANSWER, json -> row(json, "sources", 2).put("rank", 0),
                "rank must be at least 1", "(at sources[2])");
    }

    @Test
    @DisplayName("a spoke without its gateway name is refused naming the field")
    void missingGatewayName() {
        assertRefused(TalkerSamples.PER_SPOKE_ANSWER, json -> ((ObjectNode) json.get("gateways").get(1)).remove("gateway"),
                "'gateway'", "(at gateways[1].gateway)");
    }

    private static void assertRefused(String resource, Consumer<ObjectNode> change, String... parts) {
        Fixtures.assertRefused(resource, TopTalkersAnswer.class, change, parts);
    }

    private static ObjectNode row(ObjectNode answer, String ranking, int index) {
        return (ObjectNode) answer.get(ranking).get(index);
    }
}
