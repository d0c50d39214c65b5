package io.egressmon.copilot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A simulator with the default estate on a manual clock, shared by the tests of one class (register it
 * with {@code @RegisterExtension} on a static field): started before them, closed after them. Its
 * {@link Nested} classes share the outer class's simulator.
 */
final class RunningSimulator implements BeforeAllCallback, AfterAllCallback {
    private final ManualClock clock;
    private CopilotSimulator simulator;

    RunningSimulator(Instant now) {
        this.clock = new ManualClock(now);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (simulator == null) {
            simulator = CopilotSimulator.start(SimulatorConfig.defaults().withClock(clock));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!context.getRequiredTestClass().isAnnotationPresent(Nested.class)) {
            simulator.close();
            simulator = null;
        }
    }

    CopilotSimulator simulator() {
        return simulator;
    }

    /** The simulator's time, which only moves when a test advances it. */
    ManualClock clock() {
        return clock;
    }

    /** A new client with a session of the simulator's user. */
    SimClient loggedIn() {
        SimClient client = new SimClient(simulator);
        assertEquals(200, client.login().statusCode());
        return client;
    }
}
