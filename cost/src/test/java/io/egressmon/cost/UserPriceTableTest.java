package io.egressmon.cost;

import static io.egressmon.cost.Bytes.gb;
import static io.egressmon.cost.Bytes.usd;
import static io.egressmon.cost.HandComputedMonthTest.assertUsd;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The user's price file laid over the default")
class UserPriceTableTest {
    private static final String PAYER = "111122223333";
    private static final PriceTable DEFAULTS = PriceTables.defaults();

    @TempDir
    Path dir;

    @Test
    @DisplayName("replaces only what it names: one rate, one region's tiers, the date; the rest stays the default")
    void mergesDeep() throws IOException {
        PriceTable t = PriceTables.load(Files.writeString(dir.resolve("prices.yaml"), """
                as_of: 2027-01-15
                providers:
                  aws:
                    nat_gateway: {usd: 0.059}
                    internet:
                      standard:
                        by_region:
                          ap-southeast-1:
                            - {up_to: 10240, usd: 0.12}
                            - {usd: 0.085}
                """));

        assertEquals(LocalDate.of(2027, 1, 15), t.asOf());
        assertUsd("0.059", t.prices(Provider.AWS).natGateway().usdIn("us-east-1"));
        assertEquals(List.of(Tier.upTo("10240", "0.12"), Tier.above("0.085")),
                t.prices(Provider.AWS).schedule(null).tiersFor("ap-southeast-1"));
        // untouched: AWS's other prices, its default tiers, us-east-1's tiers and the other providers
        assertEquals(DEFAULTS.prices(Provider.AWS).interAz(), t.prices(Provider.AWS).interAz());
        assertEquals(DEFAULTS.prices(Provider.AWS).schedule(null).tiers(), t.prices(Provider.AWS).schedule(null).tiers());
        assertEquals(DEFAULTS.prices(Provider.AWS).schedule(null).tiersFor("us-east-1"),
                t.prices(Provider.AWS).schedule(null).tiersFor("us-east-1"));
        assertEquals(DEFAULTS.prices(Provider.AZURE), t.prices(Provider.AZURE));
        assertEquals(DEFAULTS.prices(Provider.AWS).sources(), t.prices(Provider.AWS).sources());
    }

    @Test
    @DisplayName("replaces a list of tiers whole, never mixing it with the default's")
    void tiersReplacedWhole() {
        PriceTable t = PriceTables.load("flat.yaml", """
                providers:
                  azure:
                    internet:
                      microsoft:
                        tiers: [{usd: 0.05}]
                """);

        assertEquals(List.of(Tier.above("0.05")), t.prices(Provider.AZURE).schedule("microsoft").tiers());
        // 1,000 GB − 100 GB free = 900 GB × $0.05 = $45
        assertUsd("45", t.cost(BillingPoint.of(Provider.AZURE, "westus2"), Traffic.INTERNET, 0, gb(1_000)).usd());
    }

    @Test
    @DisplayName("an account's tier_start_gb and discount_pct move the tiers and cut the price")
    void accountOverride() {
        PriceTable t = PriceTables.load("payer.yaml", """
                providers:
                  aws:
                    overrides:
                      accounts:
                        "%s": {tier_start_gb: 10000, discount_pct: 10}
                """.formatted(PAYER));
        Charge c = t.cost(new BillingPoint(Provider.AWS, "us-east-1", PAYER, "spoke-1"), Traffic.INTERNET, 0, gb(1_000));

        // the month starts at 10,000 GB (usage we cannot see), past the 100 GB free allowance:
        // tier 1: (10,240 − 10,000) = 240 GB × $0.09  = $21.60
        // tier 2: (11,000 − 10,240) = 760 GB × $0.085 = $64.60
        // list $86.20, less 10 %                      = $77.58
        assertUsd("77.58", c.usd());
        assertUsd("19.44", c.tiers().get(0).usd());   // $21.60 × 0.9
        assertUsd("58.14", c.tiers().get(1).usd());   // $64.60 × 0.9
        assertEquals(new TierPosition(2, usd("0.085"), gb(11_000), gb(40_200)), c.positionAfter());
    }

    @Test
    @DisplayName("a gateway's discount wins over its account's, and the account's tier start still applies")
    void mostSpecificScopeWins() {
        PriceTable t = PriceTables.load("scopes.yaml", """
                providers:
                  aws:
                    overrides:
                      regions: {us-east-1: {discount_pct: 5}}
                      accounts: {"%s": {tier_start_gb: 10000, discount_pct: 10}}
                      gateways: {spoke-1: {discount_pct: 20}}
                """.formatted(PAYER));

        // the same $86.20 list price as above, less the gateway's 20 % = $68.96
        assertUsd("68.96", t.cost(new BillingPoint(Provider.AWS, "us-east-1", PAYER, "spoke-1"), Traffic.INTERNET, 0, gb(1_000)).usd());
        // another gateway of the account: the account's 10 % = $77.58
        assertUsd("77.58", t.cost(new BillingPoint(Provider.AWS, "us-east-1", PAYER, "spoke-2"), Traffic.INTERNET, 0, gb(1_000)).usd());
        // no account: the region's 5 % on a month from zero: (1,000 − 100) GB × $0.09 × 0.95 = $76.95
        assertUsd("76.95", t.cost(BillingPoint.of(Provider.AWS, "us-east-1"), Traffic.INTERNET, 0, gb(1_000)).usd());
    }

    @Test
    @DisplayName("the tier position says which tier the month is in and how much of it is left")
    void tierPosition() {
        BillingPoint oci = BillingPoint.of(Provider.OCI, "us-ashburn-1");
        // 4,000 GB into OCI's 10,240 GB free allowance: tier 0, 6,240 GB left
        assertEquals(new TierPosition(0, usd("0"), gb(4_000), gb(6_240)), DEFAULTS.position(oci, Traffic.INTERNET, gb(4_000)));
        // exactly at its end: the next byte is in tier 1, which never ends
        assertEquals(new TierPosition(1, usd("0.0085"), gb(10_240), TierPosition.OPEN),
                DEFAULTS.position(oci, Traffic.INTERNET, gb(10_240)));
    }

    @Test
    @DisplayName("a route's own tiers price GCP premium egress to that continent, reusing a list through a YAML anchor")
    void keyedTiersWithAnchor() {
        PriceTable t = PriceTables.load("routes.yaml", """
                providers:
                  gcp:
                    internet:
                      premium:
                        by_route:
                          north_america->europe: &intercontinental
                            - {up_to: 1024, usd: 0.15}
                            - {usd: 0.14}
                          north_america->asia: *intercontinental
                """);
        BillingPoint usWest1 = BillingPoint.of(Provider.GCP, "us-west1");

        // 101 GiB − 1 GiB free = 100 GiB × $0.15 = $15 to Europe and to Asia; × $0.12 = $12 when unknown
        assertUsd("15", t.cost(usWest1, Traffic.internet("premium", "europe"), 0, Bytes.gib(101)).usd());
        assertUsd("15", t.cost(usWest1, Traffic.internet("premium", "asia"), 0, Bytes.gib(101)).usd());
        assertUsd("12", t.cost(usWest1, Traffic.internet("premium"), 0, Bytes.gib(101)).usd());
    }
}
