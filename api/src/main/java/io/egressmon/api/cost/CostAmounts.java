package io.egressmon.api.cost;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a gateway, a group or all of an answer cost over the period: its egress bytes, dollars after
 * discounts (in total and per class), at list price, and the discount between them. Dollars are exact
 * decimal strings ({@link Usd}).
 *
 * @param egressBytes the bytes priced (the hourly windows' {@code egress_tx_bytes})
 * @param usd         after discounts: the sum of the priced classes
 * @param listUsd     the same at list price
 * @param discountUsd {@code list_usd − usd}
 */
public record CostAmounts(long egressBytes, String usd, UsdByClass usdByClass, String listUsd, String discountUsd) {
    public static final CostAmounts ZERO = of(0, BigDecimal.ZERO, BigDecimal.ZERO);

    public CostAmounts {
        Objects.requireNonNull(usd, "usd");
        Objects.requireNonNull(usdByClass, "usd_by_class");
        Objects.requireNonNull(listUsd, "list_usd");
        Objects.requireNonNull(discountUsd, "discount_usd");
    }

    /** Internet egress of {@code bytes} costing {@code usd} ({@code listUsd} at list price). */
    public static CostAmounts of(long bytes, BigDecimal usd, BigDecimal listUsd) {
        return new CostAmounts(bytes, Usd.text(usd), UsdByClass.internetOnly(usd), Usd.text(listUsd),
                Usd.text(listUsd.subtract(usd)));
    }

    /** The two summed, exactly. */
    public CostAmounts plus(CostAmounts other) {
        return of(Math.addExact(egressBytes, other.egressBytes), usdValue().add(other.usdValue()),
                listUsdValue().add(other.listUsdValue()));
    }

    public BigDecimal usdValue() {
        return Usd.parse(usd);
    }

    public BigDecimal listUsdValue() {
        return Usd.parse(listUsd);
    }
}
