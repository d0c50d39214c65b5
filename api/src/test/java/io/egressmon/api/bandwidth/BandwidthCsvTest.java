package io.egressmon.api.bandwidth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.egressmon.api.Fixtures;
import io.egressmon.api.GatewayAttributes;
import io.egressmon.api.GroupBy;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BandwidthCsvTest {

    @Test
    @DisplayName("the sample's 14 spokes are written back as the real sample CSV, byte for byte, CRLF line ends included")
    void reproducesTheSampleByteForByte() {
        BandwidthAnswer sample = BandwidthSamples.answer();
        assertEquals(14, sample.gateways().size());
        assertEquals(Fixtures.text(BandwidthSamples.CSV), BandwidthCsv.write(sample));
    }

    @Test
    @DisplayName("grouping does not change the CSV, which stays one row per spoke for pivot tables")
    void groupsAreNotInTheCsv() {
        BandwidthAnswer sample = BandwidthSamples.answer();
        assertEquals(BandwidthCsv.write(sample), BandwidthCsv.write(BandwidthSamples.of(sample.gateways(), GroupBy.CLOUD)));
    }

    @Test
    @DisplayName("an attribute with a comma is quoted and a missing one is an empty field")
    void quotingAndMissingAttributes() {
        SpokeBandwidth spoke = BandwidthSamples.spoke(
                new GatewayAttributes("gw-1", "acct, inc", null, "vpc-1", "us-east-1", "AWS", null, null),
                0, 1024, 1048576, 1073741824);
        String row = BandwidthCsv.write(BandwidthSamples.of(List.of(spoke), null)).split("\r\n")[1];
        assertEquals("gw-1,\"acct, inc\",,vpc-1,us-east-1,AWS,,,0,1024,1048576,1073741824,0 B,1 KB,1.0 MB,1.00 GB", row);
    }

    @Test
    @DisplayName("an answer without spokes is the header alone")
    void emptyAnswer() {
        assertEquals(String.join(",", BandwidthCsv.COLUMNS) + "\r\n", BandwidthCsv.write(BandwidthSamples.of(List.of(), null)));
    }
}
