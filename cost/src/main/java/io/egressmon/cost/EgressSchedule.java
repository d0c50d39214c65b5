package io.egressmon.cost;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The internet-egress prices of one network of a provider (AWS's and OCI's one network, Azure's
 * routing preference, Google's network tier): the monthly free allowance, the default tiers and the
 * tiers that replace them for one price key (a region, a zone, a route between continents, a source
 * continent — which one is the network's {@link Network#priceKey()}).
 */
public record EgressSchedule(BigDecimal freePerMonth, List<Tier> tiers, Map<String, List<Tier>> byKey) {
    public EgressSchedule {
        tiers = List.copyOf(tiers);
        byKey = Map.copyOf(byKey);
    }

    /** The tiers for {@code key} (normalised as the table's keys are), else the default tiers. */
    public List<Tier> tiersFor(String key) {
        return key == null ? tiers : byKey.getOrDefault(key, tiers);
    }
}
