package io.egressmon.api.talkers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** A group's two tables (internal): the external peers and the internal hosts. */
public record RoleTableData(@JsonProperty("EXTERNAL") TalkerTableData external,
                            @JsonProperty("INTERNAL") TalkerTableData internal) {
    public RoleTableData {
        Objects.requireNonNull(external, "EXTERNAL");
        Objects.requireNonNull(internal, "INTERNAL");
    }
}
