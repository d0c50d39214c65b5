package io.egressmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.ApiJson;
import io.egressmon.api.coverage.CoverageAnswer;
import io.egressmon.api.coverage.GatewayCoverage;
import io.egressmon.api.coverage.StepCoverage;
import io.egressmon.config.Settings;
import io.egressmon.copilot.sim.CopilotSimulator;
import io.egressmon.copilot.sim.ManualClock;
import io.egressmon.copilot.sim.SimulatorConfig;
import io.egressmon.copilot.sim.flows.FlowExportSettings;
import io.egressmon.copilot.sim.flows.FlowExporter;
import io.egressmon.copilot.sim.flows.FlowTruth;
import io.egressmon.copilot.sim.flows.SpokeExporter;
import io.egressmon.ingest.FlowiqSettings;
import io.egressmon.ingest.IngestService;
import io.egressmon.ingest.PollSettings;
import io.egressmon.ingest.netflow.CollectorSettings;
import io.egressmon.ingest.netflow.FlowCollector;
import io.egressmon.schemas.Topics;
import io.egressmon.streams.StreamsApp;
import io.egressmon.streams.StreamsAppConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Coverage against the simulator's own books: its spokes export flows (three sampled) and report their
 * counters, the ingest polls the counters minute by minute, and {@code /api/v1/coverage} per 5 minutes
 * must give, per spoke, exactly the egress the flows carried after sampling and exactly the egress the
 * counters counted — so coverage is 1 for the unsampled spokes and the sampling error for the others —
 * with the spoke that reports no metrics flagged. Everything runs on one manual clock, a little behind
 * real time (the flows' stores close a minute an hour after the collector's real clock).
 */
@DisplayName("Flow coverage against the simulator's counters and flows")
class FlowCoverageIT {
    private static final int STEPS = 6;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private PipelineHarness pipeline;
    private IngestService ingest;
    private FlowCollector collector;
    private StreamsApp streams;

    @AfterEach
    void stop() {
        PipelineHarness.close(pipeline, collector, ingest, streams);
    }

    @Test
    @DisplayName("per spoke over the compared 5-minute steps: flow egress = FlowTruth's after sampling, counter egress = the counters', coverage their ratio; no metrics: flagged")
    void coverageIsTheSamplingError() throws Exception {
        Instant t0 = Instant.ofEpochSecond(Math.floorDiv(Instant.now().minus(Duration.ofMinutes(45)).getEpochSecond(), 300) * 300);
        ManualClock clock = new ManualClock(t0.plusSeconds(5));
        CopilotSimulator simulator = CopilotSimulator.start(SimulatorConfig.defaults().withClock(clock)
                .withFlowExport(FlowExportSettings.off().withTick(Duration.ofMillis(200))));
        pipeline = new PipelineHarness(simulator);
        ingest = IngestService.start(pipeline.ingestConfig(PollSettings.BACKFILL.name(), "1h",
                PollSettings.BACKFILL_SLICE.name(), "1m", PollSettings.INTERVAL.name(), "1s",
                FlowiqSettings.ENABLED.name(), "false"), clock);
        Settings settings = LocalParts.withKafka(Settings.of(Map.of(StreamsAppConfig.HTTP_PORT.name(), "0",
                CollectorSettings.NETFLOW_LISTEN.name(), "127.0.0.1:0", CollectorSettings.SFLOW_LISTEN.name(), "none",
                CollectorSettings.EXPORTERS.name(), simulator.flowExportersSetting())), pipeline.kafka, pipeline.registry);
        streams = StreamsApp.start(StreamsAppConfig.from(settings), clock);
        collector = FlowCollector.start(io.egressmon.config.KafkaSettings.from(settings.reader()),
                CollectorSettings.from(settings.reader()));
        FlowExporter exporter = simulator.startFlowExport(collector.addresses().get(0));

        Instant end = t0.plus(Duration.ofMinutes(5L * STEPS));
        for (Instant at = t0.plus(Duration.ofMinutes(10)); !at.isAfter(end); at = at.plus(Duration.ofMinutes(10))) {
            Instant target = at;
            clock.set(target.plusMillis(1_500)); // the exporter sends at most 10 minutes per tick
            PipelineHarness.await(() -> exporter.exportedMinutes().contains(target.minus(Duration.ofMinutes(1))), TIMEOUT,
                    () -> "exported only " + exporter.exportedMinutes());
        }
        FlowTruth truth = simulator.flowTruth();
        PipelineHarness.await(() -> truth.exporters().stream().mapToLong(e -> collector.stats().exporter(e.source()).datagrams())
                .sum() >= exporter.datagramsSent(), TIMEOUT, () -> "the collector has not received every datagram");
        PipelineHarness.await(() -> ingest.counters().cursor() != null && !ingest.counters().cursor().isBefore(end), TIMEOUT,
                () -> "counters polled until " + ingest.counters().cursor());
        FlowPipeline.awaitAcknowledged(collector.stats(), TIMEOUT); // counters: committed before the cursor moves
        PipelineHarness.awaitStreamsCaughtUp(pipeline.kafka.bootstrapServers(),
                List.of(Topics.COUNTER_SNAPSHOTS.name(), Topics.FLOW_RECORDS.name()), TIMEOUT);

        PipelineHarness.Reply reply = pipeline.get(streams, "/api/v1/coverage?step=5m&from=" + t0 + "&to=" + end);
        assertEquals(200, reply.status(), reply.text());
        CoverageAnswer answer = ApiJson.read(reply.text(), CoverageAnswer.class);
        assertEquals(end.minus(Duration.ofMinutes(5)), answer.periodEnd(), "the last step ended less than 3 minutes ago");

        StringBuilder differences = new StringBuilder();
        Map<String, GatewayCoverage> byGateway = new TreeMap<>();
        answer.gateways().forEach(g -> byGateway.put(g.gateway(), g));
        for (SpokeExporter spoke : truth.exporters()) {
            GatewayCoverage got = byGateway.get(spoke.gateway());
            if (got == null) {
                differences.append(spoke.gateway()).append(": missing\n");
                continue;
            }
            boolean metrics = truth.expectedCoverage(spoke.gateway(), t0.minus(Duration.ofHours(1))).isPresent();
            long flows = 0;
            long counters = 0;
            for (StepCoverage step : got.steps()) {
                for (int m = 0; m < 5; m++) {
                    FlowTruth.MinuteTruth minute = truth.minute(spoke.gateway(), step.start().plus(Duration.ofMinutes(m)));
                    flows += minute.collectedEgressBytes();
                    counters += metrics ? minute.counterEgressBytes() : 0;
                }
            }
            boolean suspect = counters == 0 ? flows > 0
                    : (double) flows / counters < answer.bandLow() || (double) flows / counters > answer.bandHigh();
            String want = String.format("%d steps, flows %d, counters %d, suspect %s", STEPS - 2, flows, counters, suspect);
            String have = String.format("%d steps, flows %d, counters %d, suspect %s", got.comparedSteps(),
                    got.flowEgressBytes(), got.counterEgressBytes(), got.samplingSuspect());
            if (!want.equals(have)) {
                differences.append(spoke.gateway()).append(" (1-in-").append(spoke.samplingRate()).append("): expected ")
                        .append(want).append(", got ").append(have).append('\n');
            }
            System.out.printf("%-32s 1-in-%-3d coverage %s%n", spoke.gateway(), spoke.samplingRate(), got.coverage());
        }
        assertEquals("", differences.toString(), "coverage per spoke against the simulator's flows and counters");
        assertTrue(answer.gateways().stream().anyMatch(g -> g.coverage() != null && g.coverage() != 1.0),
                "a sampled spoke's coverage is its sampling error, not 1");
    }
}
