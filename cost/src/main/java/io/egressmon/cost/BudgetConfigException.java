package io.egressmon.cost;

import java.util.List;

/** A budgets file (cost centers, budgets, alert settings) that cannot be used; see {@link CostConfigException}. */
public final class BudgetConfigException extends CostConfigException {
    public BudgetConfigException(List<Problem> problems) {
        super("budgets file", problems);
    }
}
