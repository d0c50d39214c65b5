package io.egressmon.streams.query;

import java.util.Objects;

/**
 * A family of window stores sharing a sub-topology: the bandwidth stores, or the talkers stores.
 * Their partitions may have other owners than another family's partitions of the same number, so
 * each family is asked its own metadata.
 *
 * @param store          the store whose metadata names the owners
 * @param layout         the sub-topology's source topics
 * @param partitionCount the partitions of those topics: a complete answer covers all of them
 */
public record StoreFamily(String store, StoreLayout layout, int partitionCount) {
    public StoreFamily {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(layout, "layout");
        if (partitionCount < 1) {
            throw new IllegalArgumentException("partitionCount must be at least 1, got " + partitionCount);
        }
    }
}
