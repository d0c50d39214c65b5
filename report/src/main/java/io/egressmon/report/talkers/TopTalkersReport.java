package io.egressmon.report.talkers;

import java.time.Instant;
import java.util.List;

/**
 * The global top talkers over all spokes (or the one {@code --gateway}): the seed's default report.
 *
 * @param periodStart      start of the period (inclusive)
 * @param periodEnd        end of the period (exclusive)
 * @param periodDays       the period's length in days, as printed
 * @param copilotFlowiqUrl CoPilot's FlowIQ overview page, repeated on every CSV row
 * @param top              how many rows each ranking was asked for
 * @param destinations     external addresses, biggest first
 * @param sources          internal addresses, biggest first
 */
public record TopTalkersReport(
        Instant periodStart,
        Instant periodEnd,
        int periodDays,
        String copilotFlowiqUrl,
        int top,
        List<RankedTalker> destinations,
        List<RankedTalker> sources) implements TalkersReport {

    public TopTalkersReport {
        checkPeriodAndTop(periodStart, periodEnd, periodDays, copilotFlowiqUrl, top);
        destinations = checkRanking(destinations, top, "destinations");
        sources = checkRanking(sources, top, "sources");
    }

    @Override
    public String mode() {
        return GLOBAL;
    }

    @Override
    public TopTalkersReport withTop(int newTop) {
        return new TopTalkersReport(periodStart, periodEnd, periodDays, copilotFlowiqUrl, newTop, destinations, sources);
    }

    /** Checks shared by both kinds of report (package-private: not part of the API). */
    static void checkPeriodAndTop(Instant start, Instant end, int days, String url, int top) {
        if (start == null || end == null) {
            throw new IllegalArgumentException("a top-talkers report needs a period start and end");
        }
        if (url == null) {
            throw new IllegalArgumentException("a top-talkers report needs copilot_flowiq_url");
        }
        if (days < 0) {
            throw new IllegalArgumentException("period_days must not be negative, got " + days);
        }
        if (top < 1) {
            throw new IllegalArgumentException("top must be at least 1, got " + top);
        }
    }

    /** A ranking longer than {@code top} means the answer does not match the question. */
    static List<RankedTalker> checkRanking(List<RankedTalker> ranking, int top, String what) {
        List<RankedTalker> copy = List.copyOf(ranking);
        if (copy.size() > top) {
            throw new IllegalArgumentException(what + " has " + copy.size() + " rows, more than top=" + top);
        }
        return copy;
    }
}
