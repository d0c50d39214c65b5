package io.egressmon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Where settings come from: flags, then the environment, then the --env file")
class SettingsTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve(".env"), text);
    }

    @Test
    @DisplayName("a flag wins over the environment, the environment over the file")
    void precedence() throws IOException {
        Settings s = Settings.load(file("EGRESSMON_BACKFILL=7d\nEGRESSMON_POLL_INTERVAL=10s\nEGRESSMON_BATCH_SIZE=5\n"),
                Map.of("EGRESSMON_BACKFILL", "30d", "EGRESSMON_POLL_INTERVAL", "20s"),
                Map.of("EGRESSMON_POLL_INTERVAL", "30s"));
        assertEquals("30d", s.value("EGRESSMON_BACKFILL"));
        assertEquals("30s", s.value("EGRESSMON_POLL_INTERVAL"));
        assertEquals("5", s.value("EGRESSMON_BATCH_SIZE"));
    }

    @Test
    @DisplayName("a CoPilot named in the --env file keeps the file's USERNAME, whatever the OS set")
    void fileCopilotWinsOverTheOsUsername() throws IOException {
        Settings s = Settings.load(file("COPILOT_URL=https://cplt.example.com\nUSERNAME=admin\nPASSWORD=secret\n"),
                Map.of("USERNAME", "alice"), Map.of());
        assertEquals("admin", s.value("USERNAME"));
        assertTrue(s.namesCopilot());
    }

    @Test
    @DisplayName("a file in the Aviatrix convention is not mixed with a COPILOT_URL from the environment")
    void conventionsAreNotMixed() throws IOException {
        Settings s = Settings.load(file("AVIATRIX_COPILOT_IP=cplt.example.com\nAVIATRIX_USERNAME=admin\nAVIATRIX_PASSWORD=x\n"),
                Map.of("COPILOT_URL", "https://other.example.com", "USERNAME", "alice"), Map.of());
        assertNull(s.value("COPILOT_URL"));
        assertNull(s.value("USERNAME"));
        assertEquals("cplt.example.com", s.value("AVIATRIX_COPILOT_IP"));
    }

    @Test
    @DisplayName("blank values count as not given; values are stripped")
    void blanks() {
        Settings s = Settings.of(Map.of("A", "  ", "B", " x "));
        assertNull(s.value("A"));
        assertEquals("x", s.value("B"));
        assertFalse(s.namesCopilot());
        assertEquals("y", s.with("A", "y").value("A"));
    }
}
