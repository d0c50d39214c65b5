package io.egressmon.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BandwidthCsvTest {

    @Test
    @DisplayName("the sample report's 14 rows are written back byte for byte, CRLF line ends included")
    void reproducesTheSampleByteForByte() {
        BandwidthReport report = Fixtures.sampleReport();
        assertEquals(14, report.gateways().size());
        byte[] written = BandwidthCsv.write(report).getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(Fixtures.bytes(Fixtures.SAMPLE_CSV), written);
    }

    @Test
    @DisplayName("grouping does not change the CSV, which stays one row per spoke for pivot tables")
    void groupsAreNotInTheCsv() {
        BandwidthReport report = Fixtures.sampleReport();
        assertEquals(BandwidthCsv.write(report), BandwidthCsv.write(report.groupBy("cloud")));
    }

    @Test
    @DisplayName("an attribute with a comma is quoted and a missing one is an empty field")
    void quotingAndMissingAttributes() {
        SpokeBandwidth spoke = new SpokeBandwidth("gw-1", "acct, inc", null, "vpc-1", "us-east-1", "AWS", null, null,
                List.of(), 0, 1024, 1048576, 1073741824, 0, 0);
        String csv = BandwidthCsv.write(new BandwidthReport(Fixtures.SAMPLE_START, Fixtures.SAMPLE_END, 7, List.of(spoke)));
        String row = csv.split("\r\n")[1];
        assertEquals("gw-1,\"acct, inc\",,vpc-1,us-east-1,AWS,,,0,1024,1048576,1073741824,0 B,1 KB,1.0 MB,1.00 GB", row);
    }

    @Test
    @DisplayName("a report without spokes is the header alone")
    void emptyReport() {
        String csv = BandwidthCsv.write(new BandwidthReport(Fixtures.SAMPLE_START, Fixtures.SAMPLE_END, 7, List.of()));
        assertEquals(String.join(",", BandwidthCsv.COLUMNS) + "\r\n", csv);
    }
}
