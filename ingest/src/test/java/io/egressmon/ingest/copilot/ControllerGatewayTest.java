package io.egressmon.ingest.copilot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A gateway's description")
class ControllerGatewayTest {

    /** vpc_id and vpc_name pairs from the sample report spoke_bandwidth_7d.csv, one per cloud, plus edge cases. */
    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("vpc_name comes from vpc_id, as in the sample report, for every cloud's format")
    @CsvSource(delimiter = '|', value = {
        "vpc-06ca01b0b6488e435~~accounting-aws-spoke-dev|accounting-aws-spoke-dev",
        "ocid1.vcn.oc1.ap-singapore-1.amaaaaaaldcacyaaktoqqhfcr2onbzsvzbnntexhmdriapaek52ea37sqlzq~~operations-oci-spoke-shared|operations-oci-spoke-shared",
        "enterprise-data-gcp-spoke-dev~-~aviatrix-demo-dev|enterprise-data-gcp-spoke-dev",
        "marketing-azure-spoke-all:rg-av-marketing-azure-spoke-all-783434:5555b6f5-2ecf-4bc6-a5ae-07b964264407|marketing-azure-spoke-all",
        "vpc-0abc123|vpc-0abc123",
        "edge-site:7|edge-site:7",
    })
    void vpcNameFromVpcId(String vpcId, String vpcName) {
        assertEquals(vpcName, ControllerGateway.vpcNameOf(vpcId));
    }

    @Test
    @DisplayName("a missing vpc_id gives an empty vpc_name")
    void missingVpcId() {
        assertEquals("", ControllerGateway.vpcNameOf(null));
        assertEquals("", ControllerGateway.vpcNameOf(" "));
    }

    @Test
    @DisplayName("the type is compared lower-cased and missing attributes become empty")
    void typeLowerCased() {
        ControllerGateway g = ControllerGateway.of("gw", "Spoke", null, "vpc-1~~prod", "us-east-1", "AWS", null, null, null);
        assertTrue(g.isSpoke());
        assertEquals("spoke", g.gwType());
        assertEquals("", g.accountName());
        assertEquals("prod", g.vpcName());
        assertFalse(ControllerGateway.of("t", "TRANSIT", "", "", "", "", "", "", List.of()).isSpoke());
        assertFalse(ControllerGateway.of("t", null, "", "", "", "", "", "", List.of()).isSpoke());
    }
}
