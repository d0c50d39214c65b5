package io.egressmon.app.bench;

import io.egressmon.ingest.copilot.CopilotSettings;
import io.egressmon.ingest.PollSettings;
import io.egressmon.config.Settings;
import io.egressmon.app.LocalParts;
import io.egressmon.copilot.sim.CopilotSimulator;
import io.egressmon.copilot.sim.SimulatorConfig;
import io.egressmon.copilot.sim.Stats;
import io.egressmon.ingest.IngestConfig;
import io.egressmon.ingest.IngestService;
import io.egressmon.ingest.counters.CounterPoller;
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
 * One live poll cycle (a 1-minute slice: every spoke's counters read and committed to Kafka in one
 * transaction) against a simulator with {@code --gateways} spokes and {@code --latency-ms} per call.
 */
@Command(name = "poll", mixinStandardHelpOptions = true,
        description = "Time one counter poll cycle over N simulated gateways with a given latency per CoPilot call.")
final class PollBenchmark implements Callable<Integer> {
    private static final int MODELLED_SPOKES = 14;

    @Option(names = "--gateways", defaultValue = "1000", description = "Spokes in the simulated estate (default ${DEFAULT-VALUE}).")
    int gateways;

    @Option(names = "--latency-ms", defaultValue = "50", description = "Latency of every CoPilot call (default ${DEFAULT-VALUE}).")
    long latencyMs;

    @Option(names = "--cycles", defaultValue = "20", description = "Cycles measured after 3 warm-up cycles.")
    int cycles;

    @Option(names = "--batch-size", description = "Gateways per performance request (default: the ingest's default).")
    Integer batchSize;

    @Option(names = "--max-concurrency", description = "Requests in flight (default: the ingest's default).")
    Integer maxConcurrency;

    @Override
    public Integer call() throws Exception {
        int warmup = 3;
        try (LocalCluster cluster = LocalCluster.start();
             CopilotSimulator simulator = CopilotSimulator.start(SimulatorConfig.defaults()
                     .withExtraSpokes(Math.max(0, gateways - MODELLED_SPOKES))
                     .withLatency(Duration.ofMillis(latencyMs)))) {
            Settings settings = LocalParts.withSimulator(cluster.settings(Map.of(PollSettings.BACKFILL.name(), "1h")),
                    simulator);
            if (batchSize != null) {
                settings = settings.with(PollSettings.BATCH_SIZE.name(), batchSize.toString());
            }
            if (maxConcurrency != null) {
                settings = settings.with(CopilotSettings.MAX_CONCURRENCY.name(), maxConcurrency.toString());
            }
            IngestConfig config = IngestConfig.from(settings);
            try (IngestService ingest = IngestService.open(config, Clock.systemUTC())) {
                ingest.refreshInventory().toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
                CounterPoller poller = ingest.counters();
                Instant first = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(cycles + warmup + 2L));
                // A baseline slice so the measured ones are ordinary live cycles.
                await(poller.pollSlice(first.minus(Duration.ofMinutes(1)), first));
                Latencies latencies = new Latencies(cycles);
                long callsBefore = 0;
                for (int i = 0; i < warmup + cycles; i++) {
                    Instant from = first.plus(Duration.ofMinutes(i));
                    if (i == warmup) {
                        callsBefore = simulator.stats().calls(Stats.PERFORMANCE);
                    }
                    long started = System.nanoTime();
                    CounterPoller.SliceOutcome outcome = await(poller.pollSlice(from, from.plus(Duration.ofMinutes(1))));
                    if (i >= warmup) {
                        latencies.record(System.nanoTime() - started);
                    }
                    if (outcome.snapshots() == 0) {
                        throw new IllegalStateException("a cycle wrote no snapshots: " + outcome);
                    }
                }
                long calls = simulator.stats().calls(Stats.PERFORMANCE) - callsBefore;
                System.out.printf("poll cycle, %d gateways, %d ms per call, batch %d, concurrency %d: %s; "
                                + "%.1f performance requests per cycle%n",
                        gateways, latencyMs, config.poll().batchSize(), config.copilot().maxConcurrency(), latencies.summary(),
                        (double) calls / cycles);
            }
        }
        return 0;
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
    }
}
