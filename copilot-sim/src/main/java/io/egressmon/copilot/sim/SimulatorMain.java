package io.egressmon.copilot.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator on its own until killed:
 * {@code java … io.egressmon.copilot.sim.SimulatorMain [--host H] [--port P] [--extra-spokes N] [--latency-ms MS] [--seed S]
 * [--spike GATEWAY,FROM,TO,BYTES_PER_SECOND]…}.
 * Credentials are {@code admin}/{@code simulator} unless {@code --username}/{@code --password} say otherwise.
 */
public final class SimulatorMain {

    /** Where the standalone simulator listens unless told otherwise (8080 is egressmon's REST API). */
    public static final int DEFAULT_PORT = 8090;

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorConfig config;
        try {
            config = parse(args, SimulatorConfig.defaults().withPort(DEFAULT_PORT));
        } catch (IllegalArgumentException e) {
            System.err.println("copilot-sim: " + e.getMessage());
            System.err.println("usage: SimulatorMain [--host H] [--port P] [--extra-spokes N] [--latency-ms MS]"
                    + " [--seed S] [--username U] [--password P] [--spike GATEWAY,FROM,TO,BYTES_PER_SECOND]");
            System.exit(2);
            return;
        }
        CopilotSimulator simulator = CopilotSimulator.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "copilot-sim-shutdown"));
        System.out.println("CoPilot simulator at " + simulator.baseUrl() + " (user " + config.username()
                + "); ground truth at " + simulator.baseUrl() + "/sim/truth?from=…&to=… (counters) and "
                + simulator.baseUrl() + "/sim/talkers?from=…&to=… (FlowIQ top talkers)");
        stopped.await();
    }

    static SimulatorConfig parse(String[] args, SimulatorConfig config) {
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new IllegalArgumentException("help");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            try {
                config = switch (flag) {
                    case "--host" -> config.withHost(value);
                    case "--port" -> config.withPort(Integer.parseInt(value));
                    case "--extra-spokes" -> config.withExtraSpokes(Integer.parseInt(value));
                    case "--latency-ms" -> config.withLatency(Duration.ofMillis(Long.parseLong(value)));
                    case "--seed" -> config.withSeed(Long.parseLong(value));
                    case "--username" -> config.withUsername(value);
                    case "--password" -> config.withPassword(value);
                    case "--spike" -> config.withSpike(Spike.parse(value, Instant.now()));
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " needs a number, got '" + value + "'");
            }
        }
        return config;
    }
}
