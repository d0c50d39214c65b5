package io.egressmon.api.alerts;

import java.time.Instant;
import java.util.Objects;

/**
 * Where one budget stands in a month. Dollars and the percentage are exact decimal strings.
 *
 * @param monthToDateUsd         the scope's cost in the month up to {@code pricedUntil}
 * @param percentUsed            month-to-date ÷ budget × 100, rounded half-even to 2 places
 * @param forecastUsd            the month-end forecast (docs/budgets.md); null without priced hours to base it on
 * @param forecastUncertaintyUsd about one standard deviation of the forecast; null when unknown (under 2 days of basis)
 * @param pricedUntil            the end of the scope's last priced hour in the month; null when none is
 */
public record BudgetRow(String scopeKind, String scopeName, String monthlyUsd, String monthToDateUsd, String percentUsed,
                        String forecastUsd, String forecastUncertaintyUsd, Instant pricedUntil) {
    public BudgetRow {
        Objects.requireNonNull(scopeKind, "scopeKind");
        Objects.requireNonNull(scopeName, "scopeName");
        Objects.requireNonNull(monthlyUsd, "monthlyUsd");
        Objects.requireNonNull(monthToDateUsd, "monthToDateUsd");
        Objects.requireNonNull(percentUsed, "percentUsed");
    }

    /** {@code kind:name}. */
    public String scope() {
        return scopeKind + ":" + scopeName;
    }
}
