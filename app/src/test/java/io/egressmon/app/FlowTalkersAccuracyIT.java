package io.egressmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.talkers.SpokeTalkers;
import io.egressmon.avro.TalkerRole;
import io.egressmon.copilot.sim.CopilotSimulator;
import io.egressmon.copilot.sim.ManualClock;
import io.egressmon.copilot.sim.SimulatorConfig;
import io.egressmon.copilot.sim.flows.FlowExportSettings;
import io.egressmon.copilot.sim.flows.FlowExporter;
import io.egressmon.copilot.sim.flows.FlowTruth;
import io.egressmon.copilot.sim.flows.SpokeExporter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The simulator's 14 spokes export their flows (NetFlow v9 and IPFIX, three of them sampled 1-in-10 or
 * 1-in-100) to the collector, each from its own 127.0.1.N mapped to its gateway, and the netflow top
 * talkers per spoke are held to {@link FlowTruth}: after sampling (N × the sampled bytes), to the byte,
 * IPs and order included — for every whole minute exported and for the span of them.
 *
 * <p>The simulator runs on a manual clock a few minutes behind real time: one jump exports several
 * minutes at once, and their flows stay well inside the stores' one-hour grace behind stream time (the
 * collector's real clock). The jump ends half-way through a second, as a real clock does: a v9 header
 * gives the export time in whole seconds beside a millisecond uptime, so the exporter must stamp its
 * datagrams on a whole second or every v9 flow would move back by the fraction, into the minute before.
 */
@DisplayName("The simulator's flow export, read back per spoke from the netflow top talkers")
class FlowTalkersAccuracyIT {
    private static final int MINUTES = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private CopilotSimulator simulator;
    private FlowPipeline pipeline;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @DisplayName("for each exported minute and for all of them together, every spoke's destinations and sources are FlowTruth's after-sampling bytes per IP: the same IPs, in the same order, to the byte")
    void perSpokeTalkersEqualFlowTruth() throws Exception {
        Instant first = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(MINUTES + 6));
        ManualClock clock = new ManualClock(first.plusSeconds(5));
        simulator = CopilotSimulator.start(SimulatorConfig.defaults().withClock(clock)
                .withFlowExport(FlowExportSettings.off().withTick(Duration.ofMillis(200))));
        pipeline = FlowPipeline.start(simulator.flowExportersSetting());
        FlowExporter exporter = simulator.startFlowExport(pipeline.netflow());

        clock.set(first.plus(Duration.ofMinutes(MINUTES)).plusMillis(1_500));
        List<Instant> minutes = new ArrayList<>();
        for (int i = 0; i < MINUTES; i++) {
            minutes.add(first.plus(Duration.ofMinutes(i)));
        }
        PipelineHarness.await(() -> exporter.exportedMinutes().size() >= MINUTES, TIMEOUT,
                () -> "exported only " + exporter.exportedMinutes());
        assertEquals(minutes, exporter.exportedMinutes(), "the minutes exported");
        assertEquals(0, exporter.sendFailures(), "datagrams the exporter could not send");
        FlowTruth truth = simulator.flowTruth();
        pipeline.awaitCollected(truth.exporters().stream().map(SpokeExporter::source).toList(), exporter.datagramsSent(), TIMEOUT);

        Map<String, Map<Instant, EgressTalkers>> expected = new TreeMap<>();
        for (SpokeExporter spoke : truth.exporters()) {
            Map<Instant, EgressTalkers> byMinute = new LinkedHashMap<>();
            for (Instant m : minutes) {
                FlowTruth.MinuteTruth t = truth.minute(spoke.gateway(), m);
                byMinute.put(m, new EgressTalkers(keyed(t.collected(TalkerRole.EXTERNAL)), keyed(t.collected(TalkerRole.INTERNAL))));
            }
            expected.put(spoke.gateway(), byMinute);
        }
        long spokesWithTalkers = expected.values().stream().filter(m -> m.values().stream().anyMatch(t -> !t.isEmpty())).count();
        assertTrue(spokesWithTalkers >= 10, "FlowTruth has egress talkers for only " + spokesWithTalkers + " of 14 spokes");

        StringBuilder differences = new StringBuilder();
        for (int i = 0; i <= MINUTES; i++) {
            Instant from = i < MINUTES ? minutes.get(i) : first;
            Instant to = i < MINUTES ? from.plus(Duration.ofMinutes(1)) : first.plus(Duration.ofMinutes(MINUTES));
            Map<String, EgressTalkers> want = expected.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    e -> EgressTalkers.sum(e.getValue().entrySet().stream().filter(m -> !m.getKey().isBefore(from)
                            && m.getKey().isBefore(to)).map(Map.Entry::getValue).toList())));
            Map<String, SpokeTalkers> got = pipeline.perSpoke(from, to, null,
                    answer -> differences(want, answer).isEmpty(), Duration.ofSeconds(20));
            String d = differences(want, got);
            if (!d.isEmpty()) {
                differences.append("[").append(from).append(", ").append(to).append(")\n").append(d);
            }
            System.out.printf("[%s, %s): %d spokes, %d destination and %d source rows%n", from, to, got.size(),
                    got.values().stream().mapToInt(s -> s.destinations().size()).sum(),
                    got.values().stream().mapToInt(s -> s.sources().size()).sum());
        }
        assertEquals("", differences.toString(), "netflow top talkers per spoke against FlowTruth (ip=bytes, in ranking order)");
    }

    /** One block per spoke whose rankings are not the expected ones (IPs, order, bytes); "" when all are. */
    private static String differences(Map<String, EgressTalkers> expected, Map<String, SpokeTalkers> answer) {
        StringBuilder out = new StringBuilder();
        for (String gateway : answer.keySet()) {
            if (!expected.containsKey(gateway)) {
                out.append("  ").append(gateway).append(": not a simulated spoke, yet in the answer\n");
            }
        }
        expected.forEach((gateway, talkers) -> {
            SpokeTalkers spoke = answer.get(gateway);
            List<String> destinations = spoke == null ? List.of() : EgressTalkers.rows(spoke.destinations());
            List<String> sources = spoke == null ? List.of() : EgressTalkers.rows(spoke.sources());
            List<String> wantDestinations = EgressTalkers.ranked(talkers.destinations());
            List<String> wantSources = EgressTalkers.ranked(talkers.sources());
            if (!destinations.equals(wantDestinations) || !sources.equals(wantSources)) {
                out.append("  ").append(gateway).append(":\n")
                        .append(EgressTalkers.of(spoke).differencesFrom(talkers))
                        .append("    destinations expected ").append(wantDestinations).append("\n                 got ")
                        .append(destinations).append("\n    sources expected ").append(wantSources)
                        .append("\n            got ").append(sources).append('\n');
            }
        });
        return out.toString();
    }

    private static Map<String, Long> keyed(Map<String, Long> bytesByIp) {
        return bytesByIp.entrySet().stream().filter(e -> e.getValue() > 0)
                .collect(Collectors.toMap(e -> EgressTalkers.key(e.getKey()), Map.Entry::getValue, Long::sum, TreeMap::new));
    }
}
