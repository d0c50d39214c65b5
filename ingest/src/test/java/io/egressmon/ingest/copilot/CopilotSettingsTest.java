package io.egressmon.ingest.copilot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.config.ConfigException;
import io.egressmon.config.Settings;
import io.egressmon.config.SettingsReader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The CoPilot settings")
class CopilotSettingsTest {
    @TempDir
    Path dir;

    /** The CoPilot settings of name, value, name, value…; checked. */
    static CopilotSettings read(String... pairs) {
        return read(Map.of(), pairs);
    }

    /** The CoPilot settings of {@code base}, then {@code more} as name, value…; checked. */
    static CopilotSettings read(Map<String, String> base, String... more) {
        Map<String, String> values = new HashMap<>(base);
        for (int i = 0; i + 1 < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        SettingsReader r = Settings.of(values).reader();
        return r.check("CoPilot", CopilotSettings.from(r));
    }

    @Test
    @DisplayName("defaults: 30 s per request, 8 in flight, 6 tries from 0.5 s to 10 s apart, certificates verified")
    void defaults() {
        CopilotSettings c = read("COPILOT_URL", "https://cplt.example.com/", "USERNAME", "admin", "PASSWORD", "secret");
        assertEquals(URI.create("https://cplt.example.com"), c.url());
        assertEquals("admin", c.credentials().username());
        assertEquals("secret", c.credentials().password().reveal());
        assertEquals(Duration.ofSeconds(30), c.requestTimeout());
        assertEquals(8, c.maxConcurrency());
        assertEquals(new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(10)), c.retry());
        assertFalse(c.tls().insecure());
        assertNull(c.tls().caFile());
    }

    @Test
    @DisplayName("the AVIATRIX_COPILOT_IP convention: a bare host becomes https://host, and its own user wins over the OS's USERNAME")
    void aviatrixConvention() {
        CopilotSettings c = read("AVIATRIX_COPILOT_IP", "10.1.2.3", "AVIATRIX_USERNAME", "admin", "AVIATRIX_PASSWORD",
                "secret", "USERNAME", "os-login-name");
        assertEquals(URI.create("https://10.1.2.3"), c.url());
        assertEquals("admin", c.credentials().username());
        assertEquals("secret", c.credentials().password().reveal());
    }

    @Test
    @DisplayName("a CA file must be readable, and cannot go with insecure")
    void tls() throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        assertEquals(ca, read("COPILOT_URL", "cplt", "USERNAME", "a", "PASSWORD", "b", "EGRESSMON_COPILOT_CA_FILE",
                ca.toString()).tls().caFile());
        ConfigException e = assertThrows(ConfigException.class, () -> read("COPILOT_URL", "cplt", "USERNAME", "a",
                "PASSWORD", "b", "EGRESSMON_COPILOT_CA_FILE", dir.resolve("missing.pem").toString()));
        assertTrue(e.getMessage().contains("missing.pem is not a readable file"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> read("COPILOT_URL", "cplt", "USERNAME", "a", "PASSWORD", "b",
                "EGRESSMON_COPILOT_CA_FILE", ca.toString(), "EGRESSMON_COPILOT_INSECURE", "true"));
        assertTrue(e.getMessage().contains("set only one of them"), e.getMessage());
    }

    @Test
    @DisplayName("the longest back-off may not be shorter than the first")
    void backOff() {
        ConfigException e = assertThrows(ConfigException.class, () -> read("COPILOT_URL", "cplt", "USERNAME", "a",
                "PASSWORD", "b", "EGRESSMON_RETRY_BASE_DELAY", "2s", "EGRESSMON_RETRY_MAX_DELAY", "1s"));
        assertEquals(List.of("EGRESSMON_RETRY_MAX_DELAY=1s is shorter than EGRESSMON_RETRY_BASE_DELAY=2s"),
                e.problems());
    }

    @Test
    @DisplayName("a CoPilot URL with credentials in it is refused, and the problem does not repeat them")
    void urlWithCredentials() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> read("COPILOT_URL", "https://admin:s3cret@cplt.example.com", "USERNAME", "a", "PASSWORD", "b"));
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertTrue(e.getMessage().contains("USERNAME"), e.getMessage());
        assertEquals(1, e.problems().size(), "a URL given but wrong is not also 'not set': " + e.problems());
    }
}
