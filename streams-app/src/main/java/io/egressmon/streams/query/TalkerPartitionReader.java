package io.egressmon.streams.query;

import io.egressmon.streams.talkers.TalkerTable;
import java.time.Instant;
import java.util.Set;

/** Reads talker window tables with the partition and window each comes from: the local stores, or a test's table. */
@FunctionalInterface
public interface TalkerPartitionReader {
    /** Takes one table of a window. */
    @FunctionalInterface
    interface Sink {
        void accept(int partition, Instant windowStart, String key, TalkerTable table);
    }

    /**
     * Hands {@code sink} every table in {@code store} on {@code partitions} whose window starts in
     * {@code [from, to)}, with its partition, window start and key ({@code gateway|ROLE}).
     */
    void forEach(String store, Set<Integer> partitions, Instant from, Instant to, Sink sink);
}
