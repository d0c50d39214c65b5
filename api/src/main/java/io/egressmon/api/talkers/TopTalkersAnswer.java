package io.egressmon.api.talkers;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.OptBoolean;
import io.egressmon.api.Covered;
import io.egressmon.api.GatewayAttributes;
import io.egressmon.api.GroupBy;
import io.egressmon.api.Period;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /api/v1/top-talkers}: the original script's JSON. {@code mode: global} carries
 * {@code destinations} and {@code sources}; {@code mode: per_spoke} carries {@code gateways}; a
 * grouped answer adds {@code group_by} and {@code groups}. Beyond the original: {@code top} always;
 * {@code approximate} and {@code error_bound_bytes} only when some ranking is not exact, and then
 * {@code truncated_input} when some input was a FlowIQ answer cut at its size.
 *
 * @param copilotFlowiqUrl CoPilot's FlowIQ page; empty when no CoPilot is configured
 * @param source           {@code netflow} when the rankings come from the collector's flows; absent for FlowIQ
 * @param covered          resolution, completeness, the asked bounds when the covered ones differ: a
 *                         table cannot be split in proportion to time, so edges are snapped to the grain
 *                         the data was stored at, never prorated
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TopTalkersAnswer(
        String report,
        String mode,
        Instant periodStart,
        Instant periodEnd,
        int periodDays,
        String copilotFlowiqUrl,
        @JsonProperty(isRequired = OptBoolean.FALSE) List<TalkerRow> destinations,
        @JsonProperty(isRequired = OptBoolean.FALSE) List<TalkerRow> sources,
        @JsonProperty(isRequired = OptBoolean.FALSE) List<SpokeTalkers> gateways,
        @JsonProperty(isRequired = OptBoolean.FALSE) GroupBy groupBy,
        @JsonProperty(isRequired = OptBoolean.FALSE) List<GroupTalkers> groups,
        int top,
        @JsonProperty(isRequired = OptBoolean.FALSE) Boolean approximate,
        @JsonProperty(isRequired = OptBoolean.FALSE) Long errorBoundBytes,
        @JsonProperty(isRequired = OptBoolean.FALSE) Boolean truncatedInput,
        @JsonProperty(isRequired = OptBoolean.FALSE) String source,
        @JsonUnwrapped Covered covered) {

    public static final String REPORT = "flowiq_top_talkers";
    public static final String GLOBAL = "global";
    public static final String PER_SPOKE = "per_spoke";

    public TopTalkersAnswer {
        Period.requireReport(REPORT, report, periodStart, periodEnd);
        Objects.requireNonNull(copilotFlowiqUrl, "copilot_flowiq_url");
        if (GLOBAL.equals(mode)) {
            destinations = checked(destinations, top, "destinations");
            sources = checked(sources, top, "sources");
        } else if (PER_SPOKE.equals(mode)) {
            gateways = List.copyOf(Objects.requireNonNull(gateways, "gateways"));
            for (SpokeTalkers s : gateways) {
                checked(s.destinations(), top, "destinations of " + s.gateway());
                checked(s.sources(), top, "sources of " + s.gateway());
            }
        } else {
            throw new IllegalArgumentException("mode is '" + mode + "', not " + GLOBAL + " or " + PER_SPOKE);
        }
        groups = groups == null ? null : List.copyOf(groups);
        if ((groupBy == null) != (groups == null)) {
            throw new IllegalArgumentException("group_by and groups come together");
        }
        if (source != null) {
            TalkerSource.fromKey(source);
        }
        Objects.requireNonNull(covered, "covered");
    }

    /** This answer, said to come from {@code from} (FlowIQ stays unsaid: the original scripts' answer). */
    public TopTalkersAnswer from(TalkerSource from) {
        return new TopTalkersAnswer(report, mode, periodStart, periodEnd, periodDays, copilotFlowiqUrl, destinations,
                sources, gateways, groupBy, groups, top, approximate, errorBoundBytes, truncatedInput,
                from == TalkerSource.FLOWIQ ? null : from.key(), covered);
    }

    /** The stderr lines of a report of this answer (see {@link Covered#warnings}), and approximation. */
    public List<String> warnings() {
        List<String> out = new ArrayList<>(covered.warnings(periodStart, periodEnd));
        if (Boolean.TRUE.equals(approximate)) {
            out.add("[WARN] Approximate: some ranking is not exact"
                    + (errorBoundBytes != null && errorBoundBytes > 0 ? "; bytes may be off by up to " + errorBoundBytes : "")
                    + (Boolean.TRUE.equals(truncatedInput) ? "; some FlowIQ answers were cut at EGRESSMON_FLOWIQ_SIZE keys" : ""));
        }
        return out;
    }

    /** A group's members and its rankings, before they become rows. */
    public record GroupRankings(String name, List<String> gateways, RoleRankings rankings) {
    }

    /**
     * The answer made of rankings: {@code global} for a global answer (null per spoke), else one
     * entry per spoke in {@code spokes} (in answer order); {@code groups} when {@code groupBy} is set.
     * Whether it is exact is read off every ranking.
     */
    public static TopTalkersAnswer of(Instant periodStart, Instant periodEnd, int periodDays, String copilotFlowiqUrl,
                                      int top, RoleRankings global, Map<GatewayAttributes, RoleRankings> spokes,
                                      GroupBy groupBy, List<GroupRankings> groups, Covered covered) {
        List<RoleRankings> all = new ArrayList<>();
        List<SpokeTalkers> rows = null;
        if (global != null) {
            all.add(global);
        } else {
            rows = new ArrayList<>();
            for (Map.Entry<GatewayAttributes, RoleRankings> spoke : spokes.entrySet()) {
                all.add(spoke.getValue());
                rows.add(new SpokeTalkers(spoke.getKey(), rows(spoke.getValue().destinations(), copilotFlowiqUrl),
                        rows(spoke.getValue().sources(), copilotFlowiqUrl)));
            }
        }
        List<GroupTalkers> grouped = null;
        if (groupBy != null) {
            grouped = new ArrayList<>();
            for (GroupRankings g : groups) {
                all.add(g.rankings());
                grouped.add(new GroupTalkers(g.name(), g.gateways(), rows(g.rankings().destinations(), copilotFlowiqUrl),
                        rows(g.rankings().sources(), copilotFlowiqUrl)));
            }
        }
        boolean approximate = all.stream().flatMap(RoleRankings::both).anyMatch(Ranking::approximate);
        boolean truncated = all.stream().flatMap(RoleRankings::both).anyMatch(Ranking::truncated);
        long errorBound = all.stream().flatMap(RoleRankings::both).mapToLong(Ranking::errorBound).max().orElse(0);
        return new TopTalkersAnswer(REPORT, global != null ? GLOBAL : PER_SPOKE, periodStart, periodEnd, periodDays,
                copilotFlowiqUrl, global == null ? null : rows(global.destinations(), copilotFlowiqUrl),
                global == null ? null : rows(global.sources(), copilotFlowiqUrl), rows, groupBy, grouped, top,
                approximate ? Boolean.TRUE : null, approximate ? errorBound : null,
                approximate && truncated ? Boolean.TRUE : null, null, covered);
    }

    private static List<TalkerRow> rows(Ranking ranking, String copilotFlowiqUrl) {
        List<TalkerRow> rows = new ArrayList<>();
        for (TalkerEntry e : ranking.rows()) {
            rows.add(TalkerRow.of(rows.size() + 1, e.ip(), e.bytes(), e.packets() > 0 ? e.packets() : null, copilotFlowiqUrl));
        }
        return rows;
    }

    public boolean perSpoke() {
        return PER_SPOKE.equals(mode);
    }

    public boolean grouped() {
        return groupBy != null;
    }

    /** A ranking longer than {@code top} means the answer does not match the question. */
    private static List<TalkerRow> checked(List<TalkerRow> ranking, int top, String what) {
        List<TalkerRow> copy = List.copyOf(Objects.requireNonNull(ranking, what));
        if (copy.size() > top) {
            throw new IllegalArgumentException(what + " has " + copy.size() + " rows, more than top=" + top);
        }
        return copy;
    }
}
