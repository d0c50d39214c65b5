package io.egressmon.cost;

import java.math.BigDecimal;
import java.util.Map;

/** A flat price per unit (inter-AZ, inter-region, NAT gateway processing), with per-region exceptions. */
public record Rate(BigDecimal usdPerUnit, Map<String, BigDecimal> byRegion) {
    public Rate {
        byRegion = Map.copyOf(byRegion);
    }

    public BigDecimal usdIn(String region) {
        return region == null ? usdPerUnit : byRegion.getOrDefault(Region.key(region), usdPerUnit);
    }
}
