package io.egressmon.report.talkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TopTalkersApiJsonTest {
    private static final String HEAD = """
            "period_start": "2026-02-03T10:00:00Z", "period_end": "2026-02-10T10:00:00Z", "period_days": 7,
            "copilot_flowiq_url": "https://c/monitor/flow-iq/flowiq/overview\"""";

    @Test
    @DisplayName("the API's global answer for the sample reads back into the sample's rankings")
    void readsTheSample() {
        TalkersReport report = TalkersReport.fromApiJson(TalkersFixtures.text("talkers/api_top_talkers_7d.json"));
        assertEquals(TalkersFixtures.sampleReport(), report);
        assertEquals("global", report.mode());
    }

    @Test
    @DisplayName("a per-spoke answer reads every spoke, null attributes as null, and infers top from the longest ranking")
    void readsPerSpoke() {
        PerSpokeTalkersReport report = assertInstanceOf(PerSpokeTalkersReport.class,
                TopTalkersApiJson.read(TalkersFixtures.text("talkers/api_top_talkers_7d_per_spoke.json")));
        assertEquals(List.of("lab-spoke", "marketing-azure-spoke-all", "operations-aws-spoke-k8s",
                "operations-azure-spoke-k8s", "operations-oci-spoke-shared"),
                report.gateways().stream().map(SpokeTalkers::gateway).toList());
        SpokeTalkers lab = report.gateways().get(0);
        assertNull(lab.accountName());
        assertNull(lab.vendorName());
        assertEquals(3, report.top());
        assertEquals(new RankedTalker(3, "100.64.12.7", 733, true), report.gateways().get(2).destinations().get(2));
        assertFalse(report.grouped());
    }

    @Test
    @DisplayName("an optional \"top\" in the body is taken; a caller's withTop replaces it")
    void topFromBody() {
        String body = "{\"mode\": \"global\", " + HEAD + ", \"top\": 25, \"destinations\": [], \"sources\": []}";
        TalkersReport report = TopTalkersApiJson.read(body);
        assertEquals(25, report.top());
        assertEquals(5, report.withTop(5).top());
    }

    @Test
    @DisplayName("group_by without groups groups the spokes here; the server's groups are taken as they come")
    void grouping() {
        String spokes = "\"gateways\": [" + spoke("a", "AWS", "1.1.1.1", 10) + ", " + spoke("b", "AWS", "1.1.1.1", 5) + "]";
        PerSpokeTalkersReport local = (PerSpokeTalkersReport) TopTalkersApiJson.read(
                "{\"mode\": \"per_spoke\", " + HEAD + ", " + spokes + ", \"group_by\": \"cloud\"}");
        assertEquals(List.of(new GroupTalkers("AWS", List.of("a", "b"),
                List.of(new RankedTalker(1, "1.1.1.1", 15, false)), List.of())), local.groups());

        PerSpokeTalkersReport server = (PerSpokeTalkersReport) TopTalkersApiJson.read(
                "{\"mode\": \"per_spoke\", " + HEAD + ", " + spokes + ", \"group_by\": \"cloud\", \"groups\": [{\"name\": "
                        + "\"AWS\", \"spokes\": 2, \"gateways\": [\"a\", \"b\"], \"destinations\": [" + row(1, "1.1.1.1", 99)
                        + "], \"sources\": []}]}");
        assertEquals("cloud", server.groupBy());
        assertEquals(99, server.groups().get(0).destinations().get(0).bytes());
    }

    @Test
    @DisplayName("missing or malformed required fields are refused with the field named")
    void requiredFields() {
        assertMessage("'mode' must be 'global' or 'per_spoke', got nothing",
                "{" + HEAD + ", \"destinations\": [], \"sources\": []}");
        assertMessage("'mode' must be 'global' or 'per_spoke', got 'weekly'",
                "{\"mode\": \"weekly\", " + HEAD + "}");
        assertMessage("'period_start' is missing", "{\"mode\": \"global\", \"destinations\": [], \"sources\": []}");
        assertMessage("'copilot_flowiq_url' is missing", "{\"mode\": \"global\", \"period_start\": \"2026-02-03T10:00:00Z\", "
                + "\"period_end\": \"2026-02-10T10:00:00Z\", \"period_days\": 7, \"destinations\": [], \"sources\": []}");
        assertMessage("'sources' is missing or not a list", "{\"mode\": \"global\", " + HEAD + ", \"destinations\": []}");
        assertMessage("'bytes' of 1.1.1.1 in destinations is missing or not an integer",
                "{\"mode\": \"global\", " + HEAD + ", \"destinations\": [{\"rank\": 1, \"ip\": \"1.1.1.1\", "
                        + "\"bytes\": \"12\", \"is_cgnat\": false}], \"sources\": []}");
        assertMessage("'is_cgnat' of 1.1.1.1 in sources of gateway 'a' is missing or not a boolean",
                "{\"mode\": \"per_spoke\", " + HEAD + ", \"gateways\": [{\"gateway\": \"a\", \"destinations\": [], "
                        + "\"sources\": [{\"rank\": 1, \"ip\": \"1.1.1.1\", \"bytes\": 1}]}]}");
        assertMessage("a gateway lacks 'gateway'", "{\"mode\": \"per_spoke\", " + HEAD + ", \"gateways\": [{}]}");
        assertMessage("is not JSON", "<html>bad gateway</html>");
    }

    @Test
    @DisplayName("negative bytes, rank 0 and more rows than top are inconsistent answers")
    void inconsistentAnswers() {
        assertMessage("bytes must not be negative", "{\"mode\": \"global\", " + HEAD + ", \"destinations\": ["
                + row(1, "1.1.1.1", -1) + "], \"sources\": []}");
        assertMessage("rank must be at least 1", "{\"mode\": \"global\", " + HEAD + ", \"destinations\": ["
                + row(0, "1.1.1.1", 1) + "], \"sources\": []}");
        TalkersReport two = TopTalkersApiJson.read("{\"mode\": \"global\", " + HEAD + ", \"destinations\": ["
                + row(1, "1.1.1.1", 2) + ", " + row(2, "8.8.8.8", 1) + "], \"sources\": []}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> two.withTop(1));
        assertEquals("destinations has 2 rows, more than top=1", e.getMessage());
    }

    @Test
    @DisplayName("times with an offset or without a zone are accepted, as for the bandwidth report")
    void times() {
        TalkersReport report = TopTalkersApiJson.read("{\"mode\": \"global\", \"period_start\": \"2026-02-03T11:00:00+01:00\", "
                + "\"period_end\": \"2026-02-10T10:00:00\", \"period_days\": 7, \"copilot_flowiq_url\": \"u\", "
                + "\"destinations\": [], \"sources\": []}");
        assertEquals(Instant.parse("2026-02-03T10:00:00Z"), report.periodStart());
        assertEquals(Instant.parse("2026-02-10T10:00:00Z"), report.periodEnd());
    }

    private static void assertMessage(String expectedPart, String body) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TopTalkersApiJson.read(body));
        assertTrue(e.getMessage().startsWith("top-talkers response"), e.getMessage());
        assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
    }

    private static String spoke(String name, String vendor, String ip, long bytes) {
        return "{\"gateway\": \"" + name + "\", \"vendor_name\": \"" + vendor + "\", \"destinations\": [" + row(1, ip, bytes)
                + "], \"sources\": []}";
    }

    private static String row(int rank, String ip, long bytes) {
        return "{\"rank\": " + rank + ", \"ip\": \"" + ip + "\", \"bytes\": " + bytes + ", \"is_cgnat\": false}";
    }
}
