package io.egressmon.streams.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.avro.Gateway;
import io.egressmon.streams.counters.TopologyStats.Counter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BandwidthDriver.PerTest.class)
class InventoryProcessorTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    @DisplayName("The inventory store keeps each gateway's latest record, and its version moves with every change")
    void keepsTheLatestAndCountsChanges(BandwidthDriver d) {
        long start = d.stats.inventoryVersion().current();

        d.inventory(Snapshots.inventory("spoke-a", "AWS", "transit-1"));
        long afterFirst = d.stats.inventoryVersion().current();
        assertTrue(afterFirst > start, "a new gateway bumps the version");
        assertEquals(List.of("spoke-a"), List.copyOf(d.inventoryStore().keySet()));

        Gateway moved = Snapshots.inventory("spoke-a", "AWS", "transit-2");
        d.inventory(moved);
        long afterUpdate = d.stats.inventoryVersion().current();
        assertTrue(afterUpdate > afterFirst, "a changed gateway bumps the version");
        assertEquals(moved, d.inventoryStore().get("spoke-a"));

        d.removeFromInventory("spoke-a", AT);
        assertTrue(d.stats.inventoryVersion().current() > afterUpdate, "a tombstone bumps the version");
        assertTrue(d.inventoryStore().isEmpty(), "a tombstone deletes the gateway");
    }

    @Test
    @DisplayName("An inventory record without a key is dropped and counted, and changes nothing")
    void recordWithoutKeyDropped(BandwidthDriver d) {
        d.inventory(Snapshots.inventory("spoke-a", "AWS", "transit-1"));
        long before = d.stats.inventoryVersion().current();

        d.inventoryRaw(null, Snapshots.inventory("spoke-b", "AWS", "transit-1"), AT);

        assertEquals(1, d.stats.get(Counter.MALFORMED_INVENTORY));
        assertEquals(before, d.stats.inventoryVersion().current());
        assertEquals(List.of("spoke-a"), List.copyOf(d.inventoryStore().keySet()));
    }
}
