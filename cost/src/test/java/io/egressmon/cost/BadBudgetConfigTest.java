package io.egressmon.cost;

import static io.egressmon.cost.ConfigProblems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.cost.CostConfigException.Problem;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad budgets file stops the load with a message naming the file, the line and the fix. */
@DisplayName("A bad budgets file")
class BadBudgetConfigTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("budgeting an unknown scope kind is refused at its line, suggesting the nearest")
    void unknownScopeKind() {
        Problem p = onlyProblem("""
                budgets:
                  - {scope: gateway, name: operations-aws-spoke-k8s, monthly_usd: 100}
                  - {scope: acount, name: engineering-aws, monthly_usd: 100}
                """);
        assertProblem(p, 3, "unknown scope kind 'acount'", "did you mean 'account'?");
    }

    @Test
    @DisplayName("a budget of zero dollars is refused at its line")
    void zeroBudget() {
        Problem p = onlyProblem("""
                budgets:
                  - scope: account
                    name: engineering-aws
                    monthly_usd: 0
                """);
        assertProblem(p, 4, "monthly_usd must be more than 0, not 0", "monthly_usd: 500");
    }

    @Test
    @DisplayName("a negative budget is refused at its line")
    void negativeBudget() {
        Problem p = onlyProblem("""
                budgets:
                  - {scope: gateway, name: marketing-azure-spoke-all, monthly_usd: -20}
                """);
        assertProblem(p, 2, "monthly_usd must be more than 0, not -20", "US dollars");
    }

    @Test
    @DisplayName("a cost center that matches no known gateway is refused at its name")
    void costCenterMatchingNothing() {
        Problem p = onlyProblem("""
                cost_centers:
                  accounting:
                    patterns: ["accounting-*"]
                  finance:
                    gateways: [finance-aws-spoke-1]
                    patterns: ["Accounting-*"]
                """);
        assertProblem(p, 4, "cost center 'finance' matches none of the 19 known gateways", "case-sensitive");
    }

    @Test
    @DisplayName("a cost center defined twice is refused at the second, naming the first")
    void duplicateCostCenter() {
        Problem p = onlyProblem("""
                cost_centers:
                  operations:
                    patterns: ["operations-*"]
                  accounting:
                    patterns: ["accounting-*"]
                  operations:
                    gateways: [operations-aws-spoke-k8s]
                """);
        assertProblem(p, 6, "'operations' is given twice (also at line 2)", "keep one of them");
    }

    @Test
    @DisplayName("the same scope budgeted twice is refused at the second, naming the first")
    void duplicateBudget() {
        Problem p = onlyProblem("""
                budgets:
                  - {scope: account, name: operations-aws, monthly_usd: 300}
                  - {scope: gateway, name: operations-aws-spoke-k8s, monthly_usd: 100}
                  - {scope: account, name: operations-aws, monthly_usd: 350}
                """);
        assertProblem(p, 4, "the budget of account:operations-aws is given twice (also at line 2)", "keep one of them");
    }

    @Test
    @DisplayName("a misspelt key is refused at its line, suggesting the key meant")
    void unknownKey() {
        Problem p = onlyProblem("""
                cost_centers:
                  accounting:
                    paterns: ["accounting-*"]
                    gateways: [accounting-aws-spoke-dev]
                """);
        assertProblem(p, 3, "unknown key 'paterns' in cost_centers.accounting", "did you mean 'patterns'?");
    }

    @Test
    @DisplayName("a misspelt top-level key is refused at its line, naming the budgets file")
    void unknownTopLevelKey() {
        Problem p = onlyProblem("""
                budget:
                  - {scope: account, name: operations-aws, monthly_usd: 300}
                """);
        assertProblem(p, 1, "unknown key 'budget' in the budgets file", "did you mean 'budgets'?");
    }

    @Test
    @DisplayName("a budget on a cost center that is not defined is refused at its name")
    void undefinedCostCenter() {
        Problem p = onlyProblem("""
                cost_centers:
                  operations: {patterns: ["operations-*"]}
                budgets:
                  - scope: cost_center
                    name: operation
                    monthly_usd: 100
                """);
        assertProblem(p, 5, "no cost center is named 'operation'", "did you mean 'operations'?");
    }

    @Test
    @DisplayName("a budget on an account no known gateway has is refused at its name")
    void unknownAccount() {
        Problem p = onlyProblem("""
                budgets:
                  - {scope: account, name: operations-gcp, monthly_usd: 100}
                """);
        assertProblem(p, 2, "no known gateway has account 'operations-gcp'", "did you mean 'operations-oci'?");
    }

    @Test
    @DisplayName("spike settings out of range are refused at their lines")
    void spikeOutOfRange() {
        BudgetConfigException e = assertThrows(BudgetConfigException.class, () -> BudgetConfig.load(write("""
                alerts:
                  spike:
                    factor: 0
                    baseline_days: 10
                    min_baseline_days: 12
                """), SampleEstate.GATEWAYS));
        assertEquals(2, e.problems().size(), e::getMessage);
        assertProblem(e.problems().get(0), 3, "alerts.spike.factor must be more than 0", "factor: 3");
        assertProblem(e.problems().get(1), 5, "min_baseline_days (12) is more than baseline_days (10)", "at most baseline_days");
    }

    @Test
    @DisplayName("every problem is reported at once, each at its own line, under the budgets file's heading")
    void everyProblemAtOnce() {
        Path file = write("""
                budgets:
                  - {scope: team, name: a, monthly_usd: 1}
                  - {scope: gateway, name: operations-aws-spoke-k8s, monthly_usd: -1}
                """);
        BudgetConfigException e = assertThrows(BudgetConfigException.class, () -> BudgetConfig.load(file, SampleEstate.GATEWAYS));
        assertEquals(2, e.problems().size(), e::getMessage);
        assertTrue(e.getMessage().startsWith("invalid budgets file:"), e::getMessage);
        assertTrue(e.getMessage().contains(file + ":2: ") && e.getMessage().contains(file + ":3: "), e::getMessage);
    }

    @Test
    @DisplayName("a file that does not exist is refused, naming it")
    void missingFile() {
        Path file = dir.resolve("no-such-budgets.yaml");
        BudgetConfigException e = assertThrows(BudgetConfigException.class, () -> BudgetConfig.load(file, SampleEstate.GATEWAYS));
        assertEquals(file.toString(), e.problems().get(0).file());
        assertTrue(e.getMessage().contains("cannot read the budgets file"), e::getMessage);
    }

    private Problem onlyProblem(String yaml) {
        return ConfigProblems.onlyProblem(BudgetConfigException.class, write(yaml), file -> BudgetConfig.load(file, SampleEstate.GATEWAYS));
    }

    private Path write(String yaml) {
        return ConfigProblems.write(dir.resolve("budgets.yaml"), yaml);
    }
}
