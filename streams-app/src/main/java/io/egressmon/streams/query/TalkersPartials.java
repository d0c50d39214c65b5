package io.egressmon.streams.query;

import io.egressmon.api.GroupBy;
import io.egressmon.api.InventoryGateway;
import io.egressmon.api.talkers.RoleRankings;
import io.egressmon.api.talkers.RoleTableData;
import io.egressmon.api.talkers.TalkersPartial;
import io.egressmon.streams.talkers.RoleTables;
import io.egressmon.streams.talkers.StoreKey;
import io.egressmon.streams.talkers.TalkerTable;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * This instance's part of a top-talkers answer: its spokes' tables merged per group (or all
 * together) and ranked per spoke when asked, so what travels is bounded by the capacity.
 */
final class TalkersPartials {
    private TalkersPartials() {
    }

    /**
     * Reads {@code plan}'s windows through {@code reader} and merges them.
     *
     * @param only     a gateway to keep, or null for all the reader sees
     * @param groupOf  the group of a gateway, or null when no group tables are wanted
     * @param perSpoke whether to rank each spoke
     * @param top      rows per spoke ranking
     * @param capacity bound of every merged table
     */
    static TalkersPartial collect(String host, Set<Integer> partitions, TalkerPlan plan, TalkerWindowReader reader,
                                  String only, Function<String, String> groupOf, boolean perSpoke, int top, int capacity) {
        SortedSet<String> gateways = new TreeSet<>();
        Map<String, RoleTables.Merger> bySpoke = new TreeMap<>();
        Map<String, RoleTables.Merger> byGroup = new TreeMap<>();
        Map<String, String> groupCache = new TreeMap<>();
        plan.forEachTable(reader, (key, table) -> {
            StoreKey k = StoreKey.parse(key);
            if (only != null && !only.equals(k.gateway())) {
                return;
            }
            gateways.add(k.gateway());
            if (perSpoke) {
                bySpoke.computeIfAbsent(k.gateway(), g -> new RoleTables.Merger(capacity)).add(k.role(), table);
            }
            if (groupOf != null) {
                String group = groupCache.computeIfAbsent(k.gateway(), groupOf);
                byGroup.computeIfAbsent(group, g -> new RoleTables.Merger(capacity)).add(k.role(), table);
            }
        });
        Map<String, RoleRankings> spokes = new TreeMap<>();
        bySpoke.forEach((gateway, m) -> spokes.put(gateway, m.result().rank(top)));
        Map<String, RoleTableData> groups = new TreeMap<>();
        byGroup.forEach((group, m) -> groups.put(group, m.result().toData()));
        return new TalkersPartial(host, partitions, gateways.stream().toList(), spokes, groups, Map.of(), null);
    }

    /**
     * The {@code groupOf} of {@link #collect} for a question: none for ungrouped per-spoke rankings,
     * the one group {@link TalkersPartial#ALL} for a global ranking, else the gateway's group by
     * {@code inventory} (gateways it lacks join {@link GroupBy#MISSING_VALUE}).
     */
    static Function<String, String> grouping(boolean perSpoke, GroupBy groupBy, Map<String, InventoryGateway> inventory) {
        if (groupBy == null) {
            return perSpoke ? null : g -> TalkersPartial.ALL;
        }
        return g -> groupBy.groupOf(inventory.getOrDefault(g, InventoryGateway.unknown(g)).attributes());
    }
}
