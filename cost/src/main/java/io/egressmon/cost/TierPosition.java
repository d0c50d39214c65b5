package io.egressmon.cost;

import java.math.BigDecimal;

/**
 * Where the month stands on its tiers: the tier the next byte falls in (0 is the free allowance),
 * its list price per unit, the month's position in bytes (including {@code tier_start_gb}) and the
 * bytes left before the next tier ({@code -1} in the last, open tier).
 */
public record TierPosition(int tier, BigDecimal usdPerUnit, long monthBytes, long bytesLeftInTier) {
    public static final long OPEN = -1;

    public boolean lastTier() {
        return bytesLeftInTier == OPEN;
    }
}
