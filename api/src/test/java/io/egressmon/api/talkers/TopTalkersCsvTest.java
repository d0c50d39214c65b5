package io.egressmon.api.talkers;

import static io.egressmon.api.talkers.TalkerSamples.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.Fixtures;
import io.egressmon.api.GatewayAttributes;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TopTalkersCsvTest {

    @Test
    @DisplayName("the sample's rows print back as the real sample CSV, byte for byte, CRLF line ends included")
    void sampleByteForByte() {
        assertEquals(Fixtures.text(TalkerSamples.CSV), TopTalkersCsv.write(TalkerSamples.sample()));
    }

    @Test
    @DisplayName("per spoke, the 8 gateway attribute columns come first and rank precedes direction")
    void perSpokeColumnOrder() {
        String csv = TopTalkersCsv.write(TalkerSamples.perSpoke());
        assertEquals("gateway,account_name,vpc_name,vpc_id,vpc_region,vendor_name,transit_gw_name,group_name,"
                + "rank,direction,ip,bytes,human_readable,is_cgnat,flowiq_filter,copilot_url\r\n",
                csv.substring(0, csv.indexOf("\r\n") + 2));
        assertTrue(csv.contains("\r\noperations-aws-spoke-k8s,operations-aws,operations-aws-spoke-k8s,"
                + "vpc-03bca47bf62b22bf3~~operations-aws-spoke-k8s,us-east-1,AWS,transit-aws-us-east-1,"
                + "operations-aws-spoke-k8s,3,destination,100.64.12.7,733,733 B,True,100.64.12.7,"
                + TalkerSamples.URL + "\r\n"), csv);
    }

    @Test
    @DisplayName("per spoke, each spoke's destinations then its sources, missing attributes as empty fields")
    void perSpokeMatchesTheOracle() {
        assertEquals(Fixtures.text("talkers/top_talkers_7d_per_spoke.csv"), TopTalkersCsv.write(TalkerSamples.perSpoke()));
    }

    @Test
    @DisplayName("is_cgnat is Python's True/False, and a field with a comma is quoted as csv.writer quotes it")
    void cgnatAndQuoting() {
        SpokeTalkers spoke = new SpokeTalkers(new GatewayAttributes("gw", "Acme, Inc.", "v", "vpc-1", "r", "AWS", "t", "g"),
                List.of(row(1, "100.100.0.1", 5)), List.of(row(1, "10.0.0.1", 5)));
        String csv = TopTalkersCsv.write(TalkerSamples.perSpoke(10, List.of(spoke)));
        assertEquals(List.of(
                String.join(",", TopTalkersCsv.PER_SPOKE_COLUMNS),
                "gw,\"Acme, Inc.\",v,vpc-1,r,AWS,t,g,1,destination,100.100.0.1,5,5 B,True,100.100.0.1," + TalkerSamples.URL,
                "gw,\"Acme, Inc.\",v,vpc-1,r,AWS,t,g,1,source,10.0.0.1,5,5 B,False,10.0.0.1," + TalkerSamples.URL),
                List.of(csv.split("\r\n")));
    }

    @Test
    @DisplayName("an answer with no rows is just the header")
    void emptyAnswer() {
        assertEquals("direction,rank,ip,bytes,human_readable,is_cgnat,flowiq_filter,copilot_url\r\n",
                TopTalkersCsv.write(TalkerSamples.global(10, List.of(), List.of())));
    }
}
