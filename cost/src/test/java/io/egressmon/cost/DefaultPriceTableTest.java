package io.egressmon.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.EnumSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The default price table shipped in the jar")
class DefaultPriceTableTest {
    private static final PriceTable DEFAULTS = PriceTables.defaults();

    @Test
    @DisplayName("loads, and is dated no later than today")
    void dated() {
        assertNotNull(DEFAULTS.asOf());
        assertFalse(DEFAULTS.asOf().isAfter(LocalDate.now()), "as_of " + DEFAULTS.asOf() + " is in the future");
    }

    @Test
    @DisplayName("prices all four providers, each network of each, and names public sources for each")
    void everyProviderWithSources() {
        assertEquals(EnumSet.allOf(Provider.class), EnumSet.copyOf(DEFAULTS.providers().keySet()));
        for (Provider p : Provider.values()) {
            ProviderPrices prices = DEFAULTS.prices(p);
            assertFalse(prices.sources().isEmpty(), p + " has no sources");
            prices.sources().forEach(s -> assertTrue(s.startsWith("https://"), p + " source " + s));
            p.networks().forEach(n -> assertNotNull(prices.schedule(n.name()), p + " " + n.name()));
        }
    }

    @Test
    @DisplayName("counts AWS, Azure and OCI in GB and GCP in GiB")
    void units() {
        assertEquals(BillingUnit.GB, DEFAULTS.prices(Provider.AWS).unit());
        assertEquals(BillingUnit.GB, DEFAULTS.prices(Provider.AZURE).unit());
        assertEquals(BillingUnit.GIB, DEFAULTS.prices(Provider.GCP).unit());
        assertEquals(BillingUnit.GB, DEFAULTS.prices(Provider.OCI).unit());
    }

    @Test
    @DisplayName("knows the simulator's regions, in the spelling CoPilot reports them")
    void simulatorRegions() {
        assertNotNull(DEFAULTS.prices(Provider.AWS).region("us-east-1"));
        assertNotNull(DEFAULTS.prices(Provider.AWS).region("us-east-2"));
        assertEquals("zone1", DEFAULTS.prices(Provider.AZURE).region("North Europe").zone());
        assertEquals("north_america", DEFAULTS.prices(Provider.GCP).region("us-west1").continent());
        assertNotNull(DEFAULTS.prices(Provider.OCI).region("ap-singapore-1"));
    }
}
