package io.egressmon.streams.query;

import static io.egressmon.streams.query.WindowTable.eth0Rx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.bandwidth.RawTotals;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reading a plan from the in-memory copies, else from the stores")
class MemoryFirstReaderTest {
    private static final PeriodPlan PLAN = PeriodPlan.of(Instant.parse("2026-11-30T00:00:00Z"),
            Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-03T00:00:00Z"));

    /** The stores as of the last commit: gw-a processed until 18:00. */
    private static WindowTable stores() {
        return new WindowTable().fill(Grain.HOURLY, "2026-11-30T00:00:00Z", "2026-11-30T18:00:00Z", "gw-a", eth0Rx(100))
                .progress("gw-a", "2026-11-30T18:00:00Z");
    }

    /** The copies, a commit ahead of the stores: gw-a processed until the next day. */
    private static WindowTable copies() {
        return new WindowTable().fill(Grain.HOURLY, "2026-11-30T00:00:00Z", "2026-12-01T00:00:00Z", "gw-a", eth0Rx(100))
                .progress("gw-a", "2026-12-01T00:00:00Z");
    }

    @Test
    @DisplayName("what the copies hold is read from them alone, and said to be")
    void fromMemory() {
        WindowTable stores = stores();
        MemoryFirstReader.PeriodRead read = MemoryFirstReader.read(PLAN, new Copies(copies()), stores);

        assertEquals(PLAN.read(copies()), read.periods());
        assertEquals(eth0Rx(2400), read.periods().get("gw-a").totals());
        assertTrue(read.fromMemoryOnly());
        assertEquals(List.of(), stores.reads);
    }

    @Test
    @DisplayName("copies dropped after their progress marks were read: the whole plan is read again from the stores, "
            + "never marks from memory with windows from a store")
    void droppedBetweenMarksAndWindows() {
        Copies copies = new Copies(copies());
        copies.dropAfterProgress = true;

        MemoryFirstReader.PeriodRead read = MemoryFirstReader.read(PLAN, copies, stores());

        // Marks until midnight with a store's 18 hours would call the day complete without its last 6 hours.
        assertEquals(PLAN.read(stores()), read.periods());
        assertEquals(Instant.parse("2026-11-30T18:00:00Z"), read.periods().get("gw-a").dataUntil());
        assertFalse(read.fromMemoryOnly());
    }

    @Test
    @DisplayName("marks from a store and windows from the copies stay as read: the windows hold at least what the marks say")
    void marksFromStoreWindowsFromMemory() {
        Copies copies = new Copies(copies());
        copies.withoutProgress = true;
        WindowTable stores = stores();

        MemoryFirstReader.PeriodRead read = MemoryFirstReader.read(PLAN, copies, stores);

        assertEquals(Instant.parse("2026-11-30T18:00:00Z"), read.periods().get("gw-a").dataUntil());
        assertEquals(eth0Rx(2400), read.periods().get("gw-a").totals());
        assertEquals(List.of(), stores.reads, "no window read from a store");
        assertFalse(read.fromMemoryOnly());
    }

    /** The in-memory copies over a table: null for what they do not hold. */
    private static final class Copies implements WindowReader {
        private final WindowTable table;
        boolean dropAfterProgress;
        boolean withoutProgress;
        private boolean dropped;

        Copies(WindowTable table) {
            this.table = table;
        }

        @Override
        public Map<String, Instant> progress() {
            if (dropped || withoutProgress) {
                return null;
            }
            dropped = dropAfterProgress;
            return table.progress();
        }

        @Override
        public Map<String, RawTotals> sum(Grain grain, Instant from, Instant to) {
            return dropped ? null : table.sum(grain, from, to);
        }

        @Override
        public Map<String, Long> open(Grain grain, Instant windowStart, Edge edge) {
            return dropped ? null : table.open(grain, windowStart, edge);
        }
    }
}
