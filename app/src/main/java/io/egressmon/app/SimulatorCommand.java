package io.egressmon.app;

import io.egressmon.copilot.sim.CopilotSimulator;
import io.egressmon.copilot.sim.SimulatorConfig;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The CoPilot simulator on its own, e.g. to point a real deployment's ingest at it for a demo. */
@Command(name = "simulator", mixinStandardHelpOptions = true,
        description = "Serve the CoPilot simulator (login, gateways, routes, performance; /sim/truth for ground truth).")
final class SimulatorCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Bind address (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "9443", description = "Port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--extra-spokes", defaultValue = "0", description = "Synthetic spokes beyond the 14 modelled ones.")
    int extraSpokes;

    @Option(names = "--latency-ms", defaultValue = "0", description = "Delay added to every answer.")
    long latencyMs;

    @Override
    public Integer call() throws Exception {
        CopilotSimulator simulator = CopilotSimulator.start(SimulatorConfig.defaults()
                .withHost(host).withPort(port).withExtraSpokes(extraSpokes).withLatency(Duration.ofMillis(latencyMs)));
        System.out.println("CoPilot simulator on " + simulator.baseUrl() + " (user " + simulator.config().username() + ")");
        Pipeline.awaitShutdown(simulator);
        return 0;
    }
}
