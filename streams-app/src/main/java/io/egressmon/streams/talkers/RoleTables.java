package io.egressmon.streams.talkers;

import io.egressmon.api.talkers.RoleRankings;
import io.egressmon.api.talkers.RoleTableData;
import io.egressmon.avro.TalkerRole;
import java.util.Objects;

/** One table per role: what a spoke, a group or everything talked to (external) and from (internal). */
public record RoleTables(TalkerTable external, TalkerTable internal) {

    public RoleTables {
        Objects.requireNonNull(external, "external");
        Objects.requireNonNull(internal, "internal");
    }

    public TalkerTable of(TalkerRole role) {
        return role == TalkerRole.EXTERNAL ? external : internal;
    }

    /** The top {@code n} of both roles: destinations are the external peers, sources the internal hosts. */
    public RoleRankings rank(int n) {
        return new RoleRankings(external.rank(n), internal.rank(n));
    }

    public RoleTableData toData() {
        return new RoleTableData(external.toData(), internal.toData());
    }

    public static RoleTables of(RoleTableData data) {
        return new RoleTables(TalkerTable.of(data.external()), TalkerTable.of(data.internal()));
    }

    /** IPs held by both tables. */
    public int size() {
        return external.size() + internal.size();
    }

    /** A running {@link TalkerTable#mergeAll} of both roles' tables. */
    public static final class Merger {
        private final TalkerTable.Merger external;
        private final TalkerTable.Merger internal;

        public Merger(int capacity) {
            external = new TalkerTable.Merger(capacity);
            internal = new TalkerTable.Merger(capacity);
        }

        /** Adds {@code table} to its role's sum. */
        public Merger add(TalkerRole role, TalkerTable table) {
            (role == TalkerRole.EXTERNAL ? external : internal).add(table);
            return this;
        }

        /** Adds both tables to their roles' sums. */
        public Merger add(RoleTables tables) {
            external.add(tables.external);
            internal.add(tables.internal);
            return this;
        }

        public RoleTables result() {
            return new RoleTables(external.result(), internal.result());
        }
    }
}
