package io.egressmon.api.talkers;

import java.util.List;

/**
 * The top of a talker table, ranked, with what the table knows about its own accuracy.
 *
 * @param approximate the table dropped IPs for lack of room, or saw a truncated FlowIQ answer
 * @param errorBound  no listed count exceeds the truth by more than this, and no IP left out of the
 *                    table had more than this; 0 when exact
 * @param truncated   some input was a FlowIQ answer cut at its size (no bound known for what was cut)
 * @param rows        at most N entries in {@link TalkerEntry#RANKING} order; rank = index + 1
 */
public record Ranking(boolean approximate, long errorBound, boolean truncated, List<TalkerEntry> rows) {

    public static final Ranking EMPTY = new Ranking(false, 0, false, List.of());

    public Ranking {
        rows = List.copyOf(rows);
        if (errorBound < 0) {
            throw new IllegalArgumentException("negative error bound " + errorBound);
        }
    }
}
