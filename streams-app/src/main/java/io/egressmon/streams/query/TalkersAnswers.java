package io.egressmon.streams.query;

import io.egressmon.api.Covered;
import io.egressmon.api.GatewayAttributes;
import io.egressmon.api.Period;
import java.time.Instant;
import io.egressmon.api.GroupBy;
import io.egressmon.api.InventoryGateway;
import io.egressmon.api.NotFound;
import io.egressmon.api.talkers.RoleRankings;
import io.egressmon.api.talkers.RoleTableData;
import io.egressmon.api.talkers.TalkerSource;
import io.egressmon.api.talkers.TalkersPartial;
import io.egressmon.api.talkers.TopTalkersAnswer;
import io.egressmon.api.talkers.TopTalkersRequest;
import io.egressmon.avro.TalkerRole;
import io.egressmon.streams.talkers.RoleTables;
import io.egressmon.streams.talkers.TalkerTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Puts the instances' parts of a top-talkers answer together: per spoke, the owners' rankings; global
 * and per group, the members' full tables merged (not their top-N, which would lose an address ranked
 * just below N in every member).
 */
final class TalkersAnswers {
    private TalkersAnswers() {
    }

    /**
     * @param partials  together covering every partition once (the caller checked), or the owner's one answer
     * @param inventory the inventory (all of it, or just the asked gateway's entry)
     * @throws NotFound when the asked gateway is neither in the inventory nor has data in the period
     */
    static TopTalkersAnswer assemble(TopTalkersRequest request, Period asked, TalkerPlan plan, int capacity,
                                     Collection<TalkersPartial> partials, Map<String, InventoryGateway> inventory,
                                     String copilotFlowiqUrl, Instant now) {
        if (isGlobal(request)) {
            return global(request, asked, plan, GlobalParts.of(partials, capacity, request.top()), () -> inventory,
                    copilotFlowiqUrl, now);
        }
        int periodDays = asked.days();
        SortedSet<String> withData = new TreeSet<>();
        Map<String, RoleRankings> spokes = new TreeMap<>();
        Map<String, List<RoleTableData>> groupTables = new TreeMap<>(GroupBy.NAME_ORDER);
        for (TalkersPartial p : partials) {
            withData.addAll(p.gateways());
            spokes.putAll(p.spokes()); // a gateway lives on one partition, answered once
            p.groups().forEach((name, tables) -> groupTables.computeIfAbsent(name, n -> new ArrayList<>()).add(tables));
        }
        String gateway = request.gateway();
        SortedSet<String> members = new TreeSet<>();
        if (gateway != null) {
            if (!inventory.containsKey(gateway) && !withData.contains(gateway)) {
                throw NotFound.unknownGateway(gateway, plan.source() == TalkerSource.NETFLOW ? "flows" : "FlowIQ data",
                        plan.start(), plan.end());
            }
            members.add(gateway);
        } else {
            inventory.values().stream().filter(InventoryGateway::isSpoke).forEach(info -> members.add(info.gateway()));
            members.addAll(withData);
        }

        Map<GatewayAttributes, RoleRankings> rows = new LinkedHashMap<>();
        RoleRankings global = null;
        if (request.perSpoke()) {
            for (String name : members) {
                rows.put(attributes(inventory, name), spokes.getOrDefault(name, RoleRankings.EMPTY));
            }
        } else {
            global = merge(groupTables.values().stream().flatMap(List::stream).toList(), capacity).rank(request.top());
        }
        List<TopTalkersAnswer.GroupRankings> groups = new ArrayList<>();
        if (request.groupBy() != null) {
            Map<String, List<String>> byGroup = new TreeMap<>(GroupBy.NAME_ORDER);
            for (String name : members) {
                byGroup.computeIfAbsent(request.groupBy().groupOf(attributes(inventory, name)), g -> new ArrayList<>()).add(name);
            }
            groupTables.keySet().forEach(g -> byGroup.computeIfAbsent(g, k -> new ArrayList<>()));
            byGroup.forEach((name, gateways) -> groups.add(new TopTalkersAnswer.GroupRankings(name, gateways,
                    merge(groupTables.getOrDefault(name, List.of()), capacity).rank(request.top()))));
        }
        return TopTalkersAnswer.of(plan.start(), plan.end(), periodDays, copilotFlowiqUrl, request.top(), global, rows,
                request.groupBy(), groups, covered(asked, plan, partials, members, now)).from(plan.source());
    }

    /** The global question: all spokes, neither grouped nor ranked per spoke. */
    static boolean isGlobal(TopTalkersRequest request) {
        return request.gateway() == null && !request.perSpoke() && request.groupBy() == null;
    }

    /**
     * The global answer from its {@code parts}; the inventory is read only when some gateway has a
     * progress mark but no data in the period (is it a spoke?).
     */
    static TopTalkersAnswer global(TopTalkersRequest request, Period asked, TalkerPlan plan, GlobalParts parts,
                                   Supplier<Map<String, InventoryGateway>> inventory, String copilotFlowiqUrl, Instant now) {
        Covered covered;
        if (plan.source() == TalkerSource.NETFLOW) {
            covered = Covered.of(asked.start(), asked.end(), plan.start(), plan.end(), plan.resolution(), now, now,
                    Covered.COUNTERS_LIVE_EDGE);
        } else {
            Instant until = parts.dataUntil();
            if (!parts.withoutData().isEmpty()) {
                Map<String, InventoryGateway> known = inventory.get();
                for (Map.Entry<String, Instant> e : parts.withoutData().entrySet()) {
                    InventoryGateway info = known.get(e.getKey());
                    if (info != null && info.isSpoke() && (until == null || e.getValue().isBefore(until))) {
                        until = e.getValue();
                    }
                }
            }
            covered = Covered.of(asked.start(), asked.end(), plan.start(), plan.end(), plan.resolution(), until, now,
                    Covered.FLOWIQ_LIVE_EDGE);
        }
        return TopTalkersAnswer.of(plan.start(), plan.end(), asked.days(), copilotFlowiqUrl, request.top(), parts.ranking(),
                Map.of(), null, List.of(), covered).from(plan.source());
    }

    /**
     * What the answer stands on: the plan's grain and bounds, and (FlowIQ) the oldest progress mark
     * among the member spokes that have FlowIQ data at all. Flows stream in continuously and are
     * read up to the moment of answering.
     */
    static Covered covered(Period asked, TalkerPlan plan, Collection<TalkersPartial> partials, SortedSet<String> members,
                           Instant now) {
        if (plan.source() == TalkerSource.NETFLOW) {
            return Covered.of(asked.start(), asked.end(), plan.start(), plan.end(), plan.resolution(), now, now,
                    Covered.COUNTERS_LIVE_EDGE);
        }
        Instant until = null;
        boolean any = false;
        for (TalkersPartial p : partials) {
            for (Map.Entry<String, Instant> e : p.dataUntil().entrySet()) {
                if (members.contains(e.getKey())) {
                    any = true;
                    until = until == null || e.getValue().isBefore(until) ? e.getValue() : until;
                }
            }
        }
        return Covered.of(asked.start(), asked.end(), plan.start(), plan.end(), plan.resolution(), any ? until : null, now,
                Covered.FLOWIQ_LIVE_EDGE);
    }

    private static GatewayAttributes attributes(Map<String, InventoryGateway> inventory, String name) {
        return inventory.getOrDefault(name, InventoryGateway.unknown(name)).attributes();
    }

    /** The tables of {@code data} merged per role, trimmed to {@code capacity}. */
    static RoleTables merge(List<RoleTableData> data, int capacity) {
        List<RoleTables> tables = data.stream().map(RoleTables::of).toList();
        return new RoleTables(
                TalkerTable.mergeAll(capacity, tables.stream().map(t -> t.of(TalkerRole.EXTERNAL)).toList()),
                TalkerTable.mergeAll(capacity, tables.stream().map(t -> t.of(TalkerRole.INTERNAL)).toList()));
    }
}
