package io.egressmon.api.bandwidth;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.egressmon.api.GatewayAttributes;
import io.egressmon.api.Period;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /api/v1/bandwidth/series}: one gateway's points {@code step} apart on the UTC grid; the
 * period is the asked one widened to whole steps, and no point is prorated.
 */
public record SeriesAnswer(String report, String method, Instant periodStart, Instant periodEnd, int periodDays,
                           Step step, @JsonUnwrapped GatewayAttributes attributes, List<String> tunnelInterfaces,
                           List<SeriesPoint> points) {

    public static final String REPORT = "spoke_gateway_bandwidth_series";

    public SeriesAnswer {
        Period.requireReport(REPORT, report, periodStart, periodEnd);
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(attributes, "attributes");
        tunnelInterfaces = tunnelInterfaces == null ? List.of() : List.copyOf(tunnelInterfaces);
        points = List.copyOf(points);
    }

    public SeriesAnswer(Instant periodStart, Instant periodEnd, int periodDays, Step step, GatewayAttributes attributes,
                        List<String> tunnelInterfaces, List<SeriesPoint> points) {
        this(REPORT, BandwidthAnswer.METHOD, periodStart, periodEnd, periodDays, step, attributes, tunnelInterfaces, points);
    }
}
