package io.egressmon.api.talkers;

import java.util.Objects;
import java.util.stream.Stream;

/** The original scripts' two lists: top destinations (external IPs) and top sources (internal IPs). */
public record RoleRankings(Ranking destinations, Ranking sources) {

    public static final RoleRankings EMPTY = new RoleRankings(Ranking.EMPTY, Ranking.EMPTY);

    public RoleRankings {
        Objects.requireNonNull(destinations, "destinations");
        Objects.requireNonNull(sources, "sources");
    }

    public Stream<Ranking> both() {
        return Stream.of(destinations, sources);
    }
}
