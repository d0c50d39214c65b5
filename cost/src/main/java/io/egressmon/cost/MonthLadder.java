package io.egressmon.cost;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One schedule's prices laid along the month's usage line, in bytes: the free allowance first
 * ([0, free) at $0), then each tier over its bounds, less what the free allowance covers. A byte's
 * price depends only on its position on that line, so the cost of [a, c) is the cost of [a, b) plus
 * the cost of [b, c), exactly: pricing a month hour by hour in time order equals pricing it at once.
 */
final class MonthLadder {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private record Band(int tier, long from, long to, BigDecimal usdPerUnit) {
    }

    private final BillingUnit unit;
    private final List<Band> bands;
    /** Where each band ends, for {@link #band}: it runs once per later hour on every put of a late hour. */
    private final long[] ends;

    private MonthLadder(BillingUnit unit, List<Band> bands) {
        this.unit = unit;
        this.bands = bands;
        this.ends = bands.stream().mapToLong(Band::to).toArray();
    }

    /** @param tiers ordered, the last open (as the price table's reader guarantees) */
    static MonthLadder of(BillingUnit unit, BigDecimal freeUnits, List<Tier> tiers) {
        List<Band> bands = new ArrayList<>();
        long free = unit.toBytes(freeUnits);
        if (free > 0) {
            bands.add(new Band(0, 0, free, BigDecimal.ZERO));
        }
        long lower = 0;
        for (int i = 0; i < tiers.size(); i++) {
            Tier t = tiers.get(i);
            long upper = t.open() ? Long.MAX_VALUE : unit.toBytes(t.upTo());
            long from = Math.max(lower, free);
            if (upper > from) {
                bands.add(new Band(i + 1, from, upper, t.usdPerUnit()));
            }
            lower = upper;
        }
        return new MonthLadder(unit, List.copyOf(bands));
    }

    /** One flat price for every byte: no free allowance, one open tier. */
    static MonthLadder flat(BillingUnit unit, BigDecimal usdPerUnit) {
        return of(unit, BigDecimal.ZERO, List.of(new Tier(null, usdPerUnit)));
    }

    /**
     * What {@code bytes} cost when the month already stands at {@code monthBytesBefore} (its
     * position: bytes priced so far plus the usage we cannot see), less {@code discountPct} percent.
     */
    Charge charge(long monthBytesBefore, long bytes, BigDecimal discountPct) {
        if (monthBytesBefore < 0 || bytes < 0) {
            throw new IllegalArgumentException("bytes cannot be negative: month " + monthBytesBefore + ", bytes " + bytes);
        }
        long start = monthBytesBefore;
        long end = Math.addExact(start, bytes);
        BigDecimal kept = HUNDRED.subtract(discountPct).movePointLeft(2);
        BigDecimal unitBytes = BigDecimal.valueOf(unit.bytes());
        List<TierCharge> parts = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Band band : bands) {
            long lo = Math.max(start, band.from);
            long hi = Math.min(end, band.to);
            if (hi > lo) {
                // Exact: the divisor is 10^9 or 2^30, both of which leave a terminating decimal.
                BigDecimal usd = BigDecimal.valueOf(hi - lo).multiply(band.usdPerUnit).multiply(kept)
                        .divide(unitBytes).stripTrailingZeros();
                parts.add(new TierCharge(band.tier, hi - lo, band.usdPerUnit, usd));
                total = total.add(usd);
            }
        }
        return new Charge(total.stripTrailingZeros(), parts, discountPct, positionAt(end));
    }

    /**
     * The index of the band the byte at position {@code monthBytes} falls in: 0 is the first band
     * (the free allowance where there is one), each tier bound starts the next. Two positions with
     * the same band cost the same per byte, so bytes that stay inside one band cost the same wherever
     * in it they lie — what lets {@link AccountMonth} skip re-pricing hours a late hour only shifts.
     */
    int band(long monthBytes) {
        if (monthBytes < 0) {
            throw new IllegalArgumentException("a month position cannot be negative: " + monthBytes);
        }
        for (int i = 0; i < ends.length; i++) {
            if (monthBytes < ends[i]) {
                return i;
            }
        }
        return ends.length - 1;
    }

    /** The tier the month is in at {@code monthBytes} and how much of it is left. */
    TierPosition positionAt(long monthBytes) {
        for (Band band : bands) {
            if (monthBytes < band.to) {
                long left = band.to == Long.MAX_VALUE ? TierPosition.OPEN : band.to - monthBytes;
                return new TierPosition(band.tier, band.usdPerUnit, monthBytes, left);
            }
        }
        Band last = bands.get(bands.size() - 1);
        return new TierPosition(last.tier, last.usdPerUnit, monthBytes, TierPosition.OPEN);
    }
}
