package io.egressmon.cost;

import static io.egressmon.cost.Bytes.gb;
import static io.egressmon.cost.Bytes.gib;
import static io.egressmon.cost.Bytes.usd;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One month per provider, priced from the default table and checked against arithmetic written
 * out by hand: each month uses the free allowance and crosses into a second tier.
 */
@DisplayName("A month of egress priced from the default table")
class HandComputedMonthTest {
    private static final PriceTable DEFAULTS = PriceTables.defaults();

    @Test
    @DisplayName("AWS us-east-1, 12,000 GB: 100 GB free, 10,140 GB at $0.09, 1,760 GB at $0.085")
    void aws() {
        Charge c = DEFAULTS.cost(BillingPoint.of(Provider.AWS, "us-east-1"), Traffic.INTERNET, 0, gb(12_000));

        // free:   100 GB                         × $0      =   $0
        // tier 1: (10,240 − 100) = 10,140 GB    × $0.09   = $912.60
        // tier 2: (12,000 − 10,240) = 1,760 GB  × $0.085  = $149.60
        assertTiers(c, new TierCharge(0, gb(100), usd("0"), usd("0")),
                new TierCharge(1, gb(10_140), usd("0.09"), usd("912.60")),
                new TierCharge(2, gb(1_760), usd("0.085"), usd("149.60")));
        assertUsd("1062.20", c.usd());
        // still in tier 2, which ends at 50 TB = 51,200 GB: 51,200 − 12,000 = 39,200 GB left
        assertEquals(new TierPosition(2, usd("0.085"), gb(12_000), gb(39_200)), c.positionAfter());
    }

    @Test
    @DisplayName("Azure North Europe (zone 1), Microsoft network, 11,000 GB: 100 GB free, 10,140 GB at $0.087, 760 GB at $0.083")
    void azure() {
        Charge c = DEFAULTS.cost(BillingPoint.of(Provider.AZURE, "North Europe"), Traffic.internet("microsoft"), 0, gb(11_000));

        // free:   100 GB                        × $0      =   $0
        // tier 1: (10,240 − 100) = 10,140 GB   × $0.087  = $882.18
        // tier 2: (11,000 − 10,240) = 760 GB   × $0.083  =  $63.08
        assertTiers(c, new TierCharge(0, gb(100), usd("0"), usd("0")),
                new TierCharge(1, gb(10_140), usd("0.087"), usd("882.18")),
                new TierCharge(2, gb(760), usd("0.083"), usd("63.08")));
        assertUsd("945.26", c.usd());
    }

    @Test
    @DisplayName("Azure routing preference internet, 500 GB: 100 GB free, 400 GB at $0.04")
    void azureInternetRouting() {
        Charge c = DEFAULTS.cost(BillingPoint.of(Provider.AZURE, "northeurope"), Traffic.internet("internet"), 0, gb(500));

        // (500 − 100) = 400 GB × $0.04 = $16.00
        assertUsd("16.00", c.usd());
    }

    @Test
    @DisplayName("GCP us-west1 premium tier, 1,536 GiB: 1 GiB free, 1,023 GiB at $0.12, 512 GiB at $0.11")
    void gcpPremium() {
        Charge c = DEFAULTS.cost(BillingPoint.of(Provider.GCP, "us-west1"), Traffic.internet("premium", "north_america"), 0, gib(1_536));

        // free:   1 GiB                         × $0     =   $0
        // tier 1: (1,024 − 1) = 1,023 GiB      × $0.12  = $122.76
        // tier 2: (1,536 − 1,024) = 512 GiB    × $0.11  =  $56.32
        assertTiers(c, new TierCharge(0, gib(1), usd("0"), usd("0")),
                new TierCharge(1, gib(1_023), usd("0.12"), usd("122.76")),
                new TierCharge(2, gib(512), usd("0.11"), usd("56.32")));
        assertUsd("179.08", c.usd());
    }

    @Test
    @DisplayName("GCP us-west1 standard tier, 12 TiB: no free allowance, 10,240 GiB at $0.085, 2,048 GiB at $0.065")
    void gcpStandard() {
        Charge c = DEFAULTS.cost(BillingPoint.of(Provider.GCP, "us-west1"), Traffic.internet("standard"), 0, gib(12_288));

        // tier 1: 10,240 GiB                    × $0.085 = $870.40
        // tier 2: (12,288 − 10,240) = 2,048 GiB × $0.065 = $133.12
        assertUsd("1003.52", c.usd());
        assertEquals(List.of(1, 2), c.tiers().stream().map(TierCharge::tier).toList());
    }

    @Test
    @DisplayName("OCI ap-singapore-1, 12,000 GB: the first 10 TB (10,240 GB) free, then 1,760 GB at $0.0085")
    void oci() {
        Charge c = DEFAULTS.cost(BillingPoint.of(Provider.OCI, "ap-singapore-1"), Traffic.INTERNET, 0, gb(12_000));

        // free:   10,240 GB                      × $0      = $0
        // tier 1: (12,000 − 10,240) = 1,760 GB   × $0.0085 = $14.96
        assertTiers(c, new TierCharge(0, gb(10_240), usd("0"), usd("0")),
                new TierCharge(1, gb(1_760), usd("0.0085"), usd("14.96")));
        assertUsd("14.96", c.usd());
        assertEquals(TierPosition.OPEN, c.positionAfter().bytesLeftInTier());
    }

    @Test
    @DisplayName("Flat rates: AWS NAT gateway 1,000 GB × $0.045 = $45, inter-AZ 500 GB × $0.01 = $5, no free allowance")
    void flatRates() {
        BillingPoint useast1 = BillingPoint.of(Provider.AWS, "us-east-1");
        assertUsd("45", DEFAULTS.cost(useast1, Traffic.NAT_GATEWAY, 0, gb(1_000)).usd());
        assertUsd("5", DEFAULTS.cost(useast1, Traffic.INTER_AZ, gb(99_999), gb(500)).usd());
    }

    @Test
    @DisplayName("A byte priced per GiB is exact: 1 byte at $0.12/GiB is $0.12 / 2^30, no rounding")
    void gibIsExact() {
        Charge c = DEFAULTS.cost(BillingPoint.of(Provider.GCP, "us-west1"), Traffic.internet("premium"), gib(1), 1);

        // 0.12 / 1,073,741,824 = 0.000000000111758708953857421875 exactly (2^-30 = 5^30 / 10^30)
        assertUsd("0.000000000111758708953857421875", c.usd());
        assertEquals(0, c.usd().multiply(BigDecimal.valueOf(1L << 30)).compareTo(usd("0.12")));
    }

    private static void assertTiers(Charge c, TierCharge... expected) {
        assertEquals(expected.length, c.tiers().size(), () -> "tiers: " + c.tiers());
        for (int i = 0; i < expected.length; i++) {
            TierCharge e = expected[i];
            TierCharge a = c.tiers().get(i);
            assertEquals(e.tier(), a.tier(), "tier " + i);
            assertEquals(e.bytes(), a.bytes(), "bytes in tier " + e.tier());
            assertEquals(0, e.usdPerUnit().compareTo(a.usdPerUnit()), "price of tier " + e.tier());
            assertEquals(0, e.usd().compareTo(a.usd()), () -> "dollars in tier " + e.tier() + ": " + a.usd());
        }
    }

    static void assertUsd(String expected, BigDecimal actual) {
        assertEquals(0, usd(expected).compareTo(actual), () -> "expected $" + expected + ", was $" + actual.toPlainString());
    }
}
