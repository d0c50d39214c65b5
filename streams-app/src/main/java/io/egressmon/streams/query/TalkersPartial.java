package io.egressmon.streams.query;

import io.egressmon.report.GroupBy;
import io.egressmon.streams.talkers.Ranking;
import io.egressmon.streams.talkers.Role;
import io.egressmon.streams.talkers.RoleRankings;
import io.egressmon.streams.talkers.RoleTables;
import io.egressmon.streams.talkers.TalkerTable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What one instance answers to a top-talkers fan-out for the partitions it hosts actively. Every
 * instance first merges its own spokes, so what travels is bounded: one table per group and role
 * (at most the capacity each), and per spoke only its top-N — never a partition's raw windows, and
 * never one key that carries everything.
 *
 * @param host       who answered (for messages)
 * @param partitions the partitions covered
 * @param gateways   the gateways with data in the period on those partitions
 * @param spokes     per gateway, its rankings (only for per-spoke questions)
 * @param groups     per group, its merged tables (for global questions: the one group {@link #ALL})
 */
public record TalkersPartial(String host, Set<Integer> partitions, SortedSet<String> gateways,
                             Map<String, RoleRankings> spokes, Map<String, RoleTables> groups) implements CoveredPartitions {

    /** The one group of an ungrouped question: everything. */
    public static final String ALL = "*";

    public TalkersPartial {
        Objects.requireNonNull(host, "host");
        partitions = Set.copyOf(partitions);
        gateways = new TreeSet<>(gateways);
        spokes = Map.copyOf(spokes);
        groups = Map.copyOf(groups);
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
    public static TalkersPartial collect(String host, Set<Integer> partitions, TalkerPlan plan, TalkerWindowReader reader,
                                         String only, Function<String, String> groupOf, boolean perSpoke, int top,
                                         int capacity) {
        SortedSet<String> gateways = new TreeSet<>();
        Map<String, TalkerTable.Merger[]> bySpoke = new TreeMap<>();
        Map<String, TalkerTable.Merger[]> byGroup = new TreeMap<>();
        Map<String, String> groupCache = new TreeMap<>();
        plan.forEachTable(reader, (key, table) -> {
            Role.Keyed k = Role.parseStoreKey(key);
            if (only != null && !only.equals(k.gateway())) {
                return;
            }
            gateways.add(k.gateway());
            int role = k.role().ordinal();
            if (perSpoke) {
                bySpoke.computeIfAbsent(k.gateway(), g -> mergers(capacity))[role].add(table);
            }
            if (groupOf != null) {
                String group = groupCache.computeIfAbsent(k.gateway(), groupOf);
                byGroup.computeIfAbsent(group, g -> mergers(capacity))[role].add(table);
            }
        });
        Map<String, RoleRankings> spokes = new TreeMap<>();
        bySpoke.forEach((gateway, m) -> spokes.put(gateway, tables(m).rank(top)));
        Map<String, RoleTables> groups = new TreeMap<>();
        byGroup.forEach((group, m) -> groups.put(group, tables(m)));
        return new TalkersPartial(host, partitions, gateways, spokes, groups);
    }

    /**
     * The {@code groupOf} of {@link #collect} for a question: none for ungrouped per-spoke rankings,
     * the one group {@link #ALL} for a global ranking, else the gateway's group by {@code inventory}
     * (gateways it lacks join {@link GroupBy#MISSING_VALUE}).
     */
    public static Function<String, String> grouping(boolean perSpoke, GroupBy groupBy, Map<String, GatewayInfo> inventory) {
        if (groupBy == null) {
            return perSpoke ? null : g -> ALL;
        }
        return g -> TalkersAnswer.groupOf(groupBy, inventory.getOrDefault(g, GatewayInfo.unknown(g)));
    }

    private static TalkerTable.Merger[] mergers(int capacity) {
        TalkerTable.Merger[] m = new TalkerTable.Merger[Role.values().length];
        for (int i = 0; i < m.length; i++) {
            m[i] = new TalkerTable.Merger(capacity);
        }
        return m;
    }

    private static RoleTables tables(TalkerTable.Merger[] m) {
        return new RoleTables(m[Role.EXTERNAL.ordinal()].result(), m[Role.INTERNAL.ordinal()].result());
    }

    /** The body of {@code GET /internal/v1/talkers/partial}. */
    public JsonObject toJson() {
        JsonObject spokesJson = new JsonObject();
        new TreeMap<>(spokes).forEach((gateway, r) -> spokesJson.put(gateway, new JsonObject()
                .put(Role.EXTERNAL.listName(), ranking(r.destinations()))
                .put(Role.INTERNAL.listName(), ranking(r.sources()))));
        JsonObject groupsJson = new JsonObject();
        new TreeMap<>(groups).forEach((group, t) -> groupsJson.put(group, new JsonObject()
                .put(Role.EXTERNAL.name(), table(t.external()))
                .put(Role.INTERNAL.name(), table(t.internal()))));
        return new JsonObject()
                .put("host", host)
                .put("partitions", new JsonArray(new TreeSet<>(partitions).stream().map(p -> (Object) p).toList()))
                .put("gateways", new JsonArray(List.copyOf(gateways)))
                .put("spokes", spokesJson)
                .put("groups", groupsJson);
    }

    /** Reads {@link #toJson()}'s shape; a field missing or of the wrong type is an error, not an empty answer. */
    public static TalkersPartial fromJson(JsonObject json) {
        try {
            Set<Integer> partitions = new TreeSet<>();
            for (Object p : json.getJsonArray("partitions")) {
                partitions.add(((Number) p).intValue());
            }
            SortedSet<String> gateways = new TreeSet<>();
            for (Object g : json.getJsonArray("gateways")) {
                gateways.add((String) Objects.requireNonNull(g, "gateway"));
            }
            Map<String, RoleRankings> spokes = new TreeMap<>();
            JsonObject spokesJson = json.getJsonObject("spokes");
            for (String gateway : spokesJson.fieldNames()) {
                JsonObject r = spokesJson.getJsonObject(gateway);
                spokes.put(gateway, new RoleRankings(ranking(required(r, Role.EXTERNAL.listName())),
                        ranking(required(r, Role.INTERNAL.listName()))));
            }
            Map<String, RoleTables> groups = new TreeMap<>();
            JsonObject groupsJson = json.getJsonObject("groups");
            for (String group : groupsJson.fieldNames()) {
                JsonObject t = groupsJson.getJsonObject(group);
                groups.put(group, new RoleTables(table(required(t, Role.EXTERNAL.name())),
                        table(required(t, Role.INTERNAL.name()))));
            }
            return new TalkersPartial(Objects.requireNonNull(json.getString("host"), "host"), partitions, gateways,
                    spokes, groups);
        } catch (RuntimeException e) {
            String text = json.encode();
            throw new IllegalStateException("unreadable talkers partial answer from another instance: " + e.getMessage()
                    + ": " + (text.length() <= 300 ? text : text.substring(0, 300) + "…"), e);
        }
    }

    private static JsonObject ranking(Ranking r) {
        return new JsonObject()
                .put("approximate", r.approximate())
                .put("error_bound", r.errorBound())
                .put("truncated", r.truncated())
                .put("rows", entries(r.rows()));
    }

    private static Ranking ranking(JsonObject json) {
        return new Ranking(entries(json.getJsonArray("rows")), requiredBoolean(json, "approximate"),
                requiredLong(json, "error_bound"), requiredBoolean(json, "truncated"));
    }

    private static JsonObject table(TalkerTable t) {
        return new JsonObject()
                .put("capacity", t.capacity())
                .put("total_bytes", t.totalBytes())
                .put("missing_bound", t.missingBound())
                .put("truncated", t.truncated())
                .put("entries", entries(t.entries()));
    }

    private static TalkerTable table(JsonObject json) {
        return TalkerTable.of((int) requiredLong(json, "capacity"), requiredLong(json, "total_bytes"),
                requiredLong(json, "missing_bound"), requiredBoolean(json, "truncated"), entries(json.getJsonArray("entries")));
    }

    /** Entries as {@code [ip, bytes, error]} triples: a table is thousands of them. */
    private static JsonArray entries(List<TalkerTable.Entry> entries) {
        JsonArray out = new JsonArray();
        for (TalkerTable.Entry e : entries) {
            out.add(new JsonArray().add(e.ip()).add(e.bytes()).add(e.error()));
        }
        return out;
    }

    private static List<TalkerTable.Entry> entries(JsonArray json) {
        List<TalkerTable.Entry> out = new ArrayList<>(json.size());
        for (int i = 0; i < json.size(); i++) {
            JsonArray e = json.getJsonArray(i);
            out.add(new TalkerTable.Entry(e.getString(0), e.getLong(1), e.getLong(2)));
        }
        return out;
    }

    private static JsonObject required(JsonObject o, String field) {
        return Objects.requireNonNull(o.getJsonObject(field), "missing " + field);
    }

    private static long requiredLong(JsonObject o, String field) {
        return Objects.requireNonNull(o.getLong(field), "missing " + field);
    }

    private static boolean requiredBoolean(JsonObject o, String field) {
        return Objects.requireNonNull(o.getBoolean(field), "missing " + field);
    }
}
