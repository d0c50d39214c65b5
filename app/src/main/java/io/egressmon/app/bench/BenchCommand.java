package io.egressmon.app.bench;

import picocli.CommandLine.Command;

/** Benchmarks: figures are measured here, never asserted in timed tests (docs/benchmarks.md). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the ingest poll cycle, REST query latency, the top-talker topology, the flow collector and /metrics scrapes on this machine.",
        subcommands = {PollBenchmark.class, RestBenchmark.class, TalkersBenchmark.class, IngestCostBenchmark.class,
                BackfillCostBenchmark.class, FirstStartBenchmark.class, RestartBenchmark.class, CostBenchmark.class,
                NetflowBenchmark.class, FlowTableBenchmark.class, CliBenchmark.class, MetricsBenchmark.class})
public final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
