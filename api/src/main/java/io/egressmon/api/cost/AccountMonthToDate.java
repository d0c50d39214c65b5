package io.egressmon.api.cost;

import java.util.Objects;

/** The part of a month-to-date figure spent on one billing account (by the answer's spokes). */
public record AccountMonthToDate(String billingKey, String provider, String account, String region, long egressBytes,
                                 String usd) {
    public AccountMonthToDate {
        Objects.requireNonNull(billingKey, "billing_key");
        Objects.requireNonNull(usd, "usd");
    }
}
