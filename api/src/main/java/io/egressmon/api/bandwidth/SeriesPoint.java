package io.egressmon.api.bandwidth;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.Objects;

/** One point of a series: the traffic of the windows starting in {@code [start, end)}, egress clamped per point. */
public record SeriesPoint(Instant start, Instant end, @JsonUnwrapped Traffic traffic) {
    public SeriesPoint {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(traffic, "traffic");
    }
}
