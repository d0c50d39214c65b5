package io.egressmon.api.bandwidth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.OptBoolean;
import io.egressmon.api.GatewayAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One spoke's row of a bandwidth answer: its name and attributes, its tunnels, its traffic, and what
 * that traffic stands on.
 *
 * @param hasMetrics      false when CoPilot gave no counter readings of the gateway in the period:
 *                        its zeros then mean "unknown", not "no traffic" (the original script leaves
 *                        such a gateway out and warns {@code [WARN] No metrics for NAME})
 * @param dataUntil       the gateway's last reading, capped at the period's end; null when none
 * @param errorBoundBytes the most its four raw counters together may be off (0: exact)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SpokeBandwidth(@JsonUnwrapped GatewayAttributes attributes, List<String> tunnelInterfaces,
                             @JsonUnwrapped Traffic traffic,
                             @JsonProperty(isRequired = OptBoolean.FALSE) Boolean hasMetrics,
                             @JsonProperty(isRequired = OptBoolean.FALSE) Instant dataUntil,
                             @JsonProperty(isRequired = OptBoolean.FALSE) Long errorBoundBytes) {

    public SpokeBandwidth {
        Objects.requireNonNull(attributes, "attributes");
        tunnelInterfaces = tunnelInterfaces == null ? List.of() : List.copyOf(tunnelInterfaces);
        Objects.requireNonNull(traffic, "traffic");
        hasMetrics = hasMetrics == null || hasMetrics;
        errorBoundBytes = errorBoundBytes == null ? 0L : errorBoundBytes;
    }

    /** A row with metrics, exact, whose data horizon is not known (tests, and answers of older servers). */
    public SpokeBandwidth(GatewayAttributes attributes, List<String> tunnelInterfaces, Traffic traffic) {
        this(attributes, tunnelInterfaces, traffic, true, null, 0L);
    }

    public String gateway() {
        return attributes.gateway();
    }

    /** Same as {@code hasMetrics()}, unboxed. */
    public boolean metrics() {
        return hasMetrics;
    }
}
