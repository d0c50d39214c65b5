package io.egressmon.copilot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The standalone simulator's command line")
class SimulatorMainTest {

    @Test
    @DisplayName("sets host, port, extra spokes and latency")
    void flags() {
        SimulatorConfig config = SimulatorMain.parse(new String[] {"--host", "0.0.0.0", "--port", "9999",
                "--extra-spokes", "2000", "--latency-ms", "25"}, SimulatorConfig.defaults());
        assertEquals("0.0.0.0", config.host());
        assertEquals(9999, config.port());
        assertEquals(2000, config.extraSpokes());
        assertEquals(Duration.ofMillis(25), config.latency());
        assertEquals("admin", config.username());
    }

    @Test
    @DisplayName("refuses unknown flags, missing values and non-numbers")
    void errors() {
        SimulatorConfig defaults = SimulatorConfig.defaults();
        assertThrows(IllegalArgumentException.class, () -> SimulatorMain.parse(new String[] {"--verbose", "1"}, defaults));
        assertThrows(IllegalArgumentException.class, () -> SimulatorMain.parse(new String[] {"--port"}, defaults));
        assertThrows(IllegalArgumentException.class, () -> SimulatorMain.parse(new String[] {"--port", "http"}, defaults));
        assertThrows(IllegalArgumentException.class, () -> SimulatorMain.parse(new String[] {"--port", "70000"}, defaults));
    }
}
