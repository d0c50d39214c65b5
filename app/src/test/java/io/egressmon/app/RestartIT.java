package io.egressmon.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.ingest.FlowiqSettings;
import io.egressmon.copilot.sim.CopilotSimulator;
import io.egressmon.copilot.sim.SimulatorConfig;
import io.egressmon.streams.StreamsApp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Stopping the ingest and the streams app in the middle of the backfill neither double-counts nor
 * leaves a gap, and the restart is quiet: no task is declared corrupted, nothing is logged at ERROR.
 */
class RestartIT {
    @AutoClose
    private PipelineHarness pipeline;
    @AutoClose
    private LogCapture log;

    @Test
    @DisplayName("after a stop mid-backfill and a start again, every spoke's totals still match ground truth, "
            + "and nothing is logged at ERROR")
    void restartMidBackfillKeepsTotalsExact() throws Exception {
        log = LogCapture.start();
        // Latency makes the backfill take long enough to stop it half-way.
        pipeline = new PipelineHarness(CopilotSimulator.start(SimulatorConfig.defaults().withLatency(Duration.ofMillis(40))));
        StreamsApp streams = pipeline.startStreams("streams");
        // The counters alone: FlowIQ's own restart is covered by the ingest module's FlowiqIngestIT.
        Instant backfillStart = pipeline.startIngest(pipeline.ingestConfig(FlowiqSettings.ENABLED.name(), "false"));

        PipelineHarness.await(() -> pipeline.ingest().stats().slicesCommitted.get() >= 30, Duration.ofMinutes(3),
                () -> "ingest stats " + pipeline.ingest().stats());
        Instant stoppedAt = pipeline.ingest().counters().cursor();
        pipeline.stopIngest();
        pipeline.stopStreams(streams);
        assertTrue(stoppedAt.isBefore(Instant.now().minus(Duration.ofDays(7))),
                "the stop should land mid-backfill (it landed at " + stoppedAt + "); make the simulator slower");

        StreamsApp restarted = pipeline.startStreams("streams");
        pipeline.startIngest(pipeline.ingestConfig(FlowiqSettings.ENABLED.name(), "false"));
        pipeline.awaitPolledUntil(Instant.now().minus(Duration.ofMinutes(2)), Duration.ofMinutes(6));
        Instant until = pipeline.lastCoarseSliceEnd(backfillStart);

        pipeline.assertMatchesTruth(restarted, backfillStart, until, Duration.ofMinutes(4));
        List<String> errors = ChildJvm.errorLines(log.lines());
        assertTrue(errors.isEmpty(), () -> errors.size() + " ERROR line(s):\n" + String.join("\n", errors));
        List<String> corrupted = log.lines().stream().filter(l -> l.contains("TaskCorruptedException")).toList();
        assertTrue(corrupted.isEmpty(), () -> "tasks declared corrupted on a clean restart:\n" + String.join("\n", corrupted));
    }
}
