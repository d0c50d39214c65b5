package io.egressmon.streams.query;

import io.egressmon.api.bandwidth.RawTotals;
import java.time.Instant;
import java.util.Map;

/** Reads window totals: the local stores, a prefetched copy, or a test's table. */
@FunctionalInterface
public interface WindowReader {
    /**
     * Per gateway, the sum of the raw totals of the {@code grain} windows whose start lies in
     * {@code [from, to)}; gateways without such windows are absent.
     */
    Map<String, RawTotals> sum(Grain grain, Instant from, Instant to);
}
