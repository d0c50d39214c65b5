package io.egressmon.api.cost;

import java.math.BigDecimal;

/**
 * Dollars per class of traffic. Only {@code internet} is priced today: interface counters cannot see
 * which bytes cross regions or zones, nor what a NAT gateway processes, so the other classes are null
 * and the answer's {@code not_priced} says why ({@link NotPriced}).
 *
 * @param internet    internet egress at the billing point's provider and region
 * @param interRegion null: not priced ({@link NotPriced#INTER_REGION})
 * @param interAz     null: not priced ({@link NotPriced#INTER_AZ})
 * @param nat         null: not priced ({@link NotPriced#NAT})
 */
public record UsdByClass(String internet, String interRegion, String interAz, String nat) {
    /** Internet egress only, the others not priced. */
    public static UsdByClass internetOnly(BigDecimal internetUsd) {
        return new UsdByClass(Usd.text(internetUsd), null, null, null);
    }
}
