package io.egressmon.streams.query;

import io.egressmon.report.GroupBy;
import io.egressmon.report.talkers.PerSpokeTalkersReport;
import io.egressmon.report.talkers.RankedTalker;
import io.egressmon.report.talkers.TalkersReport;
import io.egressmon.report.talkers.TopTalkersReport;
import io.egressmon.schemas.IpClass;
import io.egressmon.streams.counters.RawTotals;
import io.egressmon.streams.talkers.Ranking;
import io.egressmon.streams.talkers.Role;
import io.egressmon.streams.talkers.RoleRankings;
import io.egressmon.streams.talkers.RoleTables;
import io.egressmon.streams.talkers.TalkerTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The answer to {@code GET /api/v1/top-talkers}: the effective period, and the rankings asked for.
 * {@code global} ({@code mode: global}) or {@code gateways} ({@code mode: per_spoke}); with
 * {@code group_by}, also one ranking per group, merged from its spokes' full tables (not from their
 * top-N, which would lose an address ranked just below N in every member).
 *
 * @param global   the destinations and sources over all spokes (or the one asked); null per spoke
 * @param gateways per spoke, sorted by name: every spoke of the inventory (empty rankings without
 *                 data) and every gateway with data; empty for a global answer
 * @param groups   sorted by name; empty when not grouped
 */
public record TalkersAnswer(Instant periodStart, Instant periodEnd, int periodDays, int top, boolean perSpoke,
                            RoleRankings global, List<SpokeTalkers> gateways, GroupBy groupBy, List<GroupTalkers> groups) {

    /** One spoke's rankings with its inventory attributes. */
    public record SpokeTalkers(GatewayInfo info, RoleRankings talkers) {
        public SpokeTalkers {
            Objects.requireNonNull(info, "info");
            Objects.requireNonNull(talkers, "talkers");
        }
    }

    /** One group's member spokes and its merged rankings. */
    public record GroupTalkers(String name, List<String> gateways, RoleRankings talkers) {
        public GroupTalkers {
            Objects.requireNonNull(name, "name");
            gateways = List.copyOf(gateways);
            Objects.requireNonNull(talkers, "talkers");
        }
    }

    public TalkersAnswer {
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        if (perSpoke == (global != null)) {
            throw new IllegalArgumentException(perSpoke ? "a per-spoke answer has no global ranking" : "a global answer needs one");
        }
        gateways = List.copyOf(gateways);
        groups = List.copyOf(groups);
    }

    /**
     * Puts the instances' partial answers together.
     *
     * @param partials  together covering every partition once (the caller checked), or the owner's one answer
     * @param inventory the inventory (all of it, or just the asked gateway's entry)
     * @throws NotFound when the asked gateway is neither in the inventory nor has data in the period
     */
    public static TalkersAnswer assemble(TalkersQuery query, TalkerPlan plan, int capacity,
                                         Collection<TalkersPartial> partials, Map<String, GatewayInfo> inventory) {
        SortedSet<String> withData = new TreeSet<>();
        Map<String, RoleRankings> spokes = new TreeMap<>();
        Map<String, List<RoleTables>> groupTables = new TreeMap<>();
        for (TalkersPartial p : partials) {
            withData.addAll(p.gateways());
            spokes.putAll(p.spokes()); // a gateway lives on one partition, answered once
            p.groups().forEach((name, tables) -> groupTables.computeIfAbsent(name, n -> new ArrayList<>()).add(tables));
        }
        String gateway = query.gateway();
        SortedSet<String> members = new TreeSet<>();
        if (gateway != null) {
            if (!inventory.containsKey(gateway) && !withData.contains(gateway)) {
                throw new NotFound("gateway", "unknown gateway '" + gateway + "': not in the inventory and no FlowIQ data between "
                        + plan.start() + " and " + plan.end());
            }
            members.add(gateway);
        } else {
            inventory.values().stream().filter(GatewayInfo::isSpoke).forEach(info -> members.add(info.gateway()));
            members.addAll(withData);
        }

        List<SpokeTalkers> rows = new ArrayList<>();
        if (query.perSpoke()) {
            for (String name : members) {
                rows.add(new SpokeTalkers(info(inventory, name), spokes.getOrDefault(name, RoleRankings.EMPTY)));
            }
        }
        RoleRankings global = null;
        if (!query.perSpoke()) {
            global = merge(groupTables.values().stream().flatMap(List::stream).toList(), capacity).rank(query.top());
        }
        List<GroupTalkers> groups = new ArrayList<>();
        if (query.groupBy() != null) {
            Map<String, List<String>> byGroup = new TreeMap<>();
            for (String name : members) {
                byGroup.computeIfAbsent(groupOf(query.groupBy(), info(inventory, name)), g -> new ArrayList<>()).add(name);
            }
            groupTables.keySet().forEach(g -> byGroup.computeIfAbsent(g, k -> new ArrayList<>()));
            byGroup.forEach((name, gateways) -> groups.add(new GroupTalkers(name, gateways,
                    merge(groupTables.getOrDefault(name, List.of()), capacity).rank(query.top()))));
        }
        return new TalkersAnswer(plan.start(), plan.end(), query.period().days(), query.top(), query.perSpoke(),
                global, rows, query.groupBy(), groups);
    }

    /** The group a gateway belongs to under {@code groupBy}, by the same rule as the bandwidth groups. */
    public static String groupOf(GroupBy groupBy, GatewayInfo info) {
        return groupBy.groupOf(new SpokeRow(info, RawTotals.ZERO).toSpokeBandwidth());
    }

    private static GatewayInfo info(Map<String, GatewayInfo> inventory, String name) {
        return inventory.getOrDefault(name, GatewayInfo.unknown(name));
    }

    private static RoleTables merge(List<RoleTables> tables, int capacity) {
        return new RoleTables(TalkerTable.mergeAll(capacity, tables.stream().map(t -> t.of(Role.EXTERNAL)).toList()),
                TalkerTable.mergeAll(capacity, tables.stream().map(t -> t.of(Role.INTERNAL)).toList()));
    }

    /**
     * The report module's view of this answer, for the seed's CSV (and text). Groups of a per-spoke
     * answer are carried over; a global report has none (the CSV has no groups either).
     *
     * @param copilotFlowiqUrl CoPilot's FlowIQ page, repeated on every row; empty when unknown
     */
    public TalkersReport toReport(String copilotFlowiqUrl) {
        if (!perSpoke) {
            return new TopTalkersReport(periodStart, periodEnd, periodDays, copilotFlowiqUrl, top,
                    rows(global.destinations()), rows(global.sources()));
        }
        List<io.egressmon.report.talkers.SpokeTalkers> spokes = gateways.stream()
                .map(s -> new io.egressmon.report.talkers.SpokeTalkers(s.info().gateway(), s.info().accountName(),
                        s.info().vpcName(), s.info().vpcId(), s.info().vpcRegion(), s.info().vendorName(),
                        s.info().transitGwName(), s.info().groupName(), rows(s.talkers().destinations()),
                        rows(s.talkers().sources())))
                .toList();
        List<io.egressmon.report.talkers.GroupTalkers> grouped = groups.stream()
                .map(g -> new io.egressmon.report.talkers.GroupTalkers(g.name(), g.gateways(),
                        rows(g.talkers().destinations()), rows(g.talkers().sources())))
                .toList();
        return new PerSpokeTalkersReport(periodStart, periodEnd, periodDays, copilotFlowiqUrl, top, spokes,
                groupBy == null ? null : groupBy.key(), grouped);
    }

    private static List<RankedTalker> rows(Ranking ranking) {
        List<RankedTalker> rows = new ArrayList<>();
        for (TalkerTable.Entry e : ranking.rows()) {
            rows.add(new RankedTalker(rows.size() + 1, e.ip(), e.bytes(), IpClass.isCgnat(e.ip())));
        }
        return rows;
    }

    /** Every ranking in the answer. */
    public Stream<Ranking> rankings() {
        Stream<RoleRankings> all = Stream.concat(global == null ? Stream.empty() : Stream.of(global),
                Stream.concat(gateways.stream().map(SpokeTalkers::talkers), groups.stream().map(GroupTalkers::talkers)));
        return all.flatMap(r -> Stream.of(r.destinations(), r.sources()));
    }

    /** Some ranking comes from a table that dropped IPs for lack of room or saw truncated FlowIQ answers. */
    public boolean approximate() {
        return rankings().anyMatch(Ranking::approximate);
    }

    /** The largest error bound of any ranking: 0 unless some table dropped IPs for lack of room. */
    public long errorBound() {
        return rankings().mapToLong(Ranking::errorBound).max().orElse(0);
    }

    /** Some input was a FlowIQ answer cut at its size. */
    public boolean truncated() {
        return rankings().anyMatch(Ranking::truncated);
    }
}
