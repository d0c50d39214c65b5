package io.egressmon.api.cost;

import java.time.Instant;
import java.util.Objects;

/**
 * The month-end cost of the answer's spokes, forecast at {@code as_of} (the end of the last priced
 * hour) from month-to-date and the hourly cost of the 7 days before, with its diurnal shape
 * (docs/budgets.md, "The month-end forecast"). Read {@code month_end_usd ± uncertainty_usd} as about
 * one standard deviation.
 *
 * @param uncertaintyUsd null when the basis holds fewer than 2 whole days
 * @param basisDays      whole days of history the forecast stands on (at most 7)
 */
public record CostForecast(String month, Instant asOf, String monthToDateUsd, String restOfMonthUsd, String monthEndUsd,
                           String uncertaintyUsd, int basisHours, int basisDays, int remainingHours) {
    public CostForecast {
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(asOf, "as_of");
        Objects.requireNonNull(monthEndUsd, "month_end_usd");
    }
}
