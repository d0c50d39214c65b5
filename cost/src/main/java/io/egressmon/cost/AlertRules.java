package io.egressmon.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

/**
 * The alert rules, as pure functions of what was spent: each evaluation returns every alert that
 * holds, and the same data gives the same alerts with the same {@link Alert#dedupeKey}s. Raising
 * each alert once is the caller's: it keeps the keys it has raised ({@link #notYetRaised}).
 * <ul>
 *   <li>Threshold: month-to-date spend at or over 50, 80 and 100 % of a budget, one alert per level
 *       reached (spend that jumps from 40 % to 85 % reaches both 50 and 80).</li>
 *   <li>Burn rate: the month-end forecast over the budget, once the forecast has at least one whole
 *       day of basis (a few hours' shape says little).</li>
 *   <li>Spike: see {@link SpikeRule}; judged for every scope given, with a budget or without.</li>
 * </ul>
 */
public final class AlertRules {
    public static final List<Integer> THRESHOLDS_PCT = List.of(50, 80, 100);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private final SpikeRule spikeRule;

    public AlertRules(SpikeRule spikeRule) {
        this.spikeRule = spikeRule;
    }

    /** Every alert that holds for {@code month} at {@code asOf}, given each scope's {@code spend}. */
    public List<Alert> evaluate(YearMonth month, Instant asOf, Collection<Budget> budgets, Map<Scope, ScopeSpend> spend) {
        List<Alert> alerts = new ArrayList<>();
        for (Budget budget : budgets) {
            ScopeSpend s = spend.get(budget.scope());
            if (s != null) {
                alerts.addAll(thresholds(budget, month, asOf, s.monthToDateUsd()));
                burnRate(budget, month, asOf, s.forecast()).ifPresent(alerts::add);
            }
        }
        spend.forEach((scope, s) -> spike(scope, asOf, s.dailyUsd()).ifPresent(alerts::add));
        return alerts;
    }

    /** The thresholds that {@code monthToDateUsd} has reached, lowest first. */
    public List<Alert> thresholds(Budget budget, YearMonth month, Instant asOf, BigDecimal monthToDateUsd) {
        List<Alert> reached = new ArrayList<>();
        for (int pct : THRESHOLDS_PCT) {
            BigDecimal limit = budget.monthlyUsd().multiply(BigDecimal.valueOf(pct)).movePointLeft(2);
            if (monthToDateUsd.compareTo(limit) >= 0) {
                reached.add(new Alert(budget.scope(), Alert.Kind.THRESHOLD, Integer.toString(pct), month, asOf, monthToDateUsd,
                        limit, budget.scope() + " has spent " + usd(monthToDateUsd) + " in " + month + ", " + pct
                        + " % of its budget of " + usd(budget.monthlyUsd()) + " reached"));
            }
        }
        return reached;
    }

    /** A burn-rate alert when {@code forecast} (of {@code month}, at least a day of basis) exceeds the budget. */
    public Optional<Alert> burnRate(Budget budget, YearMonth month, Instant asOf, Forecast forecast) {
        if (forecast == null || !forecast.month().equals(month) || forecast.basisDays() < 1
                || forecast.monthEndUsd().compareTo(budget.monthlyUsd()) <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Alert(budget.scope(), Alert.Kind.BURN_RATE, "forecast", month, asOf, forecast.monthEndUsd(),
                budget.monthlyUsd(), budget.scope() + " is forecast to spend " + usd(forecast.monthEndUsd())
                + (forecast.uncertaintyUsd() == null ? "" : " ± " + usd(forecast.uncertaintyUsd())) + " in " + month
                + " (from " + forecast.basisDays() + " days), over its budget of " + usd(budget.monthlyUsd())));
    }

    /**
     * A spike alert when the last day of {@code dailyUsd} costs at least the rule's minimum and more
     * than its factor × the median of the baseline: the rule's {@code baselineDays} days before it,
     * from the first day of {@code dailyUsd} on (a day missing after that cost $0). None when the
     * baseline has fewer than the rule's {@code minBaselineDays} days.
     */
    public Optional<Alert> spike(Scope scope, Instant asOf, SortedMap<LocalDate, BigDecimal> dailyUsd) {
        if (dailyUsd.isEmpty()) {
            return Optional.empty();
        }
        LocalDate day = dailyUsd.lastKey();
        LocalDate from = day.minusDays(spikeRule.baselineDays());
        if (dailyUsd.firstKey().isAfter(from)) {
            from = dailyUsd.firstKey();
        }
        List<BigDecimal> baseline = from.datesUntil(day).map(d -> dailyUsd.getOrDefault(d, BigDecimal.ZERO)).sorted().toList();
        if (baseline.size() < spikeRule.minBaselineDays()) {
            return Optional.empty();
        }
        BigDecimal median = median(baseline);
        BigDecimal limit = spikeRule.factor().multiply(median);
        BigDecimal spent = dailyUsd.get(day);
        if (spent.compareTo(spikeRule.minDayUsd()) < 0 || spent.compareTo(limit) <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Alert(scope, Alert.Kind.SPIKE, day.toString(), YearMonth.from(day), asOf, spent, limit,
                scope + " spent " + usd(spent) + " on " + day + ", more than " + spikeRule.factor().toPlainString()
                + " × the median day of the " + baseline.size() + " days before (" + usd(median) + ")"));
    }

    /** The alerts whose dedupe keys are not in {@code raised}, each key once, in order. */
    public static List<Alert> notYetRaised(Collection<Alert> alerts, Set<String> raised) {
        Set<String> seen = new HashSet<>(raised);
        List<Alert> fresh = new ArrayList<>();
        for (Alert a : alerts) {
            if (seen.add(a.dedupeKey())) {
                fresh.add(a);
            }
        }
        return fresh;
    }

    /** The middle value of {@code sorted}, or the mean of the middle two (exact: a half is a terminating decimal). */
    private static BigDecimal median(List<BigDecimal> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(TWO);
    }

    private static String usd(BigDecimal amount) {
        return "$" + amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
