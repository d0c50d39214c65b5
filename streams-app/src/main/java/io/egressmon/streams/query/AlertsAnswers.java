package io.egressmon.streams.query;

import io.egressmon.api.alerts.AlertRow;
import io.egressmon.api.alerts.AlertsAnswer;
import io.egressmon.api.alerts.AlertsPartial;
import io.egressmon.api.alerts.AlertsPartialRequest;
import io.egressmon.api.alerts.AlertsRequest;
import io.egressmon.api.alerts.BudgetRow;
import io.egressmon.avro.CostAlert;
import io.egressmon.cost.Budget;
import io.egressmon.cost.BudgetConfig;
import io.egressmon.cost.Forecast;
import io.egressmon.streams.alerts.AlertsTopology;
import io.egressmon.streams.alerts.CostAlerts;
import io.egressmon.streams.alerts.ScopeLedger;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.query.RangeQuery;

/**
 * {@code GET /api/v1/alerts} from the alert stores: each instance's part (the alerts raised about the
 * month and the standings of the budgeted scopes on its partitions) and the answer put together from
 * the parts of every partition.
 */
final class AlertsAnswers {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private AlertsAnswers() {
    }

    /** This instance's part, from the alert stores of {@code request}'s partitions (active here). */
    static AlertsPartial partial(String host, AlertsPartialRequest request, LocalStores stores, BudgetConfig config) {
        YearMonth month = request.month();
        Set<Integer> partitions = request.partitions();
        List<AlertRow> alerts = new ArrayList<>();
        List<BudgetRow> budgets = new ArrayList<>();
        if (partitions.isEmpty()) {
            return new AlertsPartial(host, partitions, alerts, budgets);
        }
        stores.forEachEntry(AlertsTopology.STORE_RAISED, RangeQuery.withNoBounds(), partitions, (key, value) -> {
            if (value instanceof CostAlert a && a.getMonth().equals(month.toString())) {
                alerts.add(CostAlerts.toRow(a));
            }
        });
        Map<String, Budget> budgeted = new HashMap<>();
        config.budgets().forEach(b -> budgeted.put(b.scope().toString(), b));
        String suffix = "|" + month;
        Map<String, ScopeLedger.MonthSpend> spent = new TreeMap<>();
        stores.forEachEntry(AlertsTopology.STORE_MONTHS, RangeQuery.withNoBounds(), partitions, (key, value) -> {
            if (key.endsWith(suffix) && value instanceof String text) {
                String scope = key.substring(0, key.length() - suffix.length());
                if (budgeted.containsKey(scope)) {
                    spent.put(scope, ScopeLedger.MonthSpend.parse(text));
                }
            }
        });
        for (Map.Entry<String, ScopeLedger.MonthSpend> e : spent.entrySet()) {
            String scope = e.getKey();
            Map<Instant, BigDecimal> hours = new TreeMap<>();
            stores.forEachEntry(AlertsTopology.STORE_HOURS, RangeQuery.<String, Object>withRange(scope + "|", scope + "|~"), partitions,
                    (key, value) -> {
                        if (value instanceof String usd) {
                            hours.put(Instant.ofEpochMilli(Long.parseLong(key.substring(scope.length() + 1))), new BigDecimal(usd));
                        }
                    });
            ScopeLedger ledger = new ScopeLedger(hours, Map.of(month, e.getValue()),
                    ScopeLedger.hoursKept(config.spikeRule()));
            budgets.add(row(budgeted.get(scope), e.getValue(), ledger.forecast(month)));
        }
        return new AlertsPartial(host, partitions, alerts, budgets);
    }

    /** The answer from every partition's part (checked to cover each once by the caller). */
    static AlertsAnswer assemble(AlertsRequest request, List<AlertsPartial> partials, BudgetConfig config, Instant now) {
        String scope = request.scope();
        List<AlertRow> alerts = new ArrayList<>();
        Map<String, BudgetRow> standing = new HashMap<>();
        for (AlertsPartial p : partials) {
            p.alerts().stream()
                    .filter(a -> scope == null || a.scope().equals(scope))
                    .filter(a -> request.kind() == null || a.kind().equals(request.kind()))
                    .forEach(alerts::add);
            p.budgets().forEach(b -> standing.put(b.scope(), b));
        }
        alerts.sort(Comparator.comparing(AlertRow::asOf).thenComparing(AlertRow::dedupeKey));
        List<BudgetRow> budgets = new ArrayList<>();
        for (Budget b : config.budgets()) {
            if (scope == null || b.scope().toString().equals(scope)) {
                BudgetRow row = standing.get(b.scope().toString());
                budgets.add(row != null ? row : row(b, null, null));
            }
        }
        Instant monthEnd = request.month().plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant pricedUntil = budgets.stream().map(BudgetRow::pricedUntil).filter(t -> t != null)
                .min(Instant::compareTo).orElse(null);
        boolean complete = !now.isBefore(monthEnd)
                && budgets.stream().allMatch(b -> b.pricedUntil() == null || !b.pricedUntil().isBefore(monthEnd));
        return new AlertsAnswer(request.month().toString(), alerts, budgets, complete, pricedUntil);
    }

    /** Where {@code budget} stands: {@code spent} in the month (null: nothing priced) and its forecast. */
    static BudgetRow row(Budget budget, ScopeLedger.MonthSpend spent, Forecast forecast) {
        BigDecimal usd = spent == null ? BigDecimal.ZERO : spent.usd();
        BigDecimal percent = usd.multiply(HUNDRED).divide(budget.monthlyUsd(), 2, RoundingMode.HALF_EVEN);
        return new BudgetRow(budget.scope().kind().key(), budget.scope().name(), budget.monthlyUsd().toPlainString(),
                usd.toPlainString(), percent.toPlainString(),
                forecast == null ? null : forecast.monthEndUsd().toPlainString(),
                forecast == null || forecast.uncertaintyUsd() == null ? null : forecast.uncertaintyUsd().toPlainString(),
                spent == null ? null : spent.pricedUntil());
    }
}
