package io.egressmon.api.bandwidth;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Objects;

/** All spokes of a bandwidth answer summed: the AGGREGATE block of the text report. */
public record Aggregate(int spokes, @JsonUnwrapped Bandwidth bandwidth) {
    public Aggregate {
        Objects.requireNonNull(bandwidth, "bandwidth");
    }
}
