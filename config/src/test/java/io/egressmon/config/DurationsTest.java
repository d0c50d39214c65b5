package io.egressmon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("One duration syntax for every setting")
class DurationsTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"6h, PT6H", "PT6H, PT6H", "pt6h, PT6H", "500ms, PT0.5S", "60s, PT60S", "5m, PT5M", "30d, P30D",
            "P30D, P30D", "P1DT12H, PT36H", "15 m, PT15M"})
    @DisplayName("short forms and ISO-8601 both read, in any case")
    void parses(String text, String iso) {
        assertEquals(Duration.parse(iso), Durations.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"six hours", "6 hours", "-5m", "6H30", "''"})
    @DisplayName("anything else is refused with the forms that work")
    void refuses(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertEquals("is not a duration: write e.g. 60s, 6h, 30d or PT60S", e.getMessage());
    }

    @ParameterizedTest(name = "{0} shows as {1}")
    @CsvSource({"PT6H, 6h", "P30D, 30d", "PT90S, 90s", "PT0.5S, 500ms", "PT15M, 15m", "PT0S, 0s", "PT25H, 25h"})
    @DisplayName("a duration shows in the shortest short form that is exact, and reads back the same")
    void shows(String iso, String text) {
        assertEquals(text, Durations.show(Duration.parse(iso)));
        assertEquals(Duration.parse(iso), Durations.parse(text));
    }
}
