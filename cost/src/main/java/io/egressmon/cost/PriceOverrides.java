package io.egressmon.cost;

import java.util.Map;

/**
 * A provider's overrides by account, region and gateway. For each field the most specific scope
 * that sets it wins: the gateway's, then the account's, then the region's.
 */
public record PriceOverrides(Map<String, PriceOverride> accounts, Map<String, PriceOverride> regions,
                             Map<String, PriceOverride> gateways) {
    public static final PriceOverrides NONE = new PriceOverrides(Map.of(), Map.of(), Map.of());

    public PriceOverrides {
        accounts = Map.copyOf(accounts);
        regions = Map.copyOf(regions);
        gateways = Map.copyOf(gateways);
    }

    /** The override in force at {@code point}; {@link PriceOverride#NONE} where nothing is set. */
    public PriceOverride at(BillingPoint point) {
        PriceOverride result = PriceOverride.NONE;
        result = find(regions, point.region() == null ? null : Region.key(point.region())).orElse(result);
        result = find(accounts, point.account()).orElse(result);
        return find(gateways, point.gateway()).orElse(result);
    }

    private static PriceOverride find(Map<String, PriceOverride> scope, String name) {
        PriceOverride o = name == null ? null : scope.get(name);
        return o != null ? o : new PriceOverride(null, null);
    }
}
