package io.egressmon.cost;

import io.egressmon.cost.YamlNode.Entry;
import io.egressmon.cost.YamlNode.Mapping;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A provider's {@code regions:} as read, and the check that every region-keyed price or override
 * names one of them: a region the catalogue lacks is a typo more often than not.
 */
final class RegionCatalog {
    private final FieldReader fields;
    private final Provider provider;
    private final String path;
    private final Map<String, Region> regions = new LinkedHashMap<>();

    RegionCatalog(FieldReader fields, Provider provider, Mapping node, String path) {
        this.fields = fields;
        this.provider = provider;
        this.path = path;
        if (node != null) {
            node.entries().values().forEach(this::read);
        }
    }

    private void read(Entry e) {
        String at = path + "." + e.key();
        Mapping m = fields.mapping(e.value(), at);
        if (m == null) {
            return;
        }
        String attribute = provider.regionAttribute();
        fields.onlyKeys(m, at, attribute == null ? List.of() : List.of(attribute));
        String value = null;
        if (attribute != null && fields.required(m, attribute, at, attribute.equals("zone")
                ? "add zone: the Azure billing zone of this region, e.g. zone: zone1"
                : "add continent: one of " + FieldReader.oneOf(Provider.CONTINENTS))) {
            value = fields.text(m.get(attribute), at + "." + attribute, attribute.equals("zone") ? "zone1" : "north_america");
            if (value != null && attribute.equals("continent") && !Provider.CONTINENTS.contains(value)) {
                fields.problems.add(m.get(attribute).where(), "unknown continent '" + value + "' in " + at,
                        FieldReader.didYouMean(value, Provider.CONTINENTS) + "use one of " + FieldReader.oneOf(Provider.CONTINENTS));
                value = null;
            }
        }
        regions.put(Region.key(e.key()), new Region(e.key(), attribute != null && attribute.equals("zone") ? value : null,
                attribute != null && attribute.equals("continent") ? value : null));
    }

    Map<String, Region> regions() {
        return regions;
    }

    String path() {
        return path;
    }

    /** The zones the regions are in (Azure). */
    Set<String> zones() {
        return regions.values().stream().map(Region::zone).filter(z -> z != null)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** True when {@code name} is a region of the catalogue; else reports it at {@code where}. */
    boolean known(String name, YamlNode.Where where, String inPath) {
        if (regions.containsKey(Region.key(name))) {
            return true;
        }
        fields.problems.add(where, "unknown region '" + name + "' for " + provider.key() + " in " + inPath,
                FieldReader.didYouMean(name, regions.values().stream().map(Region::name).toList())
                        + "use a region listed under " + path + ", or add it there");
        return false;
    }
}
