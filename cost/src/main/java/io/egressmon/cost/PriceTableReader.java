package io.egressmon.cost;

import io.egressmon.cost.YamlNode.Entry;
import io.egressmon.cost.YamlNode.Mapping;
import io.egressmon.cost.YamlNode.Sequence;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a (merged) price-table tree into a {@link PriceTable}, or reports every problem with its line. */
final class PriceTableReader {
    private static final List<String> PROVIDER_KEYS = List.of(
            "unit", "sources", "regions", "internet", "inter_az", "inter_region", "nat_gateway", "overrides");
    private static final List<String> RATES = List.of("inter_az", "inter_region", "nat_gateway");

    private final Problems problems = new Problems();
    private final FieldReader fields = new FieldReader(problems, "the price table");

    Problems problems() {
        return problems;
    }

    /** @throws PriceTableException listing every problem found, here or before (while parsing) */
    PriceTable read(YamlNode root) {
        Mapping table = fields.mapping(root, "the price table");
        Map<Provider, ProviderPrices> providers = new EnumMap<>(Provider.class);
        LocalDate asOf = null;
        if (table != null) {
            fields.onlyKeys(table, "", List.of("as_of", "providers"));
            asOf = asOf(table);
            Mapping byProvider = fields.mapping(table.get("providers"), "providers");
            for (Entry e : byProvider == null ? List.<Entry>of() : byProvider.entries().values()) {
                Provider p = Provider.fromKey(e.key());
                if (p == null) {
                    problems.add(e.keyWhere(), "unknown provider '" + e.key() + "'",
                            FieldReader.didYouMean(e.key(), Provider.keys()) + "use one of " + FieldReader.oneOf(Provider.keys()));
                    continue;
                }
                ProviderPrices prices = provider(p, e.value(), "providers." + e.key());
                if (prices != null) {
                    providers.put(p, prices);
                }
            }
        }
        problems.throwIfAny(PriceTableException::new);
        return new PriceTable(asOf, providers);
    }

    private LocalDate asOf(Mapping table) {
        if (!fields.required(table, "as_of", "the price table", "add as_of: the date the prices were read, e.g. as_of: 2026-12-01")) {
            return null;
        }
        String text = fields.text(table.get("as_of"), "as_of", "2026-12-01");
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(table.get("as_of").where(), "as_of '" + text + "' is not a date", "write it as YYYY-MM-DD, e.g. 2026-12-01");
            return null;
        }
    }

    private ProviderPrices provider(Provider p, YamlNode node, String path) {
        Mapping m = fields.mapping(node, path);
        if (m == null) {
            return null;
        }
        fields.onlyKeys(m, path, PROVIDER_KEYS);
        RegionCatalog regions = new RegionCatalog(fields, p, fields.mapping(m.get("regions"), path + ".regions"), path + ".regions");
        BillingUnit unit = unit(m, path);
        List<String> sources = sources(m.get("sources"), path + ".sources");
        Mapping internetNode = fields.required(m, "internet", path, "add internet: with the prices of " + p.defaultNetwork().name())
                ? fields.mapping(m.get("internet"), path + ".internet") : null;
        Map<String, EgressSchedule> internet = internetNode == null ? Map.of()
                : new ScheduleReader(fields, p, regions).read(internetNode, path + ".internet");
        Map<String, Rate> rates = new LinkedHashMap<>();
        for (String rate : RATES) {
            if (fields.required(m, rate, path, "add " + rate + ": {usd: <dollars per unit>}")) {
                rates.put(rate, rate(m.get(rate), path + "." + rate, regions));
            }
        }
        PriceOverrides overrides = new OverridesReader(fields, regions).read(m.get("overrides"), path + ".overrides");
        if (unit == null || internetNode == null || rates.size() < RATES.size() || rates.containsValue(null)) {
            return null;
        }
        return new ProviderPrices(p, unit, sources, regions.regions(), internet,
                rates.get("inter_az"), rates.get("inter_region"), rates.get("nat_gateway"), overrides);
    }

    private BillingUnit unit(Mapping m, String path) {
        if (!fields.required(m, "unit", path, "add unit: GB (10^9 bytes) or unit: GiB (2^30 bytes)")) {
            return null;
        }
        String text = fields.text(m.get("unit"), path + ".unit", "GB");
        BillingUnit unit = text == null ? null : BillingUnit.fromLabel(text);
        if (text != null && unit == null) {
            problems.add(m.get("unit").where(), "unknown unit '" + text + "' in " + path + ".unit",
                    "write GB (10^9 bytes) or GiB (2^30 bytes), as the provider's price list counts");
        }
        return unit;
    }

    private List<String> sources(YamlNode node, String path) {
        Sequence list = fields.list(node, path, "[https://aws.amazon.com/ec2/pricing/on-demand/]");
        List<String> sources = new ArrayList<>();
        for (YamlNode item : list == null ? List.<YamlNode>of() : list.items()) {
            String s = fields.text(item, path + "[]", "https://aws.amazon.com/ec2/pricing/on-demand/");
            if (s != null) {
                sources.add(s);
            }
        }
        return sources;
    }

    private Rate rate(YamlNode node, String path, RegionCatalog regions) {
        Mapping m = fields.mapping(node, path);
        if (m == null) {
            return null;
        }
        fields.onlyKeys(m, path, List.of("usd", "by_region"));
        BigDecimal usd = fields.required(m, "usd", path, "add usd: the price per unit") ? fields.price(m.get("usd"), path + ".usd") : null;
        Map<String, BigDecimal> byRegion = new LinkedHashMap<>();
        Mapping regional = fields.mapping(m.get("by_region"), path + ".by_region");
        for (Entry e : regional == null ? List.<Entry>of() : regional.entries().values()) {
            BigDecimal price = fields.price(e.value(), path + ".by_region." + e.key());
            if (regions.known(e.key(), e.keyWhere(), path + ".by_region") && price != null) {
                byRegion.put(Region.key(e.key()), price);
            }
        }
        return usd == null ? null : new Rate(usd, byRegion);
    }
}
