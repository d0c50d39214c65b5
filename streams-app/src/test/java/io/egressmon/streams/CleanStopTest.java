package io.egressmon.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The local state after a clean and an unclean stop")
class CleanStopTest {
    private static final String APP = "egressmon-streams";

    @TempDir
    Path stateDir;
    private Path appDir;

    @BeforeEach
    void someState() throws IOException {
        appDir = stateDir.resolve(APP);
        Files.createDirectories(appDir.resolve("1_3/spoke-bandwidth-5m/spoke-bandwidth-5m.1795910400000"));
        Files.writeString(appDir.resolve("1_3/spoke-bandwidth-5m/spoke-bandwidth-5m.1795910400000/000001.sst"), "data");
        Files.createDirectories(appDir.resolve("global/rocksdb/inventory"));
        Files.writeString(appDir.resolve("kafka-streams-process-metadata"), "process id");
        Files.writeString(appDir.resolve(".lock"), "");
    }

    @Test
    @DisplayName("without the mark of a clean stop, task and global state are dropped; the process metadata stays")
    void uncleanStopDropsState() {
        assertEquals(2, CleanStop.prepare(stateDir, APP));

        assertFalse(Files.exists(appDir.resolve("1_3")));
        assertFalse(Files.exists(appDir.resolve("global")));
        assertTrue(Files.exists(appDir.resolve("kafka-streams-process-metadata")));
    }

    @Test
    @DisplayName("after a clean stop the state stays, and the mark is gone so that a crash of this run leaves none")
    void cleanStopKeepsState() {
        CleanStop.record(stateDir, APP);

        assertEquals(0, CleanStop.prepare(stateDir, APP));

        assertTrue(Files.exists(appDir.resolve("1_3/spoke-bandwidth-5m/spoke-bandwidth-5m.1795910400000/000001.sst")));
        assertFalse(Files.exists(CleanStop.mark(stateDir, APP)));
        assertEquals(2, CleanStop.prepare(stateDir, APP), "a second start without a clean stop in between rebuilds");
    }

    @Test
    @DisplayName("state another instance holds locked is left alone")
    void lockedStateStays() throws IOException {
        try (FileChannel channel = FileChannel.open(appDir.resolve(".lock"), StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            assertTrue(held.isValid());
            assertEquals(0, CleanStop.prepare(stateDir, APP));
        }
        assertTrue(Files.exists(appDir.resolve("1_3")));
    }

    @Test
    @DisplayName("a first start, with no state yet, has nothing to drop")
    void firstStart() throws IOException {
        Path empty = Files.createDirectories(stateDir.resolve("other"));
        assertEquals(0, CleanStop.prepare(empty, APP));
    }
}
