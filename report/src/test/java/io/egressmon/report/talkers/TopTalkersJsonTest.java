package io.egressmon.report.talkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.report.ReportFormat;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TopTalkersJsonTest {

    @Test
    @DisplayName("global: the contract's document in json.dumps(indent=2) layout, rows with all seven fields")
    void global() {
        assertEquals(TalkersFixtures.text("talkers/top_talkers_7d.json"), TopTalkersJson.write(TalkersFixtures.sampleReport()));
    }

    @Test
    @DisplayName("per spoke: a gateway entry with the 8 attributes (null when missing) and its rankings")
    void perSpoke() {
        assertEquals(TalkersFixtures.text("talkers/top_talkers_7d_per_spoke.json"),
                TopTalkersJson.write(TalkersFixtures.perSpokeReport()));
    }

    @Test
    @DisplayName("grouped: group_by and groups follow the gateways")
    void grouped() {
        assertEquals(TalkersFixtures.text("talkers/top_talkers_7d_per_spoke_by_cloud.json"),
                TopTalkersJson.write(TalkersFixtures.perSpokeReport().groupBy("cloud")));
    }

    @Test
    @DisplayName("a CGNAT row says \"is_cgnat\": true, and a period with microseconds keeps them as isoformat does")
    void cgnatAndMicros() {
        TopTalkersReport report = new TopTalkersReport(Instant.parse("2026-02-03T10:00:00.123456789Z"),
                Instant.parse("2026-02-10T10:00:00Z"), 7, "u", 1,
                List.of(new RankedTalker(1, "100.64.0.1", 1, true)), List.of());
        String json = TopTalkersJson.write(report);
        assertTrue(json.contains("\"period_start\": \"2026-02-03T10:00:00.123456Z\""), json);
        assertTrue(json.contains("\"is_cgnat\": true,"), json);
        assertTrue(json.endsWith("  \"sources\": []\n}\n"), json);
    }

    @Test
    @DisplayName("--output names render the three writers")
    void formats() {
        TalkersReport report = TalkersFixtures.sampleReport();
        assertEquals(TopTalkersText.write(report), report.render(ReportFormat.TEXT));
        assertEquals(TopTalkersCsv.write(report), report.render(ReportFormat.CSV));
        assertEquals(TopTalkersJson.write(report), report.render(ReportFormat.JSON));
    }
}
