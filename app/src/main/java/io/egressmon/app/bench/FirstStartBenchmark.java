package io.egressmon.app.bench;

import io.egressmon.api.ApiJson;
import io.egressmon.api.bandwidth.BandwidthAnswer;
import io.egressmon.api.talkers.TopTalkersAnswer;
import io.egressmon.app.LocalParts;
import io.egressmon.copilot.sim.CopilotSimulator;
import io.egressmon.copilot.sim.SimulatorConfig;
import io.egressmon.ingest.IngestConfig;
import io.egressmon.ingest.IngestService;
import io.egressmon.ingest.PollSettings;
import io.egressmon.streams.StreamsApp;
import io.egressmon.streams.StreamsAppConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What {@code egressmon run} does on a first start, with a bigger simulated estate: the embedded broker
 * and registry, the simulator with {@code --spokes} spokes, the ingest's backfill of {@code --days},
 * one streams-app instance; timed from the start of the ingest until a {@code days}-day bandwidth
 * answer and a {@code days}-day top-talkers answer both say {@code complete: true}.
 */
@Command(name = "first-start", mixinStandardHelpOptions = true,
        description = "Time from a first start with N simulated spokes until D days of bandwidth and top talkers answer completely.")
final class FirstStartBenchmark implements Callable<Integer> {
    private static final int MODELLED_SPOKES = 14;

    @Option(names = "--spokes", defaultValue = "500", description = "Spokes (default ${DEFAULT-VALUE}).")
    int spokes;

    @Option(names = "--days", defaultValue = "30", description = "Backfill and question, in days (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--timeout", defaultValue = "PT60M", description = "Give up after this long (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        Path stateDir = Files.createTempDirectory("egressmon-bench-first-start");
        try (LocalCluster cluster = LocalCluster.start();
             CopilotSimulator simulator = CopilotSimulator.start(SimulatorConfig.defaults()
                     .withExtraSpokes(Math.max(0, spokes - MODELLED_SPOKES)))) {
            cluster.createTopics();
            StreamsAppConfig streamsConfig = cluster.streamsConfig(stateDir);
            try (StreamsApp app = StreamsApp.start(streamsConfig)) {
                long started = System.nanoTime();
                IngestConfig config = IngestConfig.from(LocalParts.withSimulator(cluster.settings(Map.of(
                        PollSettings.BACKFILL.name(), days + "d")), simulator));
                try (IngestService ingest = IngestService.start(config)) {
                    URI bandwidth = URI.create(app.url() + "/api/v1/bandwidth?days=" + days);
                    URI talkers = URI.create(app.url() + "/api/v1/top-talkers?days=" + days + "&top=10");
                    double bandwidthSeconds = -1;
                    double talkersSeconds = -1;
                    long deadline = started + timeout.toNanos();
                    long report = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while ((bandwidthSeconds < 0 || talkersSeconds < 0) && System.nanoTime() < deadline) {
                        double now = (System.nanoTime() - started) / 1e9;
                        if (bandwidthSeconds < 0 && complete(bandwidth, BandwidthAnswer.class)) {
                            bandwidthSeconds = now;
                            System.out.printf("%d days of bandwidth answer completely after %.1f s%n", days, now);
                        }
                        if (talkersSeconds < 0 && complete(talkers, TopTalkersAnswer.class)) {
                            talkersSeconds = now;
                            System.out.printf("%d days of top talkers answer completely after %.1f s%n", days, now);
                        }
                        if (System.nanoTime() > report) {
                            report += Duration.ofSeconds(30).toNanos();
                            System.out.printf("%.0f s: still backfilling%n", now);
                        }
                        Thread.sleep(500);
                    }
                    if (bandwidthSeconds < 0 || talkersSeconds < 0) {
                        throw new IllegalStateException("not complete within " + timeout + ": bandwidth "
                                + (bandwidthSeconds < 0 ? "incomplete" : "complete") + ", top talkers "
                                + (talkersSeconds < 0 ? "incomplete" : "complete"));
                    }
                    System.out.printf("bench first-start spokes=%d days=%d bandwidth_complete_s=%.1f "
                                    + "talkers_complete_s=%.1f complete_s=%.1f%n", spokes, days, bandwidthSeconds,
                            talkersSeconds, Math.max(bandwidthSeconds, talkersSeconds));
                }
            }
        }
        return 0;
    }

    /** Whether {@code url} answers 200 with {@code complete: true}; 503 while starting counts as not yet. */
    private static boolean complete(URI url, Class<?> type) {
        try {
            Object answer = ApiJson.read(LoadClient.get(url), type);
            return answer instanceof BandwidthAnswer b ? b.covered().complete()
                    : ((TopTalkersAnswer) answer).covered().complete();
        } catch (java.io.IOException e) {
            return false; // not ready yet (503) or a connection refused while starting
        }
    }
}
