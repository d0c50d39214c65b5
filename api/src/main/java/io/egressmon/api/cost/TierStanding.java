package io.egressmon.api.cost;

import java.time.Instant;
import java.util.Objects;

/**
 * Where one billing account's month stands on its price tiers, after its last priced hour: one per
 * account and month the period touches, for the accounts of the answer's spokes.
 *
 * @param month            {@code yyyy-MM}, UTC
 * @param unit             {@code GB} (10^9 bytes) or {@code GiB} (2^30 bytes): what {@code usd_per_unit} is per
 * @param monthBytes       the account's egress this month so far, {@code tier_start_gb} included
 * @param tier             the tier the next byte falls in; 0 is the free allowance
 * @param usdPerUnit       that tier's list price
 * @param bytesToNextTier  bytes left before the next tier; null in the last, open tier
 * @param pricedUntil      the end of the hour up to which every spoke of the account is priced this
 *                         month (the tiers of later hours stand on all earlier ones)
 */
public record TierStanding(String billingKey, String provider, String account, String region, String month, String unit,
                           long monthBytes, int tier, String usdPerUnit, Long bytesToNextTier, Instant pricedUntil) {
    public TierStanding {
        Objects.requireNonNull(billingKey, "billing_key");
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(usdPerUnit, "usd_per_unit");
    }
}
