package io.egressmon.streams.query;

import io.egressmon.api.bandwidth.RawTotals;
import java.time.Instant;
import java.util.Map;

/** Reads window totals: the local stores, a prefetched copy, or a test's table. */
public interface WindowReader {
    /** Which side of a window an edge of the period is. */
    enum Edge { START, END }

    /**
     * Per gateway, the sum of the raw totals of the {@code grain} windows whose start lies in
     * {@code [from, to)}; gateways without such windows are absent.
     */
    Map<String, RawTotals> sum(Grain grain, Instant from, Instant to);

    /**
     * Per gateway, the bytes of increases spread over the {@code edge} of the {@code grain} window
     * starting at {@code windowStart} (its {@code open_start_bytes} or {@code open_end_bytes}): what a
     * period with that edge may misplace. Gateways with none are absent.
     */
    default Map<String, Long> open(Grain grain, Instant windowStart, Edge edge) {
        return Map.of();
    }

    /**
     * Per gateway, the latest snapshot instant processed ({@code counter-progress}), PROGRESS marks of
     * gateways without readings included, as of the last commit: never ahead of the windows read.
     */
    default Map<String, Instant> progress() {
        return Map.of();
    }
}
