package io.egressmon.streams.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The latest time a store holds per owner")
class StoredLatestTest {
    private final Map<String, Long> stored = new HashMap<>(Map.of("a", 10L));
    private final List<String> reads = new ArrayList<>();
    private final StoredLatest<String> latest = new StoredLatest<>(owner -> {
        reads.add(owner);
        return stored.getOrDefault(owner, Long.MIN_VALUE);
    });

    @Test
    @DisplayName("a time after the stored latest is not held; one at or before it may be; the store is read once per owner")
    void readOnce() {
        assertFalse(latest.mayHold("a", 11));
        assertTrue(latest.mayHold("a", 10));
        assertTrue(latest.mayHold("a", 3));
        assertFalse(latest.mayHold("b", Long.MIN_VALUE + 1), "an owner with nothing stored");
        assertEquals(List.of("a", "b"), reads);
    }

    @Test
    @DisplayName("a write moves the latest on, never back; forget reads the store again")
    void writesAndForget() {
        latest.wrote("a", 12);
        assertTrue(latest.mayHold("a", 12));
        assertFalse(latest.mayHold("a", 13));
        latest.wrote("a", 5);
        assertTrue(latest.mayHold("a", 12), "an earlier write leaves the latest where it is");
        latest.wrote("b", 1);
        assertTrue(latest.mayHold("b", 1));

        latest.forget(); // the writes were rolled back: the store holds 10 for a, nothing for b
        assertFalse(latest.mayHold("a", 12));
        assertFalse(latest.mayHold("b", 1));
        assertEquals(List.of("a", "b", "a", "b"), reads);
    }
}
