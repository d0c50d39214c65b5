package io.egressmon.api;

import java.util.Set;

/** An instance's part of a fan-out answer, and the partitions it covers. */
public interface CoveredPartitions {
    /** Who answered, for messages. */
    String host();

    /** The partitions the answer covers. */
    Set<Integer> partitions();
}
