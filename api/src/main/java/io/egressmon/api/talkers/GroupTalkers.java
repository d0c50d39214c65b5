package io.egressmon.api.talkers;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * One group of a grouped top-talkers answer: its member spokes and its rankings, merged from the
 * members' full tables (not from their top-N, which would lose an address ranked just below N in
 * every member).
 */
@JsonPropertyOrder({"name", "spokes", "gateways"})
public record GroupTalkers(String name, List<String> gateways, List<TalkerRow> destinations,
                           List<TalkerRow> sources) {
    public GroupTalkers {
        Objects.requireNonNull(name, "name");
        gateways = List.copyOf(gateways);
        destinations = List.copyOf(destinations);
        sources = List.copyOf(sources);
    }

    @JsonProperty
    public int spokes() {
        return gateways.size();
    }
}
