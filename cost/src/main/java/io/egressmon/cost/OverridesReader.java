package io.egressmon.cost;

import io.egressmon.cost.YamlNode.Entry;
import io.egressmon.cost.YamlNode.Mapping;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a provider's {@code overrides:} by account, region and gateway. */
final class OverridesReader {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final FieldReader fields;
    private final RegionCatalog regions;

    OverridesReader(FieldReader fields, RegionCatalog regions) {
        this.fields = fields;
        this.regions = regions;
    }

    PriceOverrides read(YamlNode node, String path) {
        Mapping m = fields.mapping(node, path);
        if (m == null) {
            return PriceOverrides.NONE;
        }
        fields.onlyKeys(m, path, List.of("accounts", "regions", "gateways"));
        return new PriceOverrides(scope(m.get("accounts"), path + ".accounts", false),
                scope(m.get("regions"), path + ".regions", true), scope(m.get("gateways"), path + ".gateways", false));
    }

    private Map<String, PriceOverride> scope(YamlNode node, String path, boolean byRegion) {
        Mapping m = fields.mapping(node, path);
        Map<String, PriceOverride> scope = new LinkedHashMap<>();
        for (Entry e : m == null ? List.<Entry>of() : m.entries().values()) {
            PriceOverride o = override(e.value(), path + "." + e.key());
            if (byRegion && !regions.known(e.key(), e.keyWhere(), path)) {
                continue;
            }
            if (o != null) {
                scope.put(byRegion ? Region.key(e.key()) : e.key(), o);
            }
        }
        return scope;
    }

    private PriceOverride override(YamlNode node, String path) {
        Mapping m = fields.mapping(node, path);
        if (m == null) {
            return null;
        }
        fields.onlyKeys(m, path, List.of("discount_pct", "tier_start_gb"));
        BigDecimal discount = fields.notNegative(m.get("discount_pct"), path + ".discount_pct", "10",
                "a discount is a percentage from 0 to 100");
        if (discount != null && discount.compareTo(HUNDRED) > 0) {
            fields.problems.add(m.get("discount_pct").where(), path + ".discount_pct is over 100 (" + discount.toPlainString() + ")",
                    "a discount is a percentage from 0 to 100");
            discount = null;
        }
        BigDecimal tierStart = fields.notNegative(m.get("tier_start_gb"), path + ".tier_start_gb", "5000",
                "tier_start_gb is the month's usage outside our spokes, in the provider's unit, 0 or more");
        return new PriceOverride(discount, tierStart);
    }
}
