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

    /** The two parts of one spoke (on two partitions: its billing key changed) added; the later-priced one's billing point. */
    public GatewayCostPart plus(GatewayCostPart other) {
        GatewayCostPart latest = other.pricedUntil() != null && (pricedUntil == null || other.pricedUntil().isAfter(pricedUntil))
                ? other : this;
        return new GatewayCostPart(latest.provider, latest.account, latest.region, latest.billingKey,
                Math.addExact(egressBytes, other.egressBytes), Usd.text(Usd.parse(usd).add(Usd.parse(other.usd))),
                Usd.text(Usd.parse(listUsd).add(Usd.parse(other.listUsd))), latest.pricedUntil,
                Math.addExact(monthToDateBytes, other.monthToDateBytes),
                Usd.text(Usd.parse(monthToDateUsd).add(Usd.parse(other.monthToDateUsd))));
    }
}
