package io.egressmon.cost;

import static io.egressmon.cost.ConfigProblems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.cost.CostConfigException.Problem;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad price file stops the load with a message naming the file, the line and the fix. */
@DisplayName("A bad price file")
class BadPriceTableTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("naming an unknown provider is refused at its line, suggesting the nearest")
    void unknownProvider() {
        Problem p = onlyProblem("""
                providers:
                  awz:
                    nat_gateway: {usd: 0.05}
                """);
        assertProblem(p, 2, "unknown provider 'awz'", "did you mean 'aws'?");
    }

    @Test
    @DisplayName("overriding an unknown region is refused at its line, pointing to the region list")
    void unknownRegion() {
        Problem p = onlyProblem("""
                providers:
                  aws:
                    overrides:
                      regions:
                        us-east-9: {discount_pct: 5}
                """);
        assertProblem(p, 5, "unknown region 'us-east-9' for aws", "use a region listed under providers.aws.regions");
    }

    @Test
    @DisplayName("pricing an unknown Azure zone is refused at its line")
    void unknownZone() {
        Problem p = onlyProblem("""
                providers:
                  azure:
                    internet:
                      microsoft:
                        by_zone:
                          zone9: [{usd: 0.1}]
                """);
        assertProblem(p, 6, "unknown zone 'zone9'", "use one of zone1, zone2, zone3");
    }

    @Test
    @DisplayName("a negative price is refused at its line")
    void negativePrice() {
        Problem p = onlyProblem("""
                providers:
                  gcp:
                    nat_gateway:
                      usd: -0.045
                """);
        assertProblem(p, 4, "usd is negative (-0.045)", "0 or more");
    }

    @Test
    @DisplayName("two tiers ending at the same place (overlapping) are refused at the second")
    void overlappingTiers() {
        Problem p = onlyProblem("""
                providers:
                  aws:
                    internet:
                      standard:
                        tiers:
                          - {up_to: 10240, usd: 0.09}
                          - {up_to: 10240, usd: 0.085}
                          - {usd: 0.07}
                """);
        assertProblem(p, 7, "tiers overlap or are out of order", "increasing up_to");
    }

    @Test
    @DisplayName("tiers out of order are refused at the first one below its predecessor")
    void unorderedTiers() {
        Problem p = onlyProblem("""
                providers:
                  oci:
                    internet:
                      standard:
                        tiers:
                          - up_to: 51200
                            usd: 0.0085
                          - up_to: 10240
                            usd: 0.008
                          - usd: 0.007
                """);
        assertProblem(p, 8, "10240 is not above the previous tier's up_to 51200", "increasing up_to");
    }

    @Test
    @DisplayName("a last tier with an end is refused: usage above it would have no price")
    void closedLastTier() {
        Problem p = onlyProblem("""
                providers:
                  aws:
                    internet:
                      standard:
                        tiers: [{up_to: 10240, usd: 0.09}]
                """);
        assertProblem(p, 5, "usage above it has no price", "remove up_to from the last tier");
    }

    @Test
    @DisplayName("a misspelt key is refused at its line, suggesting the key meant")
    void unknownKey() {
        Problem p = onlyProblem("""
                providers:
                  aws:
                    overrides:
                      accounts:
                        "111122223333":
                          discount_pc: 10
                """);
        assertProblem(p, 6, "unknown key 'discount_pc'", "did you mean 'discount_pct'?");
    }

    @Test
    @DisplayName("a value of the wrong type is refused at its line, saying what was found")
    void wrongType() {
        Problem p = onlyProblem("""
                as_of: 2026-12-01
                providers:
                  aws:
                    inter_az:
                      usd: cheap
                """);
        assertProblem(p, 5, "providers.aws.inter_az.usd must be a number, not the text 'cheap'", "plain decimal number");
    }

    @Test
    @DisplayName("an unknown unit is refused: prices are per GB or per GiB")
    void unknownUnit() {
        Problem p = onlyProblem("""
                providers:
                  gcp: {unit: TB}
                """);
        assertProblem(p, 2, "unknown unit 'TB'", "GB (10^9 bytes) or GiB (2^30 bytes)");
    }

    @Test
    @DisplayName("a new Azure region without its billing zone is refused at its line")
    void regionWithoutZone() {
        Problem p = onlyProblem("""
                providers:
                  azure:
                    regions:
                      uksouth: {}
                """);
        assertProblem(p, 4, "providers.azure.regions.uksouth has no 'zone'", "zone: zone1");
    }

    @Test
    @DisplayName("a key given twice is refused at the second, naming the first")
    void duplicateKey() {
        Problem p = onlyProblem("""
                providers:
                  aws:
                    nat_gateway: {usd: 0.045}
                    nat_gateway: {usd: 0.05}
                """);
        assertProblem(p, 4, "'nat_gateway' is given twice (also at line 3)", "keep one of them");
    }

    @Test
    @DisplayName("a file that is not YAML is refused at the line where it breaks")
    void notYaml() {
        Problem p = onlyProblem("""
                providers:
                  aws:
                    nat_gateway: {usd: 0.05
                  azure: {}
                """);
        assertTrue(p.message().startsWith("not valid YAML"), p::toString);
        assertTrue(p.line() >= 3 && p.line() <= 5, p::toString);
    }

    @Test
    @DisplayName("every problem is reported at once, each at its own line")
    void everyProblemAtOnce() throws IOException {
        Path file = write("""
                providers:
                  aws:
                    nat_gateway: {usd: -1}
                  azure:
                    inter_regoin: {usd: 0.02}
                """);
        PriceTableException e = assertThrows(PriceTableException.class, () -> PriceTables.load(file));
        assertEquals(2, e.problems().size(), e::getMessage);
        assertEquals(3, e.problems().get(0).line());
        assertEquals(5, e.problems().get(1).line());
        assertTrue(e.getMessage().contains(file + ":3: ") && e.getMessage().contains(file + ":5: "), e::getMessage);
        assertTrue(e.getMessage().contains("did you mean 'inter_region'?"), e::getMessage);
    }

    @Test
    @DisplayName("a file that does not exist is refused, naming it")
    void missingFile() {
        Path file = dir.resolve("no-such-prices.yaml");
        PriceTableException e = assertThrows(PriceTableException.class, () -> PriceTables.load(file));
        assertEquals(file.toString(), e.problems().get(0).file());
        assertTrue(e.getMessage().contains("cannot read the price table file"), e::getMessage);
    }

    private Problem onlyProblem(String yaml) {
        return ConfigProblems.onlyProblem(PriceTableException.class, write(yaml), PriceTables::load);
    }

    private Path write(String yaml) {
        return ConfigProblems.write(dir.resolve("prices.yaml"), yaml);
    }
}
