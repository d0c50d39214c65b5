package io.egressmon.cost;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The budgets file: cost centers (named groups of spokes), monthly budgets per gateway, account,
 * group or cost center, and the spike rule of the alerts. Read once at start and checked against
 * the gateways known then (a cost center or budget that covers none of them is a typo more often
 * than not); see {@code docs/budgets.md}.
 */
public record BudgetConfig(Map<String, CostCenter> costCenters, List<Budget> budgets, SpikeRule spikeRule) {
    /** No cost centers, no budgets, the default spike rule: what runs without a budgets file. */
    public static final BudgetConfig NONE = new BudgetConfig(Map.of(), List.of(), SpikeRule.DEFAULT);

    public BudgetConfig {
        costCenters = Map.copyOf(costCenters);
        budgets = List.copyOf(budgets);
    }

    /**
     * The budgets file {@code file}, checked against {@code knownGateways} (the inventory).
     *
     * @throws BudgetConfigException naming the file, line and fix of every problem
     */
    public static BudgetConfig load(Path file, Collection<GatewaySite> knownGateways) {
        BudgetConfigReader reader = new BudgetConfigReader(knownGateways);
        return reader.read(YamlNode.read(file, "budgets", reader.problems()));
    }

    /** The budgets in {@code yaml}, as if read from a file named {@code name}. */
    public static BudgetConfig load(String name, String yaml, Collection<GatewaySite> knownGateways) {
        BudgetConfigReader reader = new BudgetConfigReader(knownGateways);
        return reader.read(YamlNode.read(name, new StringReader(yaml), reader.problems()));
    }

    /** The budgets whose scope {@code gateway}'s cost counts towards, in the file's order. */
    public List<Budget> budgetsCovering(GatewaySite gateway) {
        return budgets.stream().filter(b -> b.scope().covers(gateway, costCenters)).toList();
    }

    /** The names of the cost centers {@code gwName} is in. */
    public List<String> costCentersOf(String gwName) {
        return costCenters.values().stream().filter(c -> c.contains(gwName)).map(CostCenter::name).sorted().toList();
    }
}
