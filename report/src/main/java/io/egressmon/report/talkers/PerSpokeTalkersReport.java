package io.egressmon.report.talkers;

import io.egressmon.report.GroupBy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Top talkers per spoke ({@code --per-spoke}), optionally grouped ({@code --group-by}).
 *
 * @param periodStart      start of the period (inclusive)
 * @param periodEnd        end of the period (exclusive)
 * @param periodDays       the period's length in days, as printed
 * @param copilotFlowiqUrl CoPilot's FlowIQ overview page
 * @param top              how many rows each ranking was asked for
 * @param gateways         one entry per spoke, in the API's order (by name)
 * @param groupBy          the {@link GroupBy#key()} the groups were made with, or null when not grouped
 * @param groups           the groups, sorted by name; empty when not grouped
 */
public record PerSpokeTalkersReport(
        Instant periodStart,
        Instant periodEnd,
        int periodDays,
        String copilotFlowiqUrl,
        int top,
        List<SpokeTalkers> gateways,
        String groupBy,
        List<GroupTalkers> groups) implements TalkersReport {

    /** Python's {@code sorted()} on str compares code points; Java's compareTo compares UTF-16 units. */
    private static final Comparator<String> CODE_POINT_ORDER =
            (a, b) -> Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());

    public PerSpokeTalkersReport {
        TopTalkersReport.checkPeriodAndTop(periodStart, periodEnd, periodDays, copilotFlowiqUrl, top);
        gateways = List.copyOf(gateways);
        for (SpokeTalkers s : gateways) {
            TopTalkersReport.checkRanking(s.destinations(), top, "destinations of gateway '" + s.gateway() + "'");
            TopTalkersReport.checkRanking(s.sources(), top, "sources of gateway '" + s.gateway() + "'");
        }
        groups = groups == null ? List.of() : List.copyOf(groups);
        if (groupBy == null && !groups.isEmpty()) {
            throw new IllegalArgumentException("groups without group_by");
        }
        for (GroupTalkers g : groups) {
            TopTalkersReport.checkRanking(g.destinations(), top, "destinations of group '" + g.name() + "'");
            TopTalkersReport.checkRanking(g.sources(), top, "sources of group '" + g.name() + "'");
        }
    }

    /** An ungrouped report. */
    public PerSpokeTalkersReport(Instant periodStart, Instant periodEnd, int periodDays, String copilotFlowiqUrl,
                                 int top, List<SpokeTalkers> gateways) {
        this(periodStart, periodEnd, periodDays, copilotFlowiqUrl, top, gateways, null, List.of());
    }

    @Override
    public String mode() {
        return PER_SPOKE;
    }

    /** True when the report carries groups. */
    public boolean grouped() {
        return groupBy != null;
    }

    /** The same report with another {@code top}; groups are kept as they are, so group after setting it. */
    @Override
    public PerSpokeTalkersReport withTop(int newTop) {
        return new PerSpokeTalkersReport(periodStart, periodEnd, periodDays, copilotFlowiqUrl, newTop, gateways,
                groupBy, groups);
    }

    /**
     * This report grouped by a seed key: {@code account, vpc, vpc_id, region, cloud, transit, group}.
     *
     * @throws IllegalArgumentException for any other key
     */
    public PerSpokeTalkersReport groupBy(String key) {
        return groupBy(GroupBy.fromKey(key));
    }

    /**
     * This report grouped on {@code key}'s attribute: one group per distinct value, sorted by name (as
     * the bandwidth report's groups), each listing its spokes in report order and merging their rankings.
     */
    public PerSpokeTalkersReport groupBy(GroupBy key) {
        Map<String, List<SpokeTalkers>> members = new TreeMap<>(CODE_POINT_ORDER);
        for (SpokeTalkers spoke : gateways) {
            members.computeIfAbsent(spoke.groupOf(key), k -> new ArrayList<>()).add(spoke);
        }
        List<GroupTalkers> grouped = members.entrySet().stream()
                .map(e -> GroupTalkers.of(e.getKey(), e.getValue(), top))
                .toList();
        return new PerSpokeTalkersReport(periodStart, periodEnd, periodDays, copilotFlowiqUrl, top, gateways,
                key.key(), grouped);
    }
}
