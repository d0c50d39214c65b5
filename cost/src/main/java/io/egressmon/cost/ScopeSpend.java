package io.egressmon.cost;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one scope has spent, as {@link AlertRules} judge it: the month-to-date cost, the month-end
 * forecast (null: none), and the cost per day (UTC) up to the day being judged for a spike, the
 * last key (its spend so far when it is today); the days before it are the spike's baseline.
 */
public record ScopeSpend(BigDecimal monthToDateUsd, Forecast forecast, SortedMap<LocalDate, BigDecimal> dailyUsd) {
    public ScopeSpend {
        Objects.requireNonNull(monthToDateUsd, "monthToDateUsd");
        dailyUsd = Collections.unmodifiableSortedMap(new TreeMap<>(dailyUsd));
    }
}
