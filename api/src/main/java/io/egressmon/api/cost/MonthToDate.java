package io.egressmon.api.cost;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The month of the period's end, from its first hour to the period's end: what the answer's spokes
 * spent, in all and per billing account.
 *
 * @param month       {@code yyyy-MM}, UTC
 * @param pricedUntil how far it is priced: the oldest of the spokes' priced hours, capped at the
 *                    period's end; null when nothing is
 */
public record MonthToDate(String month, Instant pricedUntil, long egressBytes, String usd,
                          List<AccountMonthToDate> accounts) {
    public MonthToDate {
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(usd, "usd");
        accounts = List.copyOf(accounts);
    }
}
