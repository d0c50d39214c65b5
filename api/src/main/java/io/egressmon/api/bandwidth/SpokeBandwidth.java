package io.egressmon.api.bandwidth;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.egressmon.api.GatewayAttributes;
import java.util.List;
import java.util.Objects;

/** One spoke's row of a bandwidth answer: its name and attributes, its tunnels, its traffic. */
public record SpokeBandwidth(@JsonUnwrapped GatewayAttributes attributes, List<String> tunnelInterfaces,
                             @JsonUnwrapped Traffic traffic) {

    public SpokeBandwidth {
        Objects.requireNonNull(attributes, "attributes");
        tunnelInterfaces = tunnelInterfaces == null ? List.of() : List.copyOf(tunnelInterfaces);
        Objects.requireNonNull(traffic, "traffic");
    }

    public String gateway() {
        return attributes.gateway();
    }
}
