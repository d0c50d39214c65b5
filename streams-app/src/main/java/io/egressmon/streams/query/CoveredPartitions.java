package io.egressmon.streams.query;

import java.util.Set;

/** A fan-out's answer from one instance, and the partitions it covers (see {@link PartitionCoverage}). */
public interface CoveredPartitions {
    /** Who answered, for messages. */
    String host();

    /** The partitions the answer covers. */
    Set<Integer> partitions();
}
