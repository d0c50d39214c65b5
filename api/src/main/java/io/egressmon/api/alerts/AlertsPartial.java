package io.egressmon.api.alerts;

import io.egressmon.api.CoveredPartitions;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Internal: one instance's alerts of a month and the standings of the budgeted scopes with priced
 * hours that live on the partitions it hosts actively (each scope lives on one partition).
 */
public record AlertsPartial(String host, Set<Integer> partitions, List<AlertRow> alerts, List<BudgetRow> budgets)
        implements CoveredPartitions {
    public AlertsPartial {
        Objects.requireNonNull(host, "host");
        partitions = Collections.unmodifiableSortedSet(new TreeSet<>(partitions));
        alerts = List.copyOf(alerts);
        budgets = List.copyOf(budgets);
    }
}
