package io.egressmon.api.cost;

import java.time.Instant;
import java.util.Objects;

/**
 * Internal: one spoke's part of a cost answer, from the instance that hosts its billing account:
 * its cost over the period and over the month of the period's end up to the period's end.
 */
public record GatewayCostPart(String provider, String account, String region, String billingKey, long egressBytes,
                              String usd, String listUsd, Instant pricedUntil, long monthToDateBytes,
                              String monthToDateUsd) {
    public GatewayCostPart {
        Objects.requireNonNull(billingKey, "billing_key");
        Objects.requireNonNull(usd, "usd");
        Objects.requireNonNull(listUsd, "list_usd");
        Objects.requireNonNull(monthToDateUsd, "month_to_date_usd");
    }
}
