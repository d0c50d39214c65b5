package io.egressmon.streams.talkers;

import io.egressmon.avro.TalkerRole;
import java.util.Objects;

/**
 * The talker stores' key of a spoke's table for one role, written {@code gateway|ROLE}. The gateway
 * is the input topic's key, so a store key always lives on its gateway's partition.
 */
public record StoreKey(String gateway, TalkerRole role) {

    public StoreKey {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(role, "role");
    }

    /** @throws IllegalArgumentException when {@code key} is not {@code gateway|EXTERNAL} or {@code gateway|INTERNAL} */
    public static StoreKey parse(String key) {
        int bar = key == null ? -1 : key.lastIndexOf('|'); // the gateway may itself contain '|'
        if (bar <= 0) {
            throw new IllegalArgumentException("not a talkers store key (gateway|ROLE): '" + key + "'");
        }
        try {
            return new StoreKey(key.substring(0, bar), TalkerRole.valueOf(key.substring(bar + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a talkers store key (gateway|ROLE): '" + key + "'", e);
        }
    }

    @Override
    public String toString() {
        return gateway + "|" + role.name();
    }
}
