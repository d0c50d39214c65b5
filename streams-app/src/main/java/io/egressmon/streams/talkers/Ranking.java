package io.egressmon.streams.talkers;

import java.util.List;

/**
 * The top of a {@link TalkerTable}, ranked, with what the table knows about its own accuracy.
 *
 * @param rows        at most N entries by {@link TalkerTable#RANKING}; rank = index + 1
 * @param approximate the table dropped IPs for lack of room, or saw a truncated FlowIQ answer
 * @param errorBound  no listed count exceeds the truth by more than this, and no IP left out of
 *                    the table had more than this ({@link TalkerTable#missingBound()}); 0 when exact
 * @param truncated   some input was a FlowIQ answer cut at its size (no bound known for what was cut)
 */
public record Ranking(List<TalkerTable.Entry> rows, boolean approximate, long errorBound, boolean truncated) {

    public static final Ranking EMPTY = new Ranking(List.of(), false, 0, false);

    public Ranking {
        rows = List.copyOf(rows);
        if (errorBound < 0) {
            throw new IllegalArgumentException("negative error bound " + errorBound);
        }
    }

    public static Ranking of(TalkerTable table, int n) {
        List<TalkerTable.Entry> rows = table.top(n);
        long bound = table.missingBound();
        for (TalkerTable.Entry e : rows) {
            bound = Math.max(bound, e.error());
        }
        return new Ranking(rows, !table.exact() || table.truncated(), bound, table.truncated());
    }
}
