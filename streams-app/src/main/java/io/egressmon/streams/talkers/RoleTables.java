package io.egressmon.streams.talkers;

import java.util.Objects;

/** One table per {@link Role}: what a spoke, a group or everything talked to and from. */
public record RoleTables(TalkerTable external, TalkerTable internal) {

    public RoleTables {
        Objects.requireNonNull(external, "external");
        Objects.requireNonNull(internal, "internal");
    }

    public static RoleTables empty(int capacity) {
        TalkerTable empty = TalkerTable.empty(capacity);
        return new RoleTables(empty, empty);
    }

    public TalkerTable of(Role role) {
        return role == Role.EXTERNAL ? external : internal;
    }

    public RoleTables with(Role role, TalkerTable table) {
        return role == Role.EXTERNAL ? new RoleTables(table, internal) : new RoleTables(external, table);
    }

    /** The top {@code n} of both roles. */
    public RoleRankings rank(int n) {
        return new RoleRankings(Ranking.of(external, n), Ranking.of(internal, n));
    }
}
