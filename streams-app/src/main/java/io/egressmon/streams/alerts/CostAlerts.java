package io.egressmon.streams.alerts;

import io.egressmon.api.alerts.AlertRow;
import io.egressmon.avro.CostAlert;
import io.egressmon.cost.Alert;
import io.egressmon.cost.Budget;

/** An {@link Alert} at the Kafka edge ({@code CostAlert}) and in the API ({@link AlertRow}): mapped once, here. */
public final class CostAlerts {
    private CostAlerts() {
    }

    /** {@code alert} as written to {@code egressmon.alerts}; {@code budget} is its scope's, or null. */
    static CostAlert toRecord(Alert alert, Budget budget) {
        return CostAlert.newBuilder()
                .setDedupeKey(alert.dedupeKey())
                .setScopeKind(alert.scope().kind().key())
                .setScopeName(alert.scope().name())
                .setKind(alert.kind().key())
                .setLevel(alert.level())
                .setMonth(alert.month().toString())
                .setAsOf(alert.when())
                .setAmountUsd(alert.amountUsd().toPlainString())
                .setLimitUsd(alert.limitUsd().toPlainString())
                .setBudgetUsd(budget == null ? null : budget.monthlyUsd().toPlainString())
                .setMessage(alert.message())
                .build();
    }

    /** The record as the API answers it. */
    public static AlertRow toRow(CostAlert a) {
        return new AlertRow(a.getDedupeKey(), a.getScopeKind(), a.getScopeName(), a.getKind(), a.getLevel(), a.getMonth(),
                a.getAsOf(), a.getAmountUsd(), a.getLimitUsd(), a.getBudgetUsd(), a.getMessage());
    }
}
