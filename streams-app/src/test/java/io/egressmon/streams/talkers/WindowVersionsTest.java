package io.egressmon.streams.talkers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StandbyUpdateListener;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Versions of talker windows")
class WindowVersionsTest {
    private static final String STORE = "talkers-1d";
    private static final long DAY = Duration.ofDays(1).toMillis();
    /** The wall clock of the tests: day 100. */
    private static final long NOW = 100 * DAY;

    private final WindowVersions versions = new WindowVersions();
    private final WindowVersions.Store store = versions.store(STORE, Duration.ofDays(30));

    private long version(int partition, long day) {
        return versions.version(STORE, partition, day * DAY, NOW);
    }

    @Test
    @DisplayName("a write moves the version of its window on, and of no other window or partition")
    void writeMovesItsWindow() {
        store.reset(0);
        store.reset(1);
        long before = version(0, 90);
        long other = version(0, 91);
        long otherPartition = version(1, 90);
        store.written(0, 90 * DAY);
        assertNotEquals(before, version(0, 90));
        assertEquals(other, version(0, 91));
        assertEquals(otherPartition, version(1, 90));
        long after = version(0, 90);
        assertEquals(after, version(0, 90), "stable while nothing changes");
    }

    @Test
    @DisplayName("a reset moves every window of its partition on, written or not, and no other partition's")
    void resetMovesThePartition() {
        store.written(0, 90 * DAY);
        store.written(1, 90 * DAY);
        long written = version(0, 90);
        long untouched = version(0, 80);
        long otherPartition = version(1, 90);
        store.reset(0);
        assertNotEquals(written, version(0, 90));
        assertNotEquals(untouched, version(0, 80));
        assertEquals(otherPartition, version(1, 90));
    }

    @Test
    @DisplayName("a window written after a reset moves on again")
    void writeAfterReset() {
        store.written(0, 90 * DAY);
        store.reset(0);
        long afterReset = version(0, 90);
        store.written(0, 90 * DAY);
        assertNotEquals(afterReset, version(0, 90));
    }

    @Test
    @DisplayName("restoration resets the partition of the restored store at its start, after every batch and at its end")
    void restorationResets() {
        StateRestoreListener listener = versions.restoreListener();
        TopicPartition changelog = new TopicPartition("app-" + STORE + "-changelog", 2);
        store.written(2, 90 * DAY);
        long v0 = version(2, 90);
        listener.onRestoreStart(changelog, STORE, 0, 100);
        long v1 = version(2, 90);
        listener.onBatchRestored(changelog, STORE, 50, 50);
        long v2 = version(2, 90);
        listener.onRestoreEnd(changelog, STORE, 100);
        long v3 = version(2, 90);
        assertNotEquals(v0, v1);
        assertNotEquals(v1, v2);
        assertNotEquals(v2, v3);
    }

    @Test
    @DisplayName("the restore listener passes every call on to the listener it chains to, and ignores other stores")
    void restorationChains() {
        int[] calls = new int[1];
        StateRestoreListener next = new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition tp, String s, long from, long to) {
                calls[0]++;
            }

            @Override
            public void onBatchRestored(TopicPartition tp, String s, long end, long n) {
                calls[0]++;
            }

            @Override
            public void onRestoreEnd(TopicPartition tp, String s, long n) {
                calls[0]++;
            }
        };
        StateRestoreListener listener = versions.restoreListener(next);
        store.written(0, 90 * DAY);
        long before = version(0, 90);
        TopicPartition other = new TopicPartition("app-inventory-changelog", 0);
        listener.onRestoreStart(other, "inventory", 0, 1);
        listener.onBatchRestored(other, "inventory", 1, 1);
        listener.onRestoreEnd(other, "inventory", 1);
        assertEquals(3, calls[0]);
        assertEquals(before, version(0, 90), "another store's restoration is not this one's");
    }

    @Test
    @DisplayName("standby updates reset the partition they load into")
    void standbyUpdatesReset() {
        StandbyUpdateListener listener = versions.standbyListener();
        TopicPartition changelog = new TopicPartition("app-" + STORE + "-changelog", 1);
        store.written(1, 90 * DAY);
        long v0 = version(1, 90);
        listener.onUpdateStart(changelog, STORE, 0);
        long v1 = version(1, 90);
        listener.onBatchLoaded(changelog, STORE, new TaskId(0, 1), 10, 10, 20);
        long v2 = version(1, 90);
        listener.onUpdateSuspended(changelog, STORE, 10, 20, StandbyUpdateListener.SuspendReason.PROMOTED);
        assertNotEquals(v0, v1);
        assertNotEquals(v1, v2);
        assertNotEquals(v2, version(1, 90));
    }

    @Test
    @DisplayName("windows near the end of their retention, by the latest write or the clock, have no version")
    void expiringWindowsHaveNone() {
        store.written(0, 95 * DAY);
        // Retention 30 days behind the latest window written (day 95) and behind the clock (day 100) plus an hour.
        assertEquals(WindowVersions.UNVERSIONED, version(0, 65));
        assertEquals(WindowVersions.UNVERSIONED, version(0, 70));
        assertNotEquals(WindowVersions.UNVERSIONED, version(0, 71));
        store.written(0, 120 * DAY); // stream time far ahead of the clock
        assertEquals(WindowVersions.UNVERSIONED, version(0, 90));
        assertNotEquals(WindowVersions.UNVERSIONED, version(0, 91));
    }

    @Test
    @DisplayName("a store that was not registered has no versions")
    void unknownStore() {
        assertEquals(WindowVersions.UNVERSIONED, versions.version("other", 0, 90 * DAY, NOW));
    }

    @Test
    @DisplayName("the versions of a range equal the versions of its windows one by one")
    void rangeEqualsOneByOne() {
        store.reset(0);
        store.written(0, 91 * DAY);
        store.written(0, 93 * DAY);
        store.written(0, 93 * DAY + 5); // not on the grid: no window of the range
        long[] range = new long[5];
        versions.versions(STORE, 0, 90 * DAY, DAY, 5, NOW, range, 0);
        long[] single = new long[5];
        for (int j = 0; j < 5; j++) {
            single[j] = version(0, 90 + j);
        }
        assertArrayEquals(single, range);
        assertNotEquals(range[0], range[1]);
        assertEquals(range[0], range[2]);
    }
}
