package io.egressmon.cost;

import java.math.BigDecimal;

/**
 * The part of a charge that fell in one tier: {@code tier} 0 is the free allowance, 1 the first
 * priced tier, and so on; {@code usd} is after the discount, exact.
 */
public record TierCharge(int tier, long bytes, BigDecimal usdPerUnit, BigDecimal usd) {
}
