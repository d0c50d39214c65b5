package io.egressmon.streams.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.ApiJson;
import io.egressmon.api.GroupBy;
import io.egressmon.api.InventoryGateway;
import io.egressmon.api.NotFound;
import io.egressmon.api.Period;
import io.egressmon.api.PeriodRequest;
import io.egressmon.api.talkers.GroupTalkers;
import io.egressmon.api.talkers.SpokeTalkers;
import io.egressmon.api.talkers.TalkerRow;
import io.egressmon.api.talkers.TalkersPartial;
import io.egressmon.api.talkers.TopTalkersAnswer;
import io.egressmon.api.talkers.TopTalkersRequest;
import io.egressmon.avro.TalkerRole;
import io.egressmon.streams.talkers.StoreKey;
import io.egressmon.streams.talkers.TalkerTable;
import io.egressmon.streams.talkers.TalkersTopology;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Top-talkers answers from the instances' partial answers")
class TalkersAnswersTest {
    private static final Instant NOW = Instant.parse("2026-02-10T10:37:12Z");
    private static final int CAPACITY = 50;
    private static final PeriodRequest LAST_WEEK = new PeriodRequest.LastDays(7);
    private static final Period PERIOD = LAST_WEEK.resolve(NOW);
    private static final TalkerPlan PLAN = TalkerPlan.of(PERIOD.start(), PERIOD.end(), TalkerPlan.hourlySince(NOW));
    private static final String FLOWIQ_URL = "https://copilot.example/#/flow-iq";

    /** Window tables as two instances hold them: per partition, store key → the day's table. */
    private final Map<Integer, Map<String, TalkerTable>> partitions = new TreeMap<>();
    private final Map<String, InventoryGateway> inventory = new TreeMap<>();

    private void put(int partition, String gateway, TalkerRole role, Object... ipBytes) {
        TalkerTable t = TalkerTable.empty(CAPACITY);
        for (int i = 0; i < ipBytes.length; i += 2) {
            t = t.add((String) ipBytes[i], ((Number) ipBytes[i + 1]).longValue(), false);
        }
        partitions.computeIfAbsent(partition, p -> new TreeMap<>()).put(new StoreKey(gateway, role).toString(), t);
    }

    private TalkerWindowReader reader(Set<Integer> of) {
        return (store, from, to, sink) -> {
            if (store.equals(TalkersTopology.STORE_1D)) {
                of.forEach(p -> partitions.getOrDefault(p, Map.of()).forEach(sink));
            }
        };
    }

    private static InventoryGateway spoke(String name, String cloud) {
        return new InventoryGateway(name, "spoke", "acct", "vpc-" + name, "vpc-1~~vpc-" + name, "us-east-1", cloud,
                "transit-1", "grp", List.of(), Instant.parse("2026-02-01T00:00:00Z"));
    }

    private static TopTalkersRequest request(int top, String gateway, boolean perSpoke, GroupBy groupBy) {
        return new TopTalkersRequest(LAST_WEEK, top, gateway, perSpoke, groupBy);
    }

    private TalkersPartial collect(Set<Integer> owned, TalkerWindowReader reader, String only, TopTalkersRequest q) {
        return TalkersPartials.collect("host" + owned, owned, PLAN, reader, only,
                TalkersPartials.grouping(q.perSpoke(), q.groupBy(), inventory), q.perSpoke(), q.top(), CAPACITY);
    }

    private TopTalkersAnswer assemble(TopTalkersRequest q, List<TalkersPartial> partials) {
        return TalkersAnswers.assemble(q, PERIOD, PLAN, CAPACITY, partials, inventory, FLOWIQ_URL, PLAN.end());
    }

    /** Two instances, one with partitions 0 and 1, the other with 2, each merging its own spokes first. */
    private TopTalkersAnswer answer(TopTalkersRequest q) {
        List<TalkersPartial> partials = new ArrayList<>();
        for (Set<Integer> owned : List.of(Set.of(0, 1), Set.of(2))) {
            TalkersPartial p = collect(owned, reader(owned), null, q);
            partials.add(ApiJson.read(ApiJson.write(p), TalkersPartial.class)); // as it travels between instances
        }
        PartitionCoverage.check(3, partials);
        return assemble(q, partials);
    }

    private static List<String> ips(List<TalkerRow> rows) {
        return rows.stream().map(r -> r.ip() + "=" + r.bytes()).toList();
    }

    private void estate() {
        inventory.put("aws-1", spoke("aws-1", "AWS"));
        inventory.put("aws-2", spoke("aws-2", "AWS"));
        inventory.put("az-1", spoke("az-1", "Azure ARM"));
        inventory.put("idle", spoke("idle", "AWS"));
        put(0, "aws-1", TalkerRole.EXTERNAL, "8.8.8.8", 100, "1.1.1.1", 50);
        put(0, "aws-1", TalkerRole.INTERNAL, "10.0.0.1", 150);
        put(1, "az-1", TalkerRole.EXTERNAL, "8.8.8.8", 30, "9.9.9.9", 70);
        put(2, "aws-2", TalkerRole.EXTERNAL, "1.1.1.1", 60, "9.9.9.9", 5);
        put(2, "orphan", TalkerRole.INTERNAL, "10.0.0.9", 1);
    }

    @Test
    @DisplayName("the global ranking sums every spoke's bytes per IP across instances")
    void global() {
        estate();
        TopTalkersAnswer a = answer(request(10, null, false, null));
        assertEquals(List.of("8.8.8.8=130", "1.1.1.1=110", "9.9.9.9=75"), ips(a.destinations()));
        assertEquals(List.of("10.0.0.1=150", "10.0.0.9=1"), ips(a.sources()));
        assertNull(a.approximate(), "an exact answer does not say approximate");
    }

    @Test
    @DisplayName("the answer carries the plan's effective bounds, the period's day count and the FlowIQ URL")
    void bounds() {
        estate();
        TopTalkersAnswer a = answer(request(10, null, false, null));
        assertEquals(PLAN.start(), a.periodStart());
        assertEquals(PLAN.end(), a.periodEnd());
        assertEquals(7, a.periodDays());
        assertEquals(FLOWIQ_URL, a.destinations().get(0).copilotUrl());
    }

    @Test
    @DisplayName("each group's ranking equals the merge of its members' own rankings when nothing is cut")
    void groupsAreTheMergeOfTheirMembers() {
        estate();
        TopTalkersAnswer grouped = answer(request(10, null, true, GroupBy.CLOUD));
        Map<String, GroupTalkers> groups = new TreeMap<>();
        grouped.groups().forEach(g -> groups.put(g.name(), g));
        assertEquals(Set.of("AWS", "Azure ARM", "unknown"), groups.keySet());
        assertEquals(List.of("aws-1", "aws-2", "idle"), groups.get("AWS").gateways());
        for (GroupTalkers g : grouped.groups()) {
            Map<String, Long> members = new HashMap<>();
            grouped.gateways().stream().filter(s -> g.gateways().contains(s.gateway()))
                    .forEach(s -> s.destinations().forEach(r -> members.merge(r.ip(), r.bytes(), Long::sum)));
            Map<String, Long> group = new HashMap<>();
            g.destinations().forEach(r -> group.put(r.ip(), r.bytes()));
            assertEquals(members, group, g.name());
        }
        assertEquals(List.of("1.1.1.1=110", "8.8.8.8=100", "9.9.9.9=5"), ips(groups.get("AWS").destinations()));
    }

    @Test
    @DisplayName("per spoke: every inventory spoke (empty without data) and every gateway with data, sorted by name")
    void perSpoke() {
        estate();
        TopTalkersAnswer a = answer(request(1, null, true, null));
        assertEquals(List.of("aws-1", "aws-2", "az-1", "idle", "orphan"),
                a.gateways().stream().map(SpokeTalkers::gateway).toList());
        assertEquals(List.of("9.9.9.9=70"), ips(a.gateways().get(2).destinations()), "top=1");
        assertTrue(a.gateways().get(3).destinations().isEmpty());
        assertNull(a.destinations(), "no global ranking per spoke");
        assertNull(a.groups(), "no groups unless asked");
    }

    @Test
    @DisplayName("an instance sends bounded tables: its spokes merged to at most the capacity per group and role")
    void partialsAreBounded() {
        for (int g = 0; g < 20; g++) {
            Object[] ips = new Object[2 * 40];
            for (int i = 0; i < 40; i++) {
                ips[2 * i] = "198.51." + g + "." + i;
                ips[2 * i + 1] = 1000 - i;
            }
            put(0, "spoke-" + g, TalkerRole.EXTERNAL, ips);
        }
        TopTalkersRequest q = request(10, null, false, null);
        TalkersPartial p = collect(Set.of(0), reader(Set.of(0)), null, q);
        TalkerTable all = TalkerTable.of(p.groups().get(TalkersPartial.ALL).external());
        assertEquals(CAPACITY, all.size(), "800 IPs merged into one table of 50");
        assertFalse(all.exact());
        TopTalkersAnswer a = assemble(q, List.of(p));
        assertEquals(Boolean.TRUE, a.approximate(), "a trimmed merge is reported as approximate");
        assertEquals(all.errorBound(), a.errorBoundBytes());
    }

    @Test
    @DisplayName("one gateway is answered with its own rankings")
    void oneGateway() {
        TopTalkersRequest q = request(10, "az-1", false, null);
        TalkersPartial mine = ownersPartial(q);
        assertEquals(List.of("9.9.9.9=70", "8.8.8.8=30"), ips(assemble(q, List.of(mine)).destinations()));
    }

    @Test
    @DisplayName("one gateway neither in the inventory nor with data is a 404 naming gateway")
    void oneGatewayUnknown() {
        TopTalkersRequest q = request(10, "nope", false, null);
        TalkersPartial mine = ownersPartial(q);
        NotFound e = assertThrows(NotFound.class, () -> assemble(q, List.of(mine)));
        assertEquals("gateway", e.parameter());
    }

    /** The estate's partial answer to a one-gateway question, from the instance owning partition 1 (all of them here). */
    private TalkersPartial ownersPartial(TopTalkersRequest q) {
        estate();
        return collect(Set.of(1), reader(Set.of(0, 1, 2)), q.gateway(), q);
    }

    @Test
    @DisplayName("the global answer's progress counts the same members as a per-spoke one: gateways with data, and inventory spokes without")
    void globalProgressCountsTheMembers() {
        estate();
        Map<String, Instant> marks = Map.of("aws-1", Instant.parse("2026-02-10T10:00:00Z"),
                "idle", Instant.parse("2026-02-10T08:00:00Z"),
                "orphan", Instant.parse("2026-02-10T09:00:00Z"),
                "stranger", Instant.parse("2026-02-10T06:00:00Z"));
        Set<Integer> all = Set.of(0, 1, 2);
        TopTalkersRequest global = request(10, null, false, null);
        TopTalkersRequest perSpoke = request(10, null, true, null);
        TopTalkersAnswer g = assemble(global, List.of(collect(all, reader(all), null, global).withProgress(marks, null)));
        TopTalkersAnswer s = assemble(perSpoke, List.of(collect(all, reader(all), null, perSpoke).withProgress(marks, null)));
        assertEquals(Instant.parse("2026-02-10T08:00:00Z"), g.covered().dataUntil(), "idle is a spoke; stranger is nobody");
        assertEquals(s.covered(), g.covered());
        inventory.remove("idle");
        TopTalkersAnswer without = assemble(global, List.of(collect(all, reader(all), null, global).withProgress(marks, null)));
        assertEquals(Instant.parse("2026-02-10T09:00:00Z"), without.covered().dataUntil(), "orphan has data");
    }
}
