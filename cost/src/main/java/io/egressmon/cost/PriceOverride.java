package io.egressmon.cost;

import java.math.BigDecimal;

/**
 * What an account, region or gateway pays unlike the list: {@code discount_pct} off every price,
 * and {@code tier_start_gb}, usage the month already has that we cannot see (tiers and free
 * allowances count the whole payer account; this counts the part outside our spokes), in the
 * provider's unit. Null where this scope does not say.
 */
public record PriceOverride(BigDecimal discountPct, BigDecimal tierStart) {
    public static final PriceOverride NONE = new PriceOverride(BigDecimal.ZERO, BigDecimal.ZERO);

    /** Each field of this override, else {@code fallback}'s. */
    PriceOverride orElse(PriceOverride fallback) {
        return new PriceOverride(discountPct != null ? discountPct : fallback.discountPct,
                tierStart != null ? tierStart : fallback.tierStart);
    }
}
