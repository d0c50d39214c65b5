package io.egressmon.api.cost;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Objects;

/** All spokes of a cost answer summed. */
public record CostAggregate(int spokes, @JsonUnwrapped CostAmounts amounts) {
    public CostAggregate {
        Objects.requireNonNull(amounts, "amounts");
    }
}
