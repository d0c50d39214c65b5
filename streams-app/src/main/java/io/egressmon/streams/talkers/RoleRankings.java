package io.egressmon.streams.talkers;

import java.util.Objects;

/** The seed's two lists: top destinations (external IPs) and top sources (internal IPs). */
public record RoleRankings(Ranking destinations, Ranking sources) {

    public RoleRankings {
        Objects.requireNonNull(destinations, "destinations");
        Objects.requireNonNull(sources, "sources");
    }

    public static final RoleRankings EMPTY = new RoleRankings(Ranking.EMPTY, Ranking.EMPTY);

    public Ranking of(Role role) {
        return role == Role.EXTERNAL ? destinations : sources;
    }
}
