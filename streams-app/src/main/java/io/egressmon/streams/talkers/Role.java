package io.egressmon.streams.talkers;

import io.egressmon.avro.TalkerRole;
import java.util.Objects;

/**
 * Which side of a spoke's egress an IP is on: the seed's "destinations" (public peers) and
 * "sources" (internal hosts generating egress). Mapped once from the Avro {@link TalkerRole}.
 */
public enum Role {
    /** A public peer: the seed's destinations. */
    EXTERNAL("destinations"),
    /** An RFC1918 host talking to the internet: the seed's sources. */
    INTERNAL("sources");

    private final String listName;

    Role(String listName) {
        this.listName = listName;
    }

    /** The name of this role's list in the reports: {@code destinations} or {@code sources}. */
    public String listName() {
        return listName;
    }

    public static Role of(TalkerRole role) {
        return switch (Objects.requireNonNull(role, "role")) {
            case EXTERNAL -> EXTERNAL;
            case INTERNAL -> INTERNAL;
        };
    }

    public TalkerRole toAvro() {
        return this == EXTERNAL ? TalkerRole.EXTERNAL : TalkerRole.INTERNAL;
    }

    /**
     * The window stores' key of a spoke's table for this role, {@code gateway|ROLE}. The gateway is
     * the input topic's key, so a store key always lives on its gateway's partition.
     */
    public String storeKey(String gateway) {
        return gateway + "|" + name();
    }

    /** The two parts of a {@link #storeKey}; the gateway may itself contain {@code |}. */
    public record Keyed(String gateway, Role role) {
    }

    /** @throws IllegalArgumentException when {@code key} is not {@code gateway|EXTERNAL} or {@code gateway|INTERNAL} */
    public static Keyed parseStoreKey(String key) {
        int bar = key == null ? -1 : key.lastIndexOf('|');
        if (bar <= 0) {
            throw new IllegalArgumentException("not a talkers store key (gateway|ROLE): '" + key + "'");
        }
        try {
            return new Keyed(key.substring(0, bar), Role.valueOf(key.substring(bar + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a talkers store key (gateway|ROLE): '" + key + "'", e);
        }
    }
}
