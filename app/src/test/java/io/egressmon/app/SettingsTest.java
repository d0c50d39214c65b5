package io.egressmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Where the launcher's settings come from")
class SettingsTest {
    @Test
    @DisplayName("a CoPilot named in the --env file keeps the file's USERNAME, whatever the OS set")
    void envFileCopilotWinsOverTheOsUsername() {
        Map<String, String> merged = Settings.merge(
                Map.of("COPILOT_URL", "https://cplt.example.com", "USERNAME", "admin", "PASSWORD", "secret"),
                Map.of("USERNAME", "alice", "EGRESSMON_POLL_INTERVAL", "PT30S"));
        assertEquals("admin", merged.get("USERNAME"));
        assertEquals("https://cplt.example.com", merged.get("COPILOT_URL"));
        assertEquals("PT30S", merged.get("EGRESSMON_POLL_INTERVAL"), "other settings: the environment wins");
    }

    @Test
    @DisplayName("a file in the Aviatrix convention is not mixed with a COPILOT_URL from the environment")
    void conventionsAreNotMixed() {
        Map<String, String> merged = Settings.merge(
                Map.of("AVIATRIX_COPILOT_IP", "cplt.example.com", "AVIATRIX_USERNAME", "admin", "AVIATRIX_PASSWORD", "x"),
                Map.of("COPILOT_URL", "https://other.example.com", "USERNAME", "alice"));
        assertFalse(merged.containsKey("COPILOT_URL"));
        assertFalse(merged.containsKey("USERNAME"));
        assertEquals("cplt.example.com", merged.get("AVIATRIX_COPILOT_IP"));
    }

    @Test
    @DisplayName("without a CoPilot in the file, the environment's settings win over the file's")
    void environmentWinsOtherwise() {
        Map<String, String> merged = Settings.merge(Map.of("EGRESSMON_BACKFILL", "P7D"),
                Map.of("EGRESSMON_BACKFILL", "P30D", "COPILOT_URL", "https://env.example.com"));
        assertEquals("P30D", merged.get("EGRESSMON_BACKFILL"));
        assertTrue(Settings.namesCopilot(merged));
    }

    @Test
    @DisplayName("a .env file is read through the seed's parser, and a missing one is a clear error")
    void readsTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(".env.avx.local");
        Files.writeString(file, "# lab\nCOPILOT_URL=https://cplt.lab\nUSERNAME=admin\nPASSWORD='p w'\n");
        Map<String, String> settings = Settings.load(file);
        assertEquals("https://cplt.lab", settings.get("COPILOT_URL"));
        assertEquals("admin", settings.get("USERNAME"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Settings.load(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }
}
