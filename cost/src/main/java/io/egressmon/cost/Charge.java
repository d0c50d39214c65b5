package io.egressmon.cost;

import java.math.BigDecimal;
import java.util.List;

/**
 * What some bytes cost: exact dollars (after the discount), split by tier, and the tier position
 * the month is in after them. Dollars are {@link BigDecimal}, never rounded: a byte at $0.09/GB is
 * $9E-11, so rounding each hour to any fixed precision would make a month priced hour by hour
 * differ from the month priced at once. Round only for display ({@link #cents()}).
 */
public record Charge(BigDecimal usd, List<TierCharge> tiers, BigDecimal discountPct, TierPosition positionAfter) {
    public Charge {
        tiers = List.copyOf(tiers);
    }

    /** Dollars rounded half-up to the cent, for display only. */
    public BigDecimal cents() {
        return usd.setScale(2, java.math.RoundingMode.HALF_UP);
    }
}
