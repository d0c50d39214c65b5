package io.egressmon.cost;

import static io.egressmon.cost.Bytes.gb;
import static io.egressmon.cost.Bytes.usd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.cost.EgressRoute.Leg;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A spoke's egress route")
class EgressRouteTest {
    private static final PriceTable PRICES = PriceTables.defaults();

    @Test
    @DisplayName("with local egress is internet egress at the spoke's own provider, region, account and name")
    void localEgress() {
        GatewaySite spoke = SampleEstate.gateway("operations-aws-spoke-k8s");
        EgressRoute route = EgressRoute.of(spoke, SampleEstate.inventory());
        assertFalse(route.centralised());
        assertEquals(List.of(new Leg(new BillingPoint(Provider.AWS, "us-east-1", "operations-aws", "operations-aws-spoke-k8s"),
                Traffic.INTERNET)), route.legs());
    }

    @Test
    @DisplayName("centralised through a transit in another region is internet egress there plus the leg at the spoke's inter-region rate")
    void centralisedCrossRegion() {
        GatewaySite spoke = SampleEstate.gateway("engineering-aws-spoke-dev").centralisedVia("transit-aws-us-east-1");
        EgressRoute route = EgressRoute.of(spoke, SampleEstate.inventory(spoke));
        assertTrue(route.centralised());
        assertEquals("transit-aws-us-east-1", route.egressGateway());
        assertEquals(List.of(
                new Leg(new BillingPoint(Provider.AWS, "us-east-1", "network-aws", "transit-aws-us-east-1"), Traffic.INTERNET),
                new Leg(new BillingPoint(Provider.AWS, "us-east-2", "engineering-aws", "engineering-aws-spoke-dev"),
                        Traffic.INTER_REGION)), route.legs());
        // 100 GB over the leg at AWS's default inter-region $0.02/GB: 100 × 0.02 = $2
        assertEquals(0, usd("2").compareTo(cost(route.legs().get(1), gb(100))));
    }

    @Test
    @DisplayName("centralised through a transit in the same region and another known zone adds the inter-AZ leg")
    void centralisedSameRegionOtherZone() {
        GatewaySite spoke = SampleEstate.gateway("accounting-aws-spoke-dev").inZone("use1-az1").centralisedVia("transit-aws-us-east-1");
        GatewaySite transit = SampleEstate.gateway("transit-aws-us-east-1").inZone("use1-az2");
        EgressRoute route = EgressRoute.of(spoke, SampleEstate.inventory(spoke, transit));
        assertEquals(List.of(Traffic.INTERNET, Traffic.INTER_AZ), route.legs().stream().map(Leg::traffic).toList());
        assertEquals("us-east-1", route.legs().get(1).at().region());
        assertFalse(route.zoneUnknown());
        // 100 GB at AWS's inter-AZ $0.01/GB: $1
        assertEquals(0, BigDecimal.ONE.compareTo(cost(route.legs().get(1), gb(100))));
    }

    @Test
    @DisplayName("centralised through a transit in the same region with zones unknown charges no leg, and says so")
    void centralisedSameRegionZoneUnknown() {
        GatewaySite spoke = SampleEstate.gateway("accounting-aws-spoke-dev").centralisedVia("transit-aws-us-east-1");
        EgressRoute route = EgressRoute.of(spoke, SampleEstate.inventory(spoke));
        assertEquals(List.of(new Leg(new BillingPoint(Provider.AWS, "us-east-1", "network-aws", "transit-aws-us-east-1"),
                Traffic.INTERNET)), route.legs());
        assertTrue(route.zoneUnknown());
    }

    @Test
    @DisplayName("centralised through a transit in the same zone charges no leg and knows it")
    void centralisedSameZone() {
        GatewaySite spoke = SampleEstate.gateway("accounting-aws-spoke-dev").inZone("use1-az1").centralisedVia("transit-aws-us-east-1");
        GatewaySite transit = SampleEstate.gateway("transit-aws-us-east-1").inZone("use1-az1");
        EgressRoute route = EgressRoute.of(spoke, SampleEstate.inventory(spoke, transit));
        assertEquals(1, route.legs().size());
        assertFalse(route.zoneUnknown());
    }

    @Test
    @DisplayName("centralised through a gateway in another cloud is internet egress on both legs")
    void centralisedOtherCloud() {
        GatewaySite spoke = SampleEstate.gateway("operations-azure-spoke-k8s").centralisedVia("transit-aws-us-east-1");
        EgressRoute route = EgressRoute.of(spoke, SampleEstate.inventory(spoke));
        assertEquals(List.of(Provider.AWS, Provider.AZURE), route.legs().stream().map(l -> l.at().provider()).toList());
        assertEquals(List.of(Traffic.INTERNET, Traffic.INTERNET), route.legs().stream().map(Leg::traffic).toList());
    }

    @Test
    @DisplayName("through a gateway the inventory lacks, or of a vendor without prices, is refused, naming it")
    void unknownGateways() {
        GatewaySite spoke = SampleEstate.gateway("accounting-aws-spoke-dev").centralisedVia("transit-gone");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> EgressRoute.of(spoke, SampleEstate.inventory()));
        assertTrue(missing.getMessage().contains("transit-gone"), missing::getMessage);
        GatewaySite edge = GatewaySite.of("edge-1", "Equinix", "dc1", "acct", null);
        IllegalArgumentException unpriced = assertThrows(IllegalArgumentException.class,
                () -> EgressRoute.of(edge, SampleEstate.inventory()));
        assertTrue(unpriced.getMessage().contains("Equinix"), unpriced::getMessage);
    }

    @Test
    @DisplayName("reads the inventory's vendor names and takes its blank fields for unknown")
    void inventoryFields() {
        assertEquals(List.of(Provider.AWS, Provider.AWS, Provider.AZURE, Provider.AZURE, Provider.GCP, Provider.OCI),
                List.of("AWS", "AWS GOV", "Azure ARM", "ARM CHINA", "Gcloud", "Oracle Cloud Infrastructure").stream()
                        .map(Provider::fromVendor).toList());
        assertNull(Provider.fromVendor("Megaport"));
        GatewaySite blank = new GatewaySite("spoke-1", "AWS", "us-east-1", "", "", "", "");
        assertNull(blank.accountName());
        assertNull(blank.egressVia());
        assertFalse(EgressRoute.of(blank, name -> null).centralised());
    }

    private static BigDecimal cost(Leg leg, long bytes) {
        return PRICES.cost(leg.at(), leg.traffic(), 0, bytes).usd();
    }
}
