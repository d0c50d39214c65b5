package io.egressmon.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A bandwidth report: the period, every spoke's bandwidth (sorted by gateway name, as the API sends
 * them) and, when {@code groupBy} is set, the groups the spokes fall into (sorted by name).
 *
 * @param periodStart start of the period (inclusive)
 * @param periodEnd   end of the period (exclusive)
 * @param periodDays  the period's length in days, as the seed prints it
 * @param gateways    one entry per spoke
 * @param groupBy     the {@link GroupBy#key()} the groups were made with, or null when not grouped
 * @param groups      the groups; empty when not grouped
 */
public record BandwidthReport(
        Instant periodStart,
        Instant periodEnd,
        int periodDays,
        List<SpokeBandwidth> gateways,
        String groupBy,
        List<GroupBandwidth> groups) {

    /** Python's {@code sorted()} on str: by code point, which differs from UTF-16 order only outside the BMP. */
    static final Comparator<String> PYTHON_STR_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    public BandwidthReport {
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        gateways = List.copyOf(gateways);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /** An ungrouped report. */
    public BandwidthReport(Instant periodStart, Instant periodEnd, int periodDays, List<SpokeBandwidth> gateways) {
        this(periodStart, periodEnd, periodDays, gateways, null, List.of());
    }

    /** Parses the JSON body of {@code GET /api/v1/bandwidth} (docs/design.md); see {@link BandwidthApiJson}. */
    public static BandwidthReport fromApiJson(String json) {
        return BandwidthApiJson.read(json);
    }

    /** True when the report carries groups. */
    public boolean grouped() {
        return groupBy != null;
    }

    /**
     * This report grouped by a seed key: {@code account, vpc, vpc_id, region, cloud, transit, group}.
     *
     * @throws IllegalArgumentException for any other key
     */
    public BandwidthReport groupBy(String key) {
        return groupBy(GroupBy.fromKey(key));
    }

    /**
     * This report grouped on {@code key}'s attribute: one group per distinct value, sorted by name, each
     * listing its spokes in report order and summing their values.
     */
    public BandwidthReport groupBy(GroupBy key) {
        Map<String, List<SpokeBandwidth>> members = new TreeMap<>(PYTHON_STR_ORDER);
        for (SpokeBandwidth spoke : gateways) {
            members.computeIfAbsent(key.groupOf(spoke), k -> new ArrayList<>()).add(spoke);
        }
        List<GroupBandwidth> grouped = members.entrySet().stream()
                .map(e -> GroupBandwidth.of(e.getKey(), e.getValue()))
                .toList();
        return new BandwidthReport(periodStart, periodEnd, periodDays, gateways, key.key(), grouped);
    }

    /** All spokes summed: the AGGREGATE block of the text report. */
    public GroupBandwidth aggregate() {
        return GroupBandwidth.of("all spokes", gateways);
    }
}
