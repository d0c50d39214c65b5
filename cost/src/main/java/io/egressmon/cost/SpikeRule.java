package io.egressmon.cost;

import java.math.BigDecimal;

/**
 * When a day's spend is a spike: more than {@code factor} times the median daily spend of the
 * {@code baselineDays} days before it, and at least {@code minDayUsd} (so that a spoke going from
 * 2 cents to 10 does not page anyone). A scope with fewer than {@code minBaselineDays} days of
 * history before the day is not judged at all: its median says too little.
 */
public record SpikeRule(BigDecimal factor, BigDecimal minDayUsd, int baselineDays, int minBaselineDays) {
    /** 3 × the median of 30 days, at least $10 a day, judged after 7 days of history. */
    public static final SpikeRule DEFAULT = new SpikeRule(BigDecimal.valueOf(3), BigDecimal.TEN, 30, 7);

    public SpikeRule {
        if (factor.signum() <= 0 || minDayUsd.signum() < 0 || baselineDays < 1 || minBaselineDays < 1
                || minBaselineDays > baselineDays) {
            throw new IllegalArgumentException("spike rule out of range: factor " + factor + ", min_day_usd " + minDayUsd
                    + ", baseline_days " + baselineDays + ", min_baseline_days " + minBaselineDays);
        }
    }
}
