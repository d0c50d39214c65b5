package io.egressmon.cost;

import static io.egressmon.cost.Bytes.usd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The budgets file")
class BudgetConfigTest {
    /** The example in docs/budgets.md: the first ```yaml block (tests run in the module's folder). */
    static final Path DOC = Path.of("..", "docs", "budgets.md");

    static String docExample() throws IOException {
        Matcher m = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
        assertTrue(m.find(), "docs/budgets.md has a yaml example");
        return m.group(1);
    }

    @Test
    @DisplayName("of docs/budgets.md loads against the simulator's estate, with its cost centers, budgets and spike rule")
    void docExampleLoads() throws IOException {
        BudgetConfig config = BudgetConfig.load(DOC + " example", docExample(), SampleEstate.GATEWAYS);
        assertEquals(List.of("accounting", "data-platform", "operations"), config.costCenters().keySet().stream().sorted().toList());
        assertEquals(List.of("cost_center:accounting", "cost_center:operations", "account:engineering-aws",
                "gateway:marketing-azure-spoke-all", "group:operations-aws-spoke-k8s"),
                config.budgets().stream().map(b -> b.scope().toString()).toList());
        assertEquals(0, usd("1500").compareTo(config.budgets().get(1).monthlyUsd()));
        assertEquals(SpikeRule.DEFAULT, config.spikeRule());
    }

    @Test
    @DisplayName("puts a gateway in the cost centers its name or pattern matches, and under every budget that covers it")
    void membership() throws IOException {
        BudgetConfig config = BudgetConfig.load("budgets.yaml", docExample(), SampleEstate.GATEWAYS);
        assertEquals(List.of("operations"), config.costCentersOf("operations-oci-spoke-shared"));
        assertEquals(List.of("operations"), config.costCentersOf("operations-aws-spoke-k8s"));
        assertEquals(List.of(), config.costCentersOf("transit-aws-us-east-1"));
        assertEquals(List.of("cost_center:operations", "group:operations-aws-spoke-k8s"),
                config.budgetsCovering(SampleEstate.gateway("operations-aws-spoke-k8s")).stream()
                        .map(b -> b.scope().toString()).toList());
        assertEquals(List.of("account:engineering-aws"),
                config.budgetsCovering(SampleEstate.gateway("engineering-aws-spoke-qa")).stream()
                        .map(b -> b.scope().toString()).toList());
    }

    @Test
    @DisplayName("may be empty: no cost centers, no budgets, the default spike rule")
    void empty() {
        assertEquals(BudgetConfig.NONE, BudgetConfig.load("budgets.yaml", "", SampleEstate.GATEWAYS));
    }

    @Test
    @DisplayName("may change the spike rule's settings one by one")
    void spikeSettings() {
        BudgetConfig config = BudgetConfig.load("budgets.yaml", """
                alerts:
                  spike: {factor: 2.5, baseline_days: 14}
                """, SampleEstate.GATEWAYS);
        assertEquals(new SpikeRule(usd("2.5"), usd("10"), 14, 7), config.spikeRule());
    }

    @Test
    @DisplayName("matches globs whole: * any characters, ? exactly one, everything else literally")
    void globs() {
        assertTrue(CostCenter.globMatches("accounting-*", "accounting-aws-spoke-dev"));
        assertTrue(CostCenter.globMatches("spoke-??", "spoke-01"));
        assertTrue(!CostCenter.globMatches("spoke-??", "spoke-1"));
        assertTrue(!CostCenter.globMatches("spoke.1", "spokex1"), "a dot is a dot");
        assertTrue(!CostCenter.globMatches("accounting-*", "x-accounting-1"), "the whole name must match");
    }
}
