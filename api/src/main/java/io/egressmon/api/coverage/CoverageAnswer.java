package io.egressmon.api.coverage;

import io.egressmon.api.Period;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /api/v1/coverage}: per gateway that exported flows, flow egress ÷ counter egress, step by
 * step ({@code resolution}: PT1H, or PT5M for the last two days). Steps are compared only when complete
 * (see {@link GatewayCoverage}), so a period that ends now covers up to the last whole step that ended
 * a few minutes ago, once both the counters and the flows of it are in ({@code period_end} says where).
 *
 * @param bandLow  coverage below this flags the gateway {@code sampling_suspect}
 * @param bandHigh coverage above this flags it too
 */
public record CoverageAnswer(String report, Instant periodStart, Instant periodEnd, int periodDays, String resolution,
                             double bandLow, double bandHigh, List<GatewayCoverage> gateways) {
    public static final String REPORT = "flow_coverage";

    public CoverageAnswer {
        Period.requireReport(REPORT, report, periodStart, periodEnd);
        Objects.requireNonNull(resolution, "resolution");
        gateways = List.copyOf(gateways);
    }
}
