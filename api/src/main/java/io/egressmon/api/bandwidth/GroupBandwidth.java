package io.egressmon.api.bandwidth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Objects;

/** One group of a grouped bandwidth answer: its spokes, in answer order, and their bandwidth summed. */
@JsonPropertyOrder({"name", "spokes", "gateways"})
public record GroupBandwidth(String name, List<String> gateways, @JsonUnwrapped Bandwidth bandwidth) {

    public GroupBandwidth {
        Objects.requireNonNull(name, "name");
        gateways = List.copyOf(gateways);
        Objects.requireNonNull(bandwidth, "bandwidth");
    }

    /** The group of {@code members}, their bandwidth summed. */
    public static GroupBandwidth of(String name, List<SpokeBandwidth> members) {
        return new GroupBandwidth(name, members.stream().map(SpokeBandwidth::gateway).toList(), sum(members));
    }

    static Bandwidth sum(List<SpokeBandwidth> members) {
        Bandwidth sum = Bandwidth.ZERO;
        for (SpokeBandwidth s : members) {
            sum = sum.plus(s.traffic().bandwidth());
        }
        return sum;
    }

    /** How many spokes the group holds. */
    @JsonProperty
    public int spokes() {
        return gateways.size();
    }
}
