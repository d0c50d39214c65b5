package io.egressmon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The one rule for CoPilot's address")
class CopilotAddressTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"cplt.example.com, https://cplt.example.com", "cplt.example.com:8443, https://cplt.example.com:8443",
            "https://cplt.example.com/, https://cplt.example.com", "http://10.0.0.5, http://10.0.0.5",
            "' https://cplt.example.com// ', https://cplt.example.com"})
    @DisplayName("a bare host means https://host; trailing slashes go")
    void forms(String given, String url) {
        assertEquals(URI.create(url), CopilotAddress.parse(given));
    }

    @ParameterizedTest
    @CsvSource({"ftp://cplt.example.com, must start with https://", "https:///path, names no host",
            "'https://a b', is not a URL"})
    @DisplayName("other schemes, no host and malformed URLs are refused")
    void refused(String given, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CopilotAddress.parse(given));
        assertTrue(e.getMessage().startsWith(reason), e.getMessage());
    }
}
