package io.egressmon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A .env file, read as the original scripts' python-dotenv reads it")
class EnvFileTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("comments, export, double and single quotes, inline comments after an unquoted value")
    void forms() throws IOException {
        Path file = Files.writeString(dir.resolve(".env"), """
                \uFEFF# Either naming convention works:
                COPILOT_URL=https://cplt.example.com
                USERNAME=admin
                PASSWORD="pa ss#word\\n"

                export EGRESSMON_BACKFILL=7d   # a week
                EGRESSMON_POLL_INTERVAL='PT30S'
                """);
        assertEquals(Map.of("COPILOT_URL", "https://cplt.example.com", "USERNAME", "admin", "PASSWORD", "pa ss#word\n",
                "EGRESSMON_BACKFILL", "7d", "EGRESSMON_POLL_INTERVAL", "PT30S"), EnvFile.read(file));
    }

    @Test
    @DisplayName("a malformed line is reported by file and line number, without echoing the line")
    void badLine() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.env"), "USERNAME=admin\nhunter2\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnvFile.read(bad));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("bad.env"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    @DisplayName("an unclosed quote and text after a closing quote are errors")
    void quotes() throws IOException {
        Path open = Files.writeString(dir.resolve("open.env"), "PASSWORD=\"never closed\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EnvFile.read(open)).getMessage().contains("not closed"));
        Path after = Files.writeString(dir.resolve("after.env"), "PASSWORD='a' b\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EnvFile.read(after)).getMessage()
                .contains("after the closing quote"));
    }

    @Test
    @DisplayName("a missing file is named in the error")
    void missing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnvFile.read(dir.resolve("none.env")));
        assertTrue(e.getMessage().contains("none.env"), e.getMessage());
    }
}
