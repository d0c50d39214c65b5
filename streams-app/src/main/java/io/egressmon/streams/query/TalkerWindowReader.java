package io.egressmon.streams.query;

import io.egressmon.streams.talkers.TalkerTable;
import java.time.Instant;
import java.util.function.BiConsumer;

/** Reads talker window tables: the local stores, or a test's table. */
@FunctionalInterface
public interface TalkerWindowReader {
    /**
     * Hands {@code sink} every table in {@code store} whose window starts in {@code [from, to)},
     * with its key ({@code gateway|ROLE}).
     */
    void forEach(String store, Instant from, Instant to, BiConsumer<String, TalkerTable> sink);
}
