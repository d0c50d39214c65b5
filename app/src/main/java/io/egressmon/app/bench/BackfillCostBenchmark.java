package io.egressmon.app.bench;

import io.egressmon.app.LocalParts;
import io.egressmon.copilot.sim.CopilotSimulator;
import io.egressmon.copilot.sim.SimulatorConfig;
import io.egressmon.copilot.sim.Stats;
import io.egressmon.ingest.FlowiqSettings;
import io.egressmon.ingest.IngestConfig;
import io.egressmon.ingest.IngestService;
import io.egressmon.ingest.PollSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * CoPilot calls of a first backfill: the counter poll on the hour grid (slices never cross an hour,
 * so every hour-aligned period is exact) and the FlowIQ poll (day slices cut at UTC midnight, hourly
 * slices for the latest {@code EGRESSMON_FLOWIQ_HOURLY_BACKFILL}), counted on the simulator's side.
 */
@Command(name = "backfill-cost", mixinStandardHelpOptions = true,
        description = "CoPilot calls and time of a first backfill (counters on the hour grid, FlowIQ by day and hour).")
final class BackfillCostBenchmark implements Callable<Integer> {
    private static final int MODELLED_SPOKES = 14;

    @Option(names = "--spokes", defaultValue = "50", description = "Spokes (default ${DEFAULT-VALUE}).")
    int spokes;

    @Option(names = "--days", defaultValue = "30", description = "Backfill in days (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--flowiq-hourly", defaultValue = "2d",
            description = "EGRESSMON_FLOWIQ_HOURLY_BACKFILL (default ${DEFAULT-VALUE}).")
    String flowiqHourly;

    @Override
    public Integer call() throws Exception {
        try (LocalCluster cluster = LocalCluster.start();
             CopilotSimulator simulator = CopilotSimulator.start(SimulatorConfig.defaults()
                     .withExtraSpokes(Math.max(0, spokes - MODELLED_SPOKES)))) {
            IngestConfig config = IngestConfig.from(LocalParts.withSimulator(cluster.settings(Map.of(
                    PollSettings.BACKFILL.name(), days + "d",
                    FlowiqSettings.HOURLY_BACKFILL.name(), flowiqHourly)), simulator));
            try (IngestService ingest = IngestService.open(config, Clock.systemUTC())) {
                await(ingest.refreshInventory());
                long started = System.nanoTime();
                int counterSlices = 0;
                while (!await(ingest.counters().pollOnce()).idle()) {
                    counterSlices++;
                }
                double counterSeconds = (System.nanoTime() - started) / 1e9;
                long performance = simulator.stats().calls(Stats.PERFORMANCE);
                started = System.nanoTime();
                int flowiqSlices = 0;
                while (!await(ingest.flowiq().pollOnce()).idle()) {
                    flowiqSlices++;
                }
                double flowiqSeconds = (System.nanoTime() - started) / 1e9;
                long fieldAgg = simulator.stats().calls(Stats.FIELD_AGG);
                // The grid before: 6-hour counter slices, FlowIQ day slices only.
                long hours = (long) days * 24;
                System.out.printf("%d spokes, %d days: counters %d hourly slices, %d performance calls in %.1f s "
                                + "(6-hour slices: %d slices); FlowIQ %d slices (hourly for the last %s), %d field_agg calls "
                                + "in %.1f s%n", spokes, days, counterSlices, performance, counterSeconds, (hours + 5) / 6,
                        flowiqSlices, flowiqHourly, fieldAgg, flowiqSeconds);
                System.out.printf("bench backfill-cost spokes=%d days=%d counter_slices=%d performance_calls=%d "
                                + "counter_seconds=%.1f flowiq_slices=%d field_agg_calls=%d flowiq_seconds=%.1f%n",
                        spokes, days, counterSlices, performance, counterSeconds, flowiqSlices, fieldAgg, flowiqSeconds);
            }
        }
        return 0;
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
    }
}
