package io.egressmon.streams.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Values kept with their versions, least recently used dropped first")
class VersionedLruTest {
    private final VersionedLru<String, String> lru = new VersionedLru<>(10, String::length);

    @Test
    @DisplayName("hands a value out only for the very versions it was kept with")
    void sameVersionsOnly() {
        lru.put("a", new long[] {1, 2}, "xx");
        assertEquals("xx", lru.get("a", new long[] {1, 2}));
        assertNull(lru.get("a", new long[] {1, 3}));
        assertNull(lru.get("a", new long[] {1}));
        assertNull(lru.get("b", new long[] {1, 2}));
    }

    @Test
    @DisplayName("drops the least recently used values once their weights exceed the bound")
    void boundedByWeight() {
        lru.put("a", new long[] {1}, "aaaa");
        lru.put("b", new long[] {1}, "bbbb");
        lru.get("a", new long[] {1}); // b is now the least recently used
        lru.put("c", new long[] {1}, "cccc");
        assertNull(lru.get("b", new long[] {1}));
        assertEquals("aaaa", lru.get("a", new long[] {1}));
        assertEquals("cccc", lru.get("c", new long[] {1}));
        assertEquals(8, lru.weight());
    }

    @Test
    @DisplayName("replaces a key's value, and does not keep one heavier than the bound")
    void replacesAndRefusesTheOversized() {
        lru.put("a", new long[] {1}, "aaaa");
        lru.put("a", new long[] {2}, "aa");
        assertEquals(2, lru.weight());
        assertEquals("aa", lru.get("a", new long[] {2}));
        lru.put("big", new long[] {1}, "x".repeat(11));
        assertNull(lru.get("big", new long[] {1}));
        assertEquals(1, lru.size());
    }
}
