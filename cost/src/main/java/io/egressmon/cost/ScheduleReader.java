package io.egressmon.cost;

import io.egressmon.cost.YamlNode.Entry;
import io.egressmon.cost.YamlNode.Mapping;
import io.egressmon.cost.YamlNode.Sequence;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads a provider's {@code internet:} schedules: per network, the free allowance, tiers and keyed tiers. */
final class ScheduleReader {
    private static final String TIERS_EXAMPLE = "[{up_to: 10240, usd: 0.09}, {usd: 0.085}]";

    private final FieldReader fields;
    private final Provider provider;
    private final RegionCatalog regions;

    ScheduleReader(FieldReader fields, Provider provider, RegionCatalog regions) {
        this.fields = fields;
        this.provider = provider;
        this.regions = regions;
    }

    Map<String, EgressSchedule> read(Mapping internet, String path) {
        Map<String, EgressSchedule> schedules = new LinkedHashMap<>();
        for (Entry e : internet.entries().values()) {
            Network network = provider.network(e.key());
            if (network == null) {
                List<String> names = provider.networks().stream().map(Network::name).toList();
                fields.problems.add(e.keyWhere(), "unknown network '" + e.key() + "' for " + provider.key() + " in " + path,
                        FieldReader.didYouMean(e.key(), names) + provider.key() + "'s networks: "
                                + FieldReader.oneOf(names));
                continue;
            }
            EgressSchedule s = schedule(network, e.value(), path + "." + e.key());
            if (s != null) {
                schedules.put(network.name(), s);
            }
        }
        return schedules;
    }

    private EgressSchedule schedule(Network network, YamlNode node, String path) {
        Mapping m = fields.mapping(node, path);
        if (m == null) {
            return null;
        }
        String byKey = network.priceKey().tableKey();
        fields.onlyKeys(m, path, List.of("free_per_month", "tiers", byKey));
        BigDecimal free = fields.notNegative(m.get("free_per_month"), path + ".free_per_month", "100",
                "the free allowance is units per month, 0 or more");
        if (!fields.required(m, "tiers", path, "add tiers: " + TIERS_EXAMPLE)) {
            return null;
        }
        List<Tier> tiers = tiers(m.get("tiers"), path + ".tiers");
        Map<String, List<Tier>> keyed = new LinkedHashMap<>();
        Mapping byNode = fields.mapping(m.get(byKey), path + "." + byKey);
        if (byNode != null) {
            for (Entry e : byNode.entries().values()) {
                String key = priceKey(network.priceKey(), e, path + "." + byKey);
                List<Tier> t = tiers(e.value(), path + "." + byKey + "." + e.key());
                if (key != null && t != null) {
                    keyed.put(key, t);
                }
            }
        }
        return tiers == null ? null : new EgressSchedule(free == null ? BigDecimal.ZERO : free, tiers, keyed);
    }

    /** The key as the schedule stores it, or null (reported) when it names nothing the table knows. */
    private String priceKey(PriceKey kind, Entry e, String path) {
        String key = e.key();
        String continents = FieldReader.oneOf(Provider.CONTINENTS);
        return switch (kind) {
            case REGION -> regions.known(key, e.keyWhere(), path) ? Region.key(key) : null;
            case ZONE -> regions.zones().contains(key) ? key : unknown(e, path, "zone", regions.zones(),
                    "use one of " + FieldReader.oneOf(regions.zones()) + ", or give a region that zone under " + regions.path());
            case SOURCE_CONTINENT -> Provider.CONTINENTS.contains(key) ? key
                    : unknown(e, path, "continent", Provider.CONTINENTS, "use one of " + continents);
            case ROUTE -> {
                String[] ends = key.split(PriceKey.ROUTE_ARROW, -1);
                boolean known = ends.length == 2 && Provider.CONTINENTS.contains(ends[0]) && Provider.CONTINENTS.contains(ends[1]);
                yield known ? key : unknown(e, path, "route", routes(),
                        "write source->destination, e.g. north_america->europe, with continents from: " + continents);
            }
        };
    }

    private String unknown(Entry e, String path, String what, Set<String> known, String fix) {
        fields.problems.add(e.keyWhere(), "unknown " + what + " '" + e.key() + "' in " + path,
                FieldReader.didYouMean(e.key(), known) + fix);
        return null;
    }

    private static Set<String> routes() {
        Set<String> routes = new TreeSet<>();
        for (String from : Provider.CONTINENTS) {
            for (String to : Provider.CONTINENTS) {
                routes.add(from + PriceKey.ROUTE_ARROW + to);
            }
        }
        return routes;
    }

    /** Tiers in increasing {@code up_to}, the last open; null (reported) when they cannot be used. */
    List<Tier> tiers(YamlNode node, String path) {
        Sequence list = fields.list(node, path, TIERS_EXAMPLE);
        if (list == null) {
            return null;
        }
        if (list.items().isEmpty()) {
            fields.problems.add(list.where(), path + " is empty", "give at least one tier, e.g. [{usd: 0.09}]");
            return null;
        }
        List<Tier> tiers = new ArrayList<>();
        BigDecimal previous = null;
        boolean usable = true;
        for (int i = 0; i < list.items().size(); i++) {
            String at = path + "[" + (i + 1) + "]";
            Mapping m = fields.mapping(list.items().get(i), at);
            if (m == null) {
                usable = false;
                continue;
            }
            fields.onlyKeys(m, at, List.of("up_to", "usd"));
            BigDecimal upTo = fields.number(m.get("up_to"), at + ".up_to", "10240");
            BigDecimal usd = fields.required(m, "usd", at, "add usd: the price per unit in this tier") ? fields.price(m.get("usd"), at + ".usd") : null;
            boolean last = i == list.items().size() - 1;
            if (upTo == null && !last && m.get("up_to") == null) {
                fields.problems.add(m.where(), at + " has no up_to but is not the last tier",
                        "give it up_to (where the next tier starts), or move it to the end");
                usable = false;
            } else if (upTo != null && (upTo.signum() <= 0 || previous != null && upTo.compareTo(previous) <= 0)) {
                fields.problems.add(m.get("up_to").where(), "tiers overlap or are out of order: " + at + ".up_to "
                        + upTo.toPlainString() + " is not above " + (previous == null ? "0" : "the previous tier's up_to " + previous.toPlainString()),
                        "list tiers in increasing up_to (the month's cumulative units where each tier ends), each above the one before");
                usable = false;
            } else if (upTo != null && last) {
                fields.problems.add(m.get("up_to").where(), "the last tier of " + path + " ends at up_to " + upTo.toPlainString()
                        + ", so usage above it has no price", "remove up_to from the last tier: it prices everything above");
                usable = false;
            }
            if (upTo != null) {
                previous = upTo;
            }
            usable &= usd != null;
            tiers.add(new Tier(upTo, usd));
        }
        return usable ? List.copyOf(tiers) : null;
    }
}
