package io.egressmon.report.talkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.ApiJson;
import io.egressmon.api.talkers.TalkerRow;
import io.egressmon.api.talkers.TopTalkersAnswer;
import io.egressmon.report.Fixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TopTalkersJsonTest {

    @Test
    @DisplayName("a CGNAT row says \"is_cgnat\": true, and a period with microseconds keeps them as isoformat does")
    void cgnatAndMicros() {
        TopTalkersAnswer answer = Fixtures.global(Instant.parse("2026-02-03T10:00:00.123456789Z"),
                Instant.parse("2026-02-10T10:00:00Z"), 7, "u", 1, List.of(TalkerRow.of(1, "100.64.0.1", 1, "u")), List.of());
        String json = TopTalkersJson.write(answer);
        assertTrue(json.contains("\"period_start\": \"2026-02-03T10:00:00.123456Z\""), json);
        assertTrue(json.contains("\"is_cgnat\": true,"), json);
        assertTrue(json.endsWith("  \"sources\": []\n}\n"), json);
    }

    @Test
    @DisplayName("an approximate answer prints the same document: top and the accuracy fields are the API's, not the original's")
    void accuracyFieldsAreLeftOut() {
        TopTalkersAnswer approximate = ApiJson.read(Fixtures.text(Fixtures.TALKERS)
                .replace("\"top\": 10", "\"top\": 10, \"approximate\": true, \"error_bound_bytes\": 5"), TopTalkersAnswer.class);
        assertEquals(Boolean.TRUE, approximate.approximate());
        assertEquals(Fixtures.text("talkers/top_talkers_7d.json"), TopTalkersJson.write(approximate));
    }
}
