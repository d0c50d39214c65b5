package io.egressmon.api.alerts;

import java.time.Instant;
import java.util.Objects;

/**
 * One raised alert, field for field the {@code CostAlert} written to {@code egressmon.alerts}
 * (docs/budgets.md, "Alert rules"). Dollars are exact decimal strings.
 *
 * @param asOf      the data time of the evaluation that raised it: the end of the last priced hour
 * @param budgetUsd the scope's monthly budget; null for a spike on a scope without one
 */
public record AlertRow(String dedupeKey, String scopeKind, String scopeName, String kind, String level, String month,
                       Instant asOf, String amountUsd, String limitUsd, String budgetUsd, String message) {
    public AlertRow {
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        Objects.requireNonNull(scopeKind, "scopeKind");
        Objects.requireNonNull(scopeName, "scopeName");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(amountUsd, "amountUsd");
        Objects.requireNonNull(limitUsd, "limitUsd");
        Objects.requireNonNull(message, "message");
    }

    /** {@code kind:name}. */
    public String scope() {
        return scopeKind + ":" + scopeName;
    }
}
