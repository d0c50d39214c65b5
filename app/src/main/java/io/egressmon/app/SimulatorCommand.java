package io.egressmon.app;

import io.egressmon.copilot.sim.CopilotSimulator;
import io.egressmon.copilot.sim.SimulatorConfig;
import io.egressmon.copilot.sim.Spike;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    @Option(names = "--spike", paramLabel = "GATEWAY,FROM,TO,BYTES_PER_SECOND", description = SPIKE_HELP)
    List<String> spikes = List.of();

    static final String SPIKE_HELP = "Extra internet egress on a spoke between two instants (ISO-8601, or now, now-2h, "
            + "now+30m), in the counters and the ground truth; repeatable. E.g. accounting-aws-spoke-dev,now-2h,now+1h,5000000.";

    @Override
    public Integer call() throws Exception {
        SimulatorConfig config = withSpikes(SimulatorConfig.defaults()
                .withHost(host).withPort(port).withExtraSpokes(extraSpokes).withLatency(Duration.ofMillis(latencyMs)), spikes);
        CopilotSimulator simulator = CopilotSimulator.start(config);
        System.out.println("CoPilot simulator on " + simulator.baseUrl() + " (user " + simulator.config().username() + ")");
        Pipeline.awaitShutdown(simulator);
        return 0;
    }

    /** {@code config} with the {@code --spike}s; now is the time of the start. */
    static SimulatorConfig withSpikes(SimulatorConfig config, List<String> spikes) {
        Instant now = Instant.now();
        for (String spike : spikes) {
            config = config.withSpike(Spike.parse(spike, now));
        }
        return config;
    }
}
