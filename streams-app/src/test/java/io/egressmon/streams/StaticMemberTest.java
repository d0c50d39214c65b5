package io.egressmon.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The static group member id kept in the state directory")
class StaticMemberTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("is made once and read back the same after a restart")
    void stableAcrossRestarts() {
        String first = StaticMember.id(dir.resolve("state"), "egressmon-streams");
        assertTrue(first.startsWith("egressmon-streams-"), first);
        assertEquals(first, StaticMember.id(dir.resolve("state"), "egressmon-streams"));
    }

    @Test
    @DisplayName("differs between state directories, so two instances never share it")
    void onePerStateDirectory() {
        assertNotEquals(StaticMember.id(dir.resolve("a"), "egressmon-streams"), StaticMember.id(dir.resolve("b"), "egressmon-streams"));
    }

    @Test
    @DisplayName("a damaged id file is refused with a message that says what to delete")
    void damaged() throws Exception {
        Files.writeString(dir.resolve("egressmon-streams.instance-id"), "not an id!\n");
        String m = assertThrows(IllegalStateException.class, () -> StaticMember.id(dir, "egressmon-streams")).getMessage();
        assertTrue(m.contains("egressmon-streams.instance-id") && m.contains("delete it"), m);
    }
}
