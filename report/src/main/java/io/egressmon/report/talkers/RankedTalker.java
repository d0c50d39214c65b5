package io.egressmon.report.talkers;

import io.egressmon.report.HumanBytes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One row of a top-talkers ranking: an external destination or an internal source and the bytes it
 * exchanged with the internet over the period (both flow directions summed, as the seed does).
 *
 * @param rank    position in the ranking, from 1
 * @param ip      the address, as FlowIQ keys it
 * @param bytes   bytes over the period
 * @param isCgnat whether {@code ip} is in 100.64.0.0/10; the text report marks such rows {@code [CGNAT]}
 */
public record RankedTalker(int rank, String ip, long bytes, boolean isCgnat) {

    public RankedTalker {
        Objects.requireNonNull(ip, "ip");
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be at least 1, got " + rank + " for " + ip);
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative, got " + bytes + " for " + ip);
        }
    }

    /** The bytes as the reports print them, e.g. {@code 109.04 GB}. */
    public String humanReadable() {
        return HumanBytes.format(bytes);
    }

    /**
     * What to paste into CoPilot's FlowIQ filter bar: the address itself. CoPilot has no deep links
     * into FlowIQ, so the seed's reports give this and the overview URL instead of a filtered link.
     */
    public String flowiqFilter() {
        return ip;
    }

    /** This row at another rank. */
    public RankedTalker withRank(int newRank) {
        return new RankedTalker(newRank, ip, bytes, isCgnat);
    }

    /**
     * Several rankings merged as the seed merges a group's spokes: bytes summed per address, sorted by
     * bytes descending with ties in order of first appearance, cut to {@code top} and ranked again from 1.
     * An address keeps the CGNAT flag of its first appearance (the flag depends only on the address).
     *
     * <p>Each input is itself a top-N, so an address just outside one spoke's top-N is missing from the
     * sum; that is the seed's approximation, kept so grouped reports read the same.
     */
    public static List<RankedTalker> merge(List<List<RankedTalker>> rankings, int top) {
        if (top < 1) {
            throw new IllegalArgumentException("top must be at least 1, got " + top);
        }
        Map<String, RankedTalker> byIp = new LinkedHashMap<>();
        for (List<RankedTalker> ranking : rankings) {
            for (RankedTalker t : ranking) {
                byIp.merge(t.ip(), t, (first, more) ->
                        new RankedTalker(first.rank(), first.ip(), Math.addExact(first.bytes(), more.bytes()), first.isCgnat()));
            }
        }
        // List.sort is stable, so equal byte counts keep their first-appearance order, as Python's sorted().
        List<RankedTalker> sorted = new ArrayList<>(byIp.values());
        sorted.sort(Comparator.comparingLong(RankedTalker::bytes).reversed());
        List<RankedTalker> ranked = new ArrayList<>();
        for (int i = 0; i < Math.min(top, sorted.size()); i++) {
            ranked.add(sorted.get(i).withRank(i + 1));
        }
        return List.copyOf(ranked);
    }
}
