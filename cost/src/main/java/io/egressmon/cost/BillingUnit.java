package io.egressmon.cost;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The unit a provider's price list counts in. AWS, Azure and OCI list prices "per GB" (10^9 bytes
 * here); Google lists them per GiB (2^30 bytes) and says so. Both are exact in decimal: 1/2^30 is
 * 5^30/10^30, so a price per GiB divided down to a byte is still a terminating decimal.
 */
public enum BillingUnit {
    GB("GB", 1_000_000_000L),
    GIB("GiB", 1L << 30);

    private final String label;
    private final long bytes;

    BillingUnit(String label, long bytes) {
        this.label = label;
        this.bytes = bytes;
    }

    /** As written in the price table: {@code GB} or {@code GiB}. */
    public String label() {
        return label;
    }

    public long bytes() {
        return bytes;
    }

    /** {@code units} of this unit in whole bytes, rounded down (a fraction of a byte cannot be sent). */
    public long toBytes(BigDecimal units) {
        BigInteger whole = units.multiply(BigDecimal.valueOf(bytes)).toBigInteger();
        return whole.bitLength() < 63 ? whole.longValueExact() : Long.MAX_VALUE;
    }

    /** {@code bytes} in this unit, exactly. */
    public BigDecimal toUnits(long byteCount) {
        return BigDecimal.valueOf(byteCount).divide(BigDecimal.valueOf(bytes));
    }

    /** The unit written {@code label} (case as in the provider's price list), or null. */
    static BillingUnit fromLabel(String label) {
        for (BillingUnit u : values()) {
            if (u.label.equals(label)) {
                return u;
            }
        }
        return null;
    }
}
