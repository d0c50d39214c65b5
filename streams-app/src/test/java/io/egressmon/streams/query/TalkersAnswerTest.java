package io.egressmon.streams.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.report.GroupBy;
import io.egressmon.streams.talkers.Ranking;
import io.egressmon.streams.talkers.Role;
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
class TalkersAnswerTest {
    private static final Instant NOW = Instant.parse("2026-02-10T10:37:12Z");
    private static final int CAPACITY = 50;
    private static final Period PERIOD = Period.lastDays(7, NOW);
    private static final TalkerPlan PLAN = TalkerPlan.of(PERIOD.start(), PERIOD.end(), TalkerPlan.hourlySince(NOW));

    /** Window tables as two instances hold them: per partition, store key → the day's table. */
    private final Map<Integer, Map<String, TalkerTable>> partitions = new TreeMap<>();
    private final Map<String, GatewayInfo> inventory = new TreeMap<>();

    private void put(int partition, String gateway, Role role, Object... ipBytes) {
        TalkerTable t = TalkerTable.empty(CAPACITY);
        for (int i = 0; i < ipBytes.length; i += 2) {
            t = t.add((String) ipBytes[i], ((Number) ipBytes[i + 1]).longValue(), false);
        }
        partitions.computeIfAbsent(partition, p -> new TreeMap<>()).put(role.storeKey(gateway), t);
    }

    private TalkerWindowReader reader(Set<Integer> of) {
        return (store, from, to, sink) -> {
            if (store.equals(TalkersTopology.STORE_1D)) {
                of.forEach(p -> partitions.getOrDefault(p, Map.of()).forEach(sink));
            }
        };
    }

    private static GatewayInfo spoke(String name, String cloud) {
        return new GatewayInfo(name, "spoke", "acct", "vpc-" + name, "vpc-1~~vpc-" + name, "us-east-1", cloud, "transit-1",
                "grp", List.of(), Instant.parse("2026-02-01T00:00:00Z"));
    }

    /** Two instances, one with partitions 0 and 1, the other with 2, each merging its own spokes first. */
    private TalkersAnswer answer(TalkersQuery q) {
        List<TalkersPartial> partials = new ArrayList<>();
        for (Set<Integer> owned : List.of(Set.of(0, 1), Set.of(2))) {
            TalkersPartial p = TalkersPartial.collect("host" + owned, owned, PLAN, reader(owned), null,
                    TalkersPartial.grouping(q.perSpoke(), q.groupBy(), inventory), q.perSpoke(), q.top(), CAPACITY);
            partials.add(TalkersPartial.fromJson(p.toJson())); // as it travels between instances
        }
        PartitionCoverage.check(3, partials);
        return TalkersAnswer.assemble(q, PLAN, CAPACITY, partials, inventory);
    }

    private static List<String> ips(Ranking r) {
        return r.rows().stream().map(e -> e.ip() + "=" + e.bytes()).toList();
    }

    private void estate() {
        inventory.put("aws-1", spoke("aws-1", "AWS"));
        inventory.put("aws-2", spoke("aws-2", "AWS"));
        inventory.put("az-1", spoke("az-1", "Azure ARM"));
        inventory.put("idle", spoke("idle", "AWS"));
        put(0, "aws-1", Role.EXTERNAL, "8.8.8.8", 100, "1.1.1.1", 50);
        put(0, "aws-1", Role.INTERNAL, "10.0.0.1", 150);
        put(1, "az-1", Role.EXTERNAL, "8.8.8.8", 30, "9.9.9.9", 70);
        put(2, "aws-2", Role.EXTERNAL, "1.1.1.1", 60, "9.9.9.9", 5);
        put(2, "orphan", Role.INTERNAL, "10.0.0.9", 1);
    }

    @Test
    @DisplayName("the global ranking sums every spoke's bytes per IP across instances")
    void global() {
        estate();
        TalkersAnswer a = answer(new TalkersQuery(PERIOD, 10, null, false, null));
        assertEquals(List.of("8.8.8.8=130", "1.1.1.1=110", "9.9.9.9=75"), ips(a.global().destinations()));
        assertEquals(List.of("10.0.0.1=150", "10.0.0.9=1"), ips(a.global().sources()));
        assertFalse(a.approximate());
        assertEquals(PLAN.start(), a.periodStart());
        assertEquals(7, a.periodDays());
    }

    @Test
    @DisplayName("each group's ranking equals the merge of its members' own rankings when nothing is cut")
    void groupsAreTheMergeOfTheirMembers() {
        estate();
        TalkersAnswer grouped = answer(new TalkersQuery(PERIOD, 10, null, true, GroupBy.CLOUD));
        Map<String, TalkersAnswer.GroupTalkers> groups = new TreeMap<>();
        grouped.groups().forEach(g -> groups.put(g.name(), g));
        assertEquals(Set.of("AWS", "Azure ARM", "unknown"), groups.keySet());
        assertEquals(List.of("aws-1", "aws-2", "idle"), groups.get("AWS").gateways());
        for (TalkersAnswer.GroupTalkers g : grouped.groups()) {
            Map<String, Long> members = new HashMap<>();
            grouped.gateways().stream().filter(s -> g.gateways().contains(s.info().gateway()))
                    .forEach(s -> s.talkers().destinations().rows().forEach(e -> members.merge(e.ip(), e.bytes(), Long::sum)));
            Map<String, Long> group = new HashMap<>();
            g.talkers().destinations().rows().forEach(e -> group.put(e.ip(), e.bytes()));
            assertEquals(members, group, g.name());
        }
        assertEquals(List.of("1.1.1.1=110", "8.8.8.8=100", "9.9.9.9=5"), ips(groups.get("AWS").talkers().destinations()));
    }

    @Test
    @DisplayName("per spoke: every inventory spoke (empty without data) and every gateway with data, sorted by name")
    void perSpoke() {
        estate();
        TalkersAnswer a = answer(new TalkersQuery(PERIOD, 1, null, true, null));
        assertEquals(List.of("aws-1", "aws-2", "az-1", "idle", "orphan"),
                a.gateways().stream().map(s -> s.info().gateway()).toList());
        assertEquals(List.of("9.9.9.9=70"), ips(a.gateways().get(2).talkers().destinations()), "top=1");
        assertTrue(a.gateways().get(3).talkers().destinations().rows().isEmpty());
        assertEquals(null, a.global());
        assertTrue(a.groups().isEmpty());
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
            put(0, "spoke-" + g, Role.EXTERNAL, ips);
        }
        TalkersPartial p = TalkersPartial.collect("h", Set.of(0), PLAN, reader(Set.of(0)), null,
                TalkersPartial.grouping(false, null, inventory), false, 10, CAPACITY);
        TalkerTable all = p.groups().get(TalkersPartial.ALL).external();
        assertEquals(CAPACITY, all.size(), "800 IPs merged into one table of 50");
        assertFalse(all.exact());
        TalkersAnswer a = TalkersAnswer.assemble(new TalkersQuery(PERIOD, 10, null, false, null), PLAN, CAPACITY, List.of(p), inventory);
        assertTrue(a.approximate(), "a trimmed merge is reported as approximate");
        assertEquals(all.errorBound(), a.errorBound());
    }

    @Test
    @DisplayName("one gateway: its own rankings; unknown everywhere is a 404")
    void oneGateway() {
        estate();
        TalkersQuery q = new TalkersQuery(PERIOD, 10, "az-1", false, null);
        TalkersPartial mine = TalkersPartial.collect("h", Set.of(1), PLAN, reader(Set.of(0, 1, 2)), "az-1",
                TalkersPartial.grouping(false, null, inventory), false, 10, CAPACITY);
        assertEquals(List.of("9.9.9.9=70", "8.8.8.8=30"),
                ips(TalkersAnswer.assemble(q, PLAN, CAPACITY, List.of(mine), inventory).global().destinations()));
        NotFound e = assertThrows(NotFound.class, () -> TalkersAnswer.assemble(new TalkersQuery(PERIOD, 10, "nope", false, null),
                PLAN, CAPACITY, List.of(mine), inventory));
        assertEquals("gateway", e.parameter());
    }
}
