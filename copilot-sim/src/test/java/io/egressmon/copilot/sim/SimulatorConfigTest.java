package io.egressmon.copilot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The simulator's configuration")
class SimulatorConfigTest {

    @Test
    @DisplayName("defaults to 127.0.0.1, an ephemeral port, no extra spokes, no latency, admin/simulator, seed 42")
    void defaults() {
        SimulatorConfig config = SimulatorConfig.defaults();
        assertEquals("127.0.0.1", config.host());
        assertEquals(0, config.port());
        assertEquals(0, config.extraSpokes());
        assertEquals(Duration.ZERO, config.latency());
        assertEquals(Clock.systemUTC(), config.clock());
        assertEquals("admin", config.username());
        assertEquals("simulator", config.password());
        assertEquals(42, config.seed());
        assertNull(config.anchor());
        assertFalse(config.toString().contains("simulator"), "no password in " + config);
    }

    @Test
    @DisplayName("refuses a negative latency, a bad port or a negative number of spokes")
    void validation() {
        SimulatorConfig defaults = SimulatorConfig.defaults();
        assertThrows(IllegalArgumentException.class, () -> defaults.withLatency(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> defaults.withPort(-1));
        assertThrows(IllegalArgumentException.class, () -> defaults.withExtraSpokes(-5));
    }

    @Test
    @DisplayName("anchors the estate at the clock's start minute, or at a fixed anchor that survives restarts")
    void anchor() {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:34:56Z"));
        try (CopilotSimulator simulator = CopilotSimulator.start(SimulatorConfig.defaults().withClock(clock))) {
            assertEquals(Instant.parse("2026-03-01T12:34:00Z"), simulator.estate().anchor());
            assertTrue(simulator.baseUrl().startsWith("http://127.0.0.1:"));
            assertTrue(simulator.port() > 0);
        }
        Instant earlier = Instant.parse("2026-02-20T08:00:30Z");
        try (CopilotSimulator simulator = CopilotSimulator.start(SimulatorConfig.defaults().withClock(clock).withAnchor(earlier))) {
            assertEquals(Instant.parse("2026-02-20T08:00:00Z"), simulator.estate().anchor());
            assertEquals(Instant.parse("2026-02-08T08:17:23Z"), simulator.estate().reboot().down());
        }
    }
}
