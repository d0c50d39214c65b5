package io.egressmon.cost;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One spoke's share of one hour of its billing account's month, as {@link AccountMonth} prices it:
 * the spoke's bytes in the hour, the account's bytes in the hour and before it (bytes we see, from
 * the month's start), the spoke's share of the hour's list cost, the spoke's discount and the share
 * after it, and where the account's month stands on its tiers after the hour (tier start included).
 * A spoke-hour without bytes costs $0 (it is reported when its bytes went back to 0).
 */
public record SpokeHourCost(String spoke, int hour, Instant hourStart, long bytes, long accountHourBytes,
                            long accountBytesBefore, BigDecimal listUsd, BigDecimal discountPct, BigDecimal usd,
                            TierPosition positionAfter) {
}
