package io.egressmon.app.bench;

import io.egressmon.ingest.PollSettings;
import io.egressmon.app.LocalParts;
import io.egressmon.copilot.sim.CopilotSimulator;
import io.egressmon.copilot.sim.SimulatorConfig;
import io.egressmon.copilot.sim.Stats;
import io.egressmon.ingest.IngestConfig;
import io.egressmon.ingest.IngestService;
import io.egressmon.ingest.flowiq.FlowiqPoller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * CoPilot calls per hour of the steady-state ingest for N spokes: one live counter cycle and one
 * live FlowIQ slice are run against the simulator, their calls counted on the simulator's side and
 * scaled by how many of each an hour holds with the configured poll interval and FlowIQ slice.
 */
@Command(name = "ingest-cost", mixinStandardHelpOptions = true,
        description = "CoPilot calls per hour of the live ingest (counters + FlowIQ) for N spokes.")
final class IngestCostBenchmark implements Callable<Integer> {
    private static final int MODELLED_SPOKES = 14;

    @Option(names = "--spokes", defaultValue = "500", description = "Spokes (default ${DEFAULT-VALUE}).")
    int spokes;

    @Override
    public Integer call() throws Exception {
        try (LocalCluster cluster = LocalCluster.start();
             CopilotSimulator simulator = CopilotSimulator.start(SimulatorConfig.defaults()
                     .withExtraSpokes(Math.max(0, spokes - MODELLED_SPOKES)))) {
            IngestConfig config = IngestConfig.from(LocalParts.withSimulator(
                    cluster.settings(Map.of(PollSettings.BACKFILL.name(), "2h")), simulator));
            try (IngestService ingest = IngestService.open(config, Clock.systemUTC())) {
                await(ingest.refreshInventory());
                Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));
                await(ingest.counters().pollSlice(minute.minus(Duration.ofMinutes(1)), minute));
                long before = simulator.stats().calls(Stats.PERFORMANCE);
                await(ingest.counters().pollSlice(minute, minute.plus(Duration.ofMinutes(1))));
                long counterCalls = simulator.stats().calls(Stats.PERFORMANCE) - before;

                Duration slice = config.flowiq().slice();
                Instant sliceStart = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
                long flowBefore = simulator.stats().calls(Stats.FIELD_AGG);
                FlowiqPoller.SliceOutcome outcome = await(ingest.flowiq().pollSlice(sliceStart, sliceStart.plus(slice)));
                long flowiqCalls = simulator.stats().calls(Stats.FIELD_AGG) - flowBefore;

                double counterCyclesPerHour = 3600.0 / config.poll().interval().toSeconds();
                double flowiqSlicesPerHour = 3600.0 / slice.toSeconds();
                System.out.printf("%d spokes: counters %d calls per %s cycle → %.0f calls/h; FlowIQ %d calls per %s slice "
                                + "(%d records) → %.0f calls/h; total %.0f CoPilot calls per hour%n",
                        spokes, counterCalls, config.poll().interval(), counterCalls * counterCyclesPerHour,
                        flowiqCalls, slice, outcome.records(), flowiqCalls * flowiqSlicesPerHour,
                        counterCalls * counterCyclesPerHour + flowiqCalls * flowiqSlicesPerHour);
            }
        }
        return 0;
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
    }
}
