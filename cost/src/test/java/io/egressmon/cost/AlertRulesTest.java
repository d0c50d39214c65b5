package io.egressmon.cost;

import static io.egressmon.cost.Bytes.usd;
import static io.egressmon.cost.ForecastTest.at;
import static io.egressmon.cost.ForecastTest.history;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The alert rules")
class AlertRulesTest {
    private static final YearMonth MARCH = YearMonth.of(2026, 3);
    private static final Scope ACCOUNTING = new Scope(Scope.Kind.COST_CENTER, "accounting");
    private static final Budget HUNDRED = new Budget(ACCOUNTING, usd("100"));
    private static final AlertRules RULES = new AlertRules(SpikeRule.DEFAULT);

    /** What a consumer does: raise what it has not raised, and remember it. */
    private static List<String> raise(Set<String> raised, List<Alert> alerts) {
        List<Alert> fresh = AlertRules.notYetRaised(alerts, raised);
        fresh.forEach(a -> raised.add(a.dedupeKey()));
        return fresh.stream().map(Alert::dedupeKey).toList();
    }

    private static List<Alert> evaluate(Instant asOf, String monthToDate, Forecast forecast) {
        return RULES.evaluate(MARCH, asOf, List.of(HUNDRED), Map.of(ACCOUNTING, new ScopeSpend(usd(monthToDate), forecast, new TreeMap<>())));
    }

    @Test
    @DisplayName("raise 50 % and then 80 % once each as spend crosses them in successive evaluations")
    void thresholdsOnceEach() {
        Set<String> raised = new HashSet<>();
        assertEquals(List.of(), raise(raised, evaluate(at("2026-03-10T00:00"), "49.99", null)));
        assertEquals(List.of("cost_center:accounting|2026-03|threshold|50"),
                raise(raised, evaluate(at("2026-03-12T00:00"), "55", null)));
        assertEquals(List.of("cost_center:accounting|2026-03|threshold|80"),
                raise(raised, evaluate(at("2026-03-20T00:00"), "85", null)));
        assertEquals(List.of(), raise(raised, evaluate(at("2026-03-21T00:00"), "86", null)));
        assertEquals(List.of("cost_center:accounting|2026-03|threshold|100"),
                raise(raised, evaluate(at("2026-03-25T00:00"), "100", null)), "100 % is reached at the budget itself");
    }

    @Test
    @DisplayName("give the same dedupe keys when the same spend is evaluated again, and new ones in a new month")
    void sameKeysAgain() {
        List<String> first = evaluate(at("2026-03-20T00:00"), "85", null).stream().map(Alert::dedupeKey).toList();
        List<String> again = evaluate(at("2026-03-20T05:00"), "85", null).stream().map(Alert::dedupeKey).toList();
        assertEquals(List.of("cost_center:accounting|2026-03|threshold|50", "cost_center:accounting|2026-03|threshold|80"), first);
        assertEquals(first, again);
        List<Alert> april = RULES.thresholds(HUNDRED, YearMonth.of(2026, 4), at("2026-04-20T00:00"), usd("60"));
        assertEquals(List.of("cost_center:accounting|2026-04|threshold|50"), april.stream().map(Alert::dedupeKey).toList());
    }

    @Test
    @DisplayName("say what was measured against what in a threshold alert")
    void thresholdAmounts() {
        Alert a = RULES.thresholds(HUNDRED, MARCH, at("2026-03-20T00:00"), usd("85")).get(1);
        assertEquals(Alert.Kind.THRESHOLD, a.kind());
        assertEquals("80", a.level());
        assertEquals(0, usd("85").compareTo(a.amountUsd()));
        assertEquals(0, usd("80").compareTo(a.limitUsd()));
        assertEquals(at("2026-03-20T00:00"), a.when());
        assertEquals("cost_center:accounting has spent $85.00 in 2026-03, 80 % of its budget of $100.00 reached", a.message());
    }

    @Test
    @DisplayName("raise the burn rate once a month when the forecast exceeds the budget")
    void burnRateOnce() {
        Instant asOf = at("2026-03-28T00:00");
        // $48 a day for 7 days, 4 days left: forecast = month-to-date + 192
        Forecast over = Forecast.of(MARCH, asOf, usd("20"), history(asOf, "0", "0", "0", "0", "0", "0", "0"));
        Forecast later = Forecast.of(MARCH, asOf.plusSeconds(86_400), usd("70"), history(asOf.plusSeconds(86_400), "0", "0"));
        Set<String> raised = new HashSet<>();
        List<String> first = raise(raised, evaluate(asOf, "20", over));
        assertEquals(List.of("cost_center:accounting|2026-03|burn_rate|forecast"), first);
        List<String> second = raise(raised, evaluate(asOf.plusSeconds(86_400), "70", later));
        assertEquals(List.of("cost_center:accounting|2026-03|threshold|50"), second, "no second burn-rate alert");
        Alert burn = RULES.burnRate(HUNDRED, MARCH, asOf, over).orElseThrow();
        assertEquals(0, usd("212").compareTo(burn.amountUsd()));
        assertEquals(0, usd("100").compareTo(burn.limitUsd()));
    }

    @Test
    @DisplayName("raise no burn rate for a forecast within the budget or from less than a day of history")
    void noBurnRate() {
        Instant asOf = at("2026-03-28T00:00");
        Forecast within = Forecast.of(MARCH, asOf, BigDecimal.ZERO, Map.of(asOf.minusSeconds(3600), usd("1")));
        assertEquals(0, within.basisDays());
        assertEquals(Optional.empty(), RULES.burnRate(new Budget(ACCOUNTING, usd("1000")), MARCH, asOf,
                Forecast.of(MARCH, asOf, usd("20"), history(asOf, "0", "0"))), "20 + 192 is within $1000");
        Forecast hours = Forecast.of(MARCH, asOf, BigDecimal.ZERO, Map.of(asOf.minusSeconds(3600), usd("10")));
        assertTrue(hours.monthEndUsd().compareTo(HUNDRED.monthlyUsd()) > 0, "96 hours × $10 would be over");
        assertEquals(Optional.empty(), RULES.burnRate(HUNDRED, MARCH, asOf, hours), "an hour of history is not judged");
    }

    @Test
    @DisplayName("raise a spike when a day costs more than 3 × the median of the 30 days before it, and not otherwise")
    void spike() {
        SortedMap<LocalDate, BigDecimal> days = days(LocalDate.of(2026, 2, 12), 30, "4", "5", "6");
        // the 30 baseline days cycle $4 $5 $6 (10 of each): median $5, limit 3 × 5 = $15
        days.put(LocalDate.of(2026, 3, 14), usd("15.01"));
        Alert a = RULES.spike(ACCOUNTING, at("2026-03-14T20:00"), days).orElseThrow();
        assertEquals("cost_center:accounting|2026-03|spike|2026-03-14", a.dedupeKey());
        assertEquals(0, usd("15").compareTo(a.limitUsd()));
        assertEquals("cost_center:accounting spent $15.01 on 2026-03-14, more than 3 × the median day of the 30 days before ($5.00)",
                a.message());
        days.put(LocalDate.of(2026, 3, 14), usd("15"));
        assertEquals(Optional.empty(), RULES.spike(ACCOUNTING, at("2026-03-14T20:00"), days), "$15 is not more than 3 × $5");
    }

    @Test
    @DisplayName("raise no spike for a tiny spoke's jump below the minimum daily spend")
    void tinySpoke() {
        SortedMap<LocalDate, BigDecimal> days = days(LocalDate.of(2026, 2, 12), 30, "0.02");
        days.put(LocalDate.of(2026, 3, 14), usd("9.99"));
        assertEquals(Optional.empty(), RULES.spike(ACCOUNTING, at("2026-03-14T20:00"), days), "500 × the median, but under $10");
        days.put(LocalDate.of(2026, 3, 14), usd("10"));
        assertTrue(RULES.spike(ACCOUNTING, at("2026-03-14T20:00"), days).isPresent(), "$10 is the minimum, reached");
    }

    @Test
    @DisplayName("judge a spike on fewer than 30 days of baseline from 7 days on, a missing day after the first counting $0")
    void shortBaseline() {
        SpikeRule anyAmount = new SpikeRule(usd("3"), BigDecimal.ZERO, 30, 7);
        AlertRules rules = new AlertRules(anyAmount);
        // 6 days before the day judged: not judged
        SortedMap<LocalDate, BigDecimal> six = days(LocalDate.of(2026, 3, 8), 6, "1");
        six.put(LocalDate.of(2026, 3, 14), usd("100"));
        assertEquals(Optional.empty(), rules.spike(ACCOUNTING, at("2026-03-14T20:00"), six));
        // 8 days, 2026-03-06 … 03-13 at 2 2 4 4 2 2 4 4, the 03-10 missing ($0):
        // sorted 0 2 2 2 4 4 4 4, median (2 + 4) / 2 = 3, limit 3 × 3 = 9
        SortedMap<LocalDate, BigDecimal> eight = days(LocalDate.of(2026, 3, 6), 8, "2", "2", "4", "4");
        eight.remove(LocalDate.of(2026, 3, 10));
        eight.put(LocalDate.of(2026, 3, 14), usd("9.01"));
        Alert a = rules.spike(ACCOUNTING, at("2026-03-14T20:00"), eight).orElseThrow();
        assertEquals(0, usd("9").compareTo(a.limitUsd()), a::message);
        assertTrue(a.message().contains("of the 8 days before ($3.00)"), a::message);
    }

    @Test
    @DisplayName("judge spikes in evaluate() for every scope given, budgeted or not")
    void spikeForEveryScope() {
        Scope gateway = new Scope(Scope.Kind.GATEWAY, "operations-aws-spoke-k8s");
        SortedMap<LocalDate, BigDecimal> days = days(LocalDate.of(2026, 2, 12), 30, "5");
        days.put(LocalDate.of(2026, 3, 14), usd("50"));
        List<Alert> alerts = RULES.evaluate(MARCH, at("2026-03-14T20:00"), List.of(HUNDRED),
                Map.of(gateway, new ScopeSpend(usd("120"), null, days)));
        assertEquals(List.of("gateway:operations-aws-spoke-k8s|2026-03|spike|2026-03-14"),
                alerts.stream().map(Alert::dedupeKey).toList());
    }

    /** {@code count} days from {@code first}, costing {@code amounts} in turn. */
    private static SortedMap<LocalDate, BigDecimal> days(LocalDate first, int count, String... amounts) {
        SortedMap<LocalDate, BigDecimal> days = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            days.put(first.plusDays(i), usd(amounts[i % amounts.length]));
        }
        return days;
    }
}
