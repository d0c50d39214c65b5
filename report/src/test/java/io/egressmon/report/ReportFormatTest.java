package io.egressmon.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReportFormatTest {

    @Test
    @DisplayName("--output names map to the seed's three writers")
    void rendersEachFormat() {
        BandwidthReport report = Fixtures.sampleReport();
        assertEquals(BandwidthText.write(report), ReportFormat.fromFlag("text").render(report));
        assertEquals(BandwidthCsv.write(report), ReportFormat.fromFlag("CSV").render(report));
        assertEquals(BandwidthJson.write(report), ReportFormat.fromFlag("json").render(report));
    }

    @Test
    @DisplayName("an unknown format is refused with the valid names")
    void unknownFormat() {
        assertEquals("unknown output format 'xml'; expected one of text, csv, json",
                assertThrows(IllegalArgumentException.class, () -> ReportFormat.fromFlag("xml")).getMessage());
    }
}
