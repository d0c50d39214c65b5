package io.egressmon.api.cost;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Objects;

/** One group of a grouped cost answer: its spokes, in answer order, and their cost summed. */
@JsonPropertyOrder({"name", "spokes", "gateways"})
public record GroupCost(String name, List<String> gateways, @JsonUnwrapped CostAmounts amounts) {
    public GroupCost {
        Objects.requireNonNull(name, "name");
        gateways = List.copyOf(gateways);
        Objects.requireNonNull(amounts, "amounts");
    }

    /** How many spokes the group holds. */
    @JsonProperty
    public int spokes() {
        return gateways.size();
    }
}
