package io.egressmon.api.cost;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.Objects;

/**
 * One spoke's cost over the period, at its billing point (provider, account, region: the month ladder
 * its internet egress counts on).
 *
 * @param provider    {@code aws}, {@code azure}, {@code gcp} or {@code oci}
 * @param billingKey  {@code provider|account|region}
 * @param pricedUntil the end of the spoke's last priced hour (an hour is priced once its window closes,
 *                    6 h after it ends); null when none is
 */
public record GatewayCost(String gateway, String provider, String account, String region, String billingKey,
                          @JsonUnwrapped CostAmounts amounts, Instant pricedUntil) {
    public GatewayCost {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(amounts, "amounts");
    }
}
