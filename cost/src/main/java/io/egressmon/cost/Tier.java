package io.egressmon.cost;

import java.math.BigDecimal;

/**
 * One tier of a price list: the price per unit for the month's usage below {@code upTo} units (the
 * month's cumulative position, counted from the month's first byte), above the previous tier's
 * bound. The last tier has no bound ({@code upTo} null): it prices everything above.
 */
public record Tier(BigDecimal upTo, BigDecimal usdPerUnit) {
    public static Tier upTo(String units, String usdPerUnit) {
        return new Tier(new BigDecimal(units), new BigDecimal(usdPerUnit));
    }

    public static Tier above(String usdPerUnit) {
        return new Tier(null, new BigDecimal(usdPerUnit));
    }

    public boolean open() {
        return upTo == null;
    }
}
