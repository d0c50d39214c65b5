package io.egressmon.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.egressmon.api.bandwidth.BandwidthAnswer;
import io.egressmon.api.bandwidth.BandwidthCsv;
import io.egressmon.api.talkers.TopTalkersAnswer;
import io.egressmon.api.talkers.TopTalkersCsv;
import io.egressmon.report.talkers.TopTalkersJson;
import io.egressmon.report.talkers.TopTalkersText;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReportFormatTest {

    @Test
    @DisplayName("--output names map to the bandwidth report's three writers, case-insensitively")
    void rendersEachBandwidthFormat() {
        BandwidthAnswer answer = Fixtures.bandwidth(Fixtures.BANDWIDTH);
        assertEquals(BandwidthText.write(answer), ReportFormat.fromFlag("text").render(answer));
        assertEquals(BandwidthCsv.write(answer), ReportFormat.fromFlag("CSV").render(answer));
        assertEquals(BandwidthJson.write(answer), ReportFormat.fromFlag("json").render(answer));
    }

    @Test
    @DisplayName("--output names map to the top-talkers report's three writers")
    void rendersEachTopTalkersFormat() {
        TopTalkersAnswer answer = Fixtures.talkers(Fixtures.TALKERS);
        assertEquals(TopTalkersText.write(answer), ReportFormat.TEXT.render(answer));
        assertEquals(TopTalkersCsv.write(answer), ReportFormat.CSV.render(answer));
        assertEquals(TopTalkersJson.write(answer), ReportFormat.JSON.render(answer));
    }

    @Test
    @DisplayName("an unknown format is refused with the valid names")
    void unknownFormat() {
        assertEquals("unknown output format 'xml'; expected one of text, csv, json",
                assertThrows(IllegalArgumentException.class, () -> ReportFormat.fromFlag("xml")).getMessage());
    }
}
