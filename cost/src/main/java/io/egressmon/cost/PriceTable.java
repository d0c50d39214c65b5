package io.egressmon.cost;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * The prices egress is charged at, dated: per provider, as {@link PriceTables} reads them from the
 * default table and the user's file. Pure: pricing the same bytes at the same month position always
 * gives the same charge, so the streams app can price hour by hour, in time order, exactly once.
 */
public record PriceTable(LocalDate asOf, Map<Provider, ProviderPrices> providers) {
    public PriceTable {
        providers = Map.copyOf(providers);
    }

    public ProviderPrices prices(Provider provider) {
        ProviderPrices p = providers.get(provider);
        if (p == null) {
            throw new IllegalArgumentException("the price table has no prices for " + provider.key());
        }
        return p;
    }

    /**
     * What {@code bytes} of {@code traffic} billed at {@code at} cost, when the month already has
     * {@code monthToDateBytesBefore} bytes on the same schedule (same billing account and network):
     * the free allowance first, then the tiers on the month's cumulative usage plus the override's
     * {@code tier_start_gb}, then the override's {@code discount_pct}.
     */
    public Charge cost(BillingPoint at, Traffic traffic, long monthToDateBytesBefore, long bytes) {
        ProviderPrices p = prices(at.provider());
        PriceOverride o = p.overrides().at(at);
        return p.ladder(at, traffic).charge(monthPosition(p, o, monthToDateBytesBefore), bytes, o.discountPct());
    }

    /**
     * What one billing account's {@code traffic} billed at {@code at} is priced on over a month,
     * before discounts: the ladder of {@code at}'s prices and the tier start of the override in force
     * at {@code at}. Pricing hours on it in time order and taking {@link #discountPct} off each
     * spoke's share is what {@link AccountMonth} does.
     */
    public BillingSchedule schedule(BillingPoint at, Traffic traffic) {
        ProviderPrices p = prices(at.provider());
        return new BillingSchedule(p.ladder(at, traffic), p.unit().toBytes(p.overrides().at(at).tierStart()));
    }

    /**
     * The discount in force at {@code at}, in percent: the gateway's, else the account's, else the
     * region's, else 0 (as {@link PriceOverrides#at} picks it).
     */
    public BigDecimal discountPct(BillingPoint at) {
        return prices(at.provider()).overrides().at(at).discountPct();
    }

    /** Which tier the month is in after {@code monthToDateBytes}, and how much of it is left. */
    public TierPosition position(BillingPoint at, Traffic traffic, long monthToDateBytes) {
        ProviderPrices p = prices(at.provider());
        return p.ladder(at, traffic).positionAt(monthPosition(p, p.overrides().at(at), monthToDateBytes));
    }

    private static long monthPosition(ProviderPrices p, PriceOverride o, long monthToDateBytes) {
        if (monthToDateBytes < 0) {
            throw new IllegalArgumentException("month-to-date bytes cannot be negative: " + monthToDateBytes);
        }
        return Math.addExact(p.unit().toBytes(o.tierStart()), monthToDateBytes);
    }
}
