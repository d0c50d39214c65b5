package io.egressmon.api.talkers;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.egressmon.api.GatewayAttributes;
import java.util.List;
import java.util.Objects;

/** One spoke's top talkers in a per-spoke answer, with its attributes. */
public record SpokeTalkers(@JsonUnwrapped GatewayAttributes attributes, List<TalkerRow> destinations,
                           List<TalkerRow> sources) {
    public SpokeTalkers {
        Objects.requireNonNull(attributes, "attributes");
        destinations = List.copyOf(destinations);
        sources = List.copyOf(sources);
    }

    public String gateway() {
        return attributes.gateway();
    }
}
