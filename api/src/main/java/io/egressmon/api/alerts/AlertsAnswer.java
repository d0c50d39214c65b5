package io.egressmon.api.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /api/v1/alerts}' answer: the alerts raised about {@code month} (oldest first) and every
 * budget's standing in it (by scope kind and name).
 *
 * @param complete    the month is over and every budget with priced hours is priced to its end:
 *                    month-to-date is the month's cost
 * @param pricedUntil the earliest end of the last priced hour among the budgets with any; null when none has
 */
public record AlertsAnswer(String month, List<AlertRow> alerts, List<BudgetRow> budgets, boolean complete,
                           Instant pricedUntil) {
    public AlertsAnswer {
        Objects.requireNonNull(month, "month");
        alerts = List.copyOf(alerts);
        budgets = List.copyOf(budgets);
    }
}
