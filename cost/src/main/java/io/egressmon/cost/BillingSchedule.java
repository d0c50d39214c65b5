package io.egressmon.cost;

import java.math.BigDecimal;

/**
 * What one billing account's bytes of one kind of traffic at one billing point are priced on over a
 * month, before any discount: the month's ladder of prices and where the month starts on it (the
 * override's {@code tier_start_gb} in bytes, usage of the payer account we cannot see). Positions
 * given to it are the month's bytes <em>we see</em>; the tier start is added inside, so callers
 * count only their own bytes. Discounts are per spoke ({@link PriceTable#discountPct}) and come off
 * after, in {@link AccountMonth}.
 */
public final class BillingSchedule {
    private final MonthLadder ladder;
    private final long tierStartBytes;

    BillingSchedule(MonthLadder ladder, long tierStartBytes) {
        if (tierStartBytes < 0) {
            throw new IllegalArgumentException("a tier start cannot be negative: " + tierStartBytes);
        }
        this.ladder = ladder;
        this.tierStartBytes = tierStartBytes;
    }

    /** The usage the month starts at, in bytes: the override's {@code tier_start_gb}. */
    public long tierStartBytes() {
        return tierStartBytes;
    }

    /**
     * What {@code bytes} cost at list price when the month's bytes we see already stand at
     * {@code monthBytesBefore}: discount 0, and tiers and positions counted from the tier start.
     */
    public Charge charge(long monthBytesBefore, long bytes) {
        return ladder.charge(position(monthBytesBefore), bytes, BigDecimal.ZERO);
    }

    /**
     * The index of the price band the byte at {@code monthBytes} (bytes we see; the tier start is
     * added here) falls in. Two positions in the same band cost the same per byte: an interval whose
     * first and last byte share a band costs the same after a shift that keeps both in that band.
     */
    public int band(long monthBytes) {
        return ladder.band(position(monthBytes));
    }

    /** The tier the month is in after {@code monthBytes} we see, and how much of it is left. */
    public TierPosition positionAt(long monthBytes) {
        return ladder.positionAt(position(monthBytes));
    }

    private long position(long monthBytes) {
        if (monthBytes < 0) {
            throw new IllegalArgumentException("month bytes cannot be negative: " + monthBytes);
        }
        return Math.addExact(tierStartBytes, monthBytes);
    }
}
