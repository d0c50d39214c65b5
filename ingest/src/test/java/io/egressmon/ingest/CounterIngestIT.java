package io.egressmon.ingest;

import static io.egressmon.ingest.Infrastructure.at;
import static io.egressmon.ingest.Infrastructure.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.avro.CounterSnapshot;
import io.egressmon.avro.Gateway;
import io.egressmon.copilot.sim.Estate;
import io.egressmon.copilot.sim.Faults;
import io.egressmon.copilot.sim.GatewayTruth;
import io.egressmon.copilot.sim.GroundTruth;
import io.egressmon.copilot.sim.InterfaceDelta;
import io.egressmon.copilot.sim.SimulatorConfig;
import io.egressmon.ingest.counters.CounterPoller;
import io.egressmon.ingest.counters.Ledger;
import io.egressmon.ingest.counters.Metric;
import io.egressmon.ingest.counters.Snapshot;
import io.egressmon.ingest.counters.Slice;
import io.egressmon.schemas.Topics;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The counter poller against the real simulator and a real broker. Ingest's clock is set days
 * before the simulator's present, so that a short backfill covers the estate's reboot and its late
 * tunnel; the snapshots written are added up with design.md's reset rule and compared with the
 * simulator's ground truth, to the byte.
 */
@DisplayName("Counter ingest against the simulator and a real broker")
class CounterIngestIT {
    private Infrastructure infra;
    private Estate estate;

    @BeforeEach
    void start() {
        infra = new Infrastructure();
        estate = infra.sim.estate();
    }

    @AfterEach
    void stop() {
        infra.close();
    }

    /** Adds up every committed snapshot; checks each spoke with data against the truth over {@code (from, to]}. */
    private Ledger assertMatchesTruth(Instant from, Instant to) {
        Ledger ledger = new Ledger();
        List<ConsumerRecord<String, CounterSnapshot>> records = infra.readAll(Topics.COUNTER_SNAPSHOTS);
        for (ConsumerRecord<String, CounterSnapshot> r : records) {
            assertEquals(r.key(), r.value().getGateway());
            ledger.apply(Snapshot.fromAvro(r.value()));
        }
        GroundTruth truth = infra.sim.truth(from, to);
        int checked = 0;
        for (GatewayTruth spoke : truth.spokes()) {
            if (spoke.interfaces().isEmpty()) {
                assertTrue(ledger.totals(spoke.gateway()).isEmpty(), spoke.gateway() + " has no data and no readings");
                continue;
            }
            assertEquals(spoke.interfaces().keySet(), ledger.totals(spoke.gateway()).keySet(), spoke.gateway() + " interfaces");
            for (Map.Entry<String, InterfaceDelta> iface : spoke.interfaces().entrySet()) {
                String where = spoke.gateway() + "/" + iface.getKey();
                assertEquals(iface.getValue().rxBytes(), ledger.total(spoke.gateway(), iface.getKey(), Metric.RX), where + " rx");
                assertEquals(iface.getValue().txBytes(), ledger.total(spoke.gateway(), iface.getKey(), Metric.TX), where + " tx");
            }
            checked++;
        }
        assertEquals(13, checked, "every spoke with metrics was checked");
        assertEquals(0, ledger.outOfOrder(), "no snapshot went back in time");
        assertEquals(0, ledger.duplicates(), "no snapshot was written twice");
        assertTrue(records.stream().noneMatch(r -> !estate.require(r.key()).isSpoke()), "spokes only");
        return ledger;
    }

    private void runUntilCaughtUp(IngestService service, Instant target) throws InterruptedException {
        Infrastructure.waitFor("the counter poller to reach " + target, Duration.ofSeconds(90),
                () -> !service.counters().cursor().isBefore(target));
    }

    @Test
    @DisplayName("a backfill over the reboot and the late tunnel writes readings that add up to the truth, to the byte")
    void backfillMatchesTruth() throws Exception {
        // 4 days ending 8.5 days before the simulator's anchor: holds the reboot (−12 d) and the late tunnel (−9 d).
        Instant now = estate.anchor().minus(Duration.ofDays(8)).minus(Duration.ofHours(12));
        Instant from = Slice.firstStart(now, Duration.ofDays(4));
        assertTrue(from.isBefore(estate.reboot().down()) && estate.reboot().up().isBefore(now), "the window holds the reboot");
        assertTrue(from.isBefore(estate.lateTunnel().createdAt()), "the window holds the late tunnel's creation");
        IngestConfig config = infra.config("EGRESSMON_BACKFILL", "4d");

        try (IngestService service = IngestService.start(config, at(now))) {
            runUntilCaughtUp(service, now);
            IngestStats stats = service.stats();
            assertTrue(stats.bisections.get() > 0, "the reboot was bisected");
            assertTrue(stats.resets.get() >= 1);
            assertTrue(stats.gatewaysWithoutMetrics.get() > 0, "the spoke without metrics was seen and counted");
            assertEquals(0, stats.slicesFailed.get());
            assertEquals(0, stats.failedCalls.get());
            long slices = 0;
            for (Instant c = from; ; ) {
                var next = Slice.next(c, now, config.poll().backfillSlice());
                if (next.isEmpty()) {
                    break;
                }
                slices++;
                c = next.get().end();
            }
            assertTrue(slices >= Duration.between(from, now).toHours(), "hourly slices: " + slices);
            assertEquals(slices, stats.slicesCommitted.get(), "4 days (and the minutes floored off) in slices of 1 h");
        }

        Ledger ledger = assertMatchesTruth(from, now);
        assertTrue(ledger.resets() >= 3, "eth0 and both tunnels of the rebooted spoke restarted: " + ledger.resets());
        Map<String, Long> kinds = new TreeMap<>();
        infra.readAll(Topics.COUNTER_SNAPSHOTS)
                .forEach(r -> kinds.merge(r.value().getKind().name(), 1L, Long::sum));
        assertTrue(kinds.get("BISECT") > 0 && kinds.get("BASELINE") == 13 + 1 && kinds.get("BACKFILL") > 0, kinds.toString());
    }

    @Test
    @DisplayName("the inventory holds the spokes only, with vpc_name as in the sample report and sorted tunnels")
    void inventory() throws Exception {
        Instant now = estate.anchor();
        try (IngestService service = IngestService.open(infra.config(), at(now))) {
            var outcome = await(service.refreshInventory());
            assertEquals(19, outcome.gateways());
            assertEquals(14, outcome.spokes());
            assertEquals(14, outcome.updated());
            assertEquals(0, await(service.refreshInventory()).updated(), "nothing changed, nothing written");
        }
        Map<String, Gateway> topic = new TreeMap<>();
        infra.readAll(Topics.INVENTORY).forEach(r -> topic.put(r.key(), r.value()));
        assertEquals(14, topic.size());
        Gateway azure = topic.get("marketing-azure-spoke-all");
        assertEquals("spoke", azure.getGwType(), "lower-cased from 'Spoke'");
        assertEquals("marketing-azure-spoke-all", azure.getVpcName());
        assertEquals("enterprise-data-gcp-spoke-dev", topic.get("enterprise-data-gcp-spoke-dev").getVpcName());
        assertEquals("operations-oci-spoke-shared", topic.get("operations-oci-spoke-shared").getVpcName());
        assertEquals("accounting-aws-spoke-dev", topic.get("accounting-aws-spoke-dev").getVpcName());
        for (Gateway g : topic.values()) {
            List<String> expected = estate.require(g.getGwName()).tunnelsAt(infra.sim.config().clock().instant())
                    .stream().sorted().toList();
            assertEquals(expected, g.getTunnelInterfaces(), g.getGwName());
        }
        assertFalse(topic.get(Estate.OPENVPN_SPOKE).getTunnelInterfaces().contains("tun0"));
    }

    @Test
    @DisplayName("with 20 % errors, sessions expiring every few seconds and 2 s stalls, the poll completes and still adds up exactly")
    void faultsDoNotChangeTheNumbers() throws Exception {
        // 100 ms per answer: the bisection alone (18 queries in a row) outlives a 2 s session.
        infra.close();
        infra = new Infrastructure(SimulatorConfig.defaults().withLatency(Duration.ofMillis(100)));
        estate = infra.sim.estate();
        Instant now = estate.anchor().minus(Duration.ofDays(11));
        Instant from = Slice.firstStart(now, Duration.ofDays(2));
        assertTrue(from.isBefore(estate.reboot().down()), "the window holds the reboot");
        infra.sim.faults(Faults.none().withErrorRate(0.2).withSessionTtl(Duration.ofSeconds(2))
                .withStalls(0.1, Duration.ofSeconds(2)));
        IngestConfig config = infra.config("EGRESSMON_BACKFILL", "2d", "EGRESSMON_REQUEST_TIMEOUT", "1s");

        IngestStats stats;
        try (IngestService service = IngestService.start(config, at(now))) {
            runUntilCaughtUp(service, now);
            stats = service.stats();
        }
        var sim = infra.sim.stats();
        assertTrue(sim.injected503s() > 0 && sim.injectedStalls() > 0 && sim.expiredSessions() > 0, sim.toString());
        assertTrue(stats.retries.get() > 0, stats.toString());
        assertTrue(stats.relogins.get() > 0, stats.toString());
        assertTrue(stats.bisections.get() > 0, stats.toString());
        assertMatchesTruth(from, now);
    }

    @Test
    @DisplayName("a restart continues from the last committed watermark: nothing lost, nothing counted twice")
    void restartContinues() throws Exception {
        Instant now = estate.anchor().minus(Duration.ofDays(11));
        Instant from = Slice.firstStart(now, Duration.ofDays(2));
        IngestConfig config = infra.config("EGRESSMON_BACKFILL", "2d");

        Instant committed;
        try (IngestService first = IngestService.open(config, at(now))) {
            assertEquals(from, first.counters().cursor());
            for (int i = 0; i < 3; i++) {
                CounterPoller.SliceOutcome o = await(first.pollOnce());
                assertFalse(o.idle());
            }
            committed = first.counters().cursor();
            assertEquals(from.plus(Duration.ofHours(3)), committed);
            first.pollOnce(); // in flight when the service closes: either committed whole, or not at all
        }

        try (IngestService second = IngestService.open(config, at(now))) {
            Instant resumed = second.counters().cursor();
            assertTrue(resumed.equals(committed) || resumed.equals(committed.plus(Duration.ofHours(1))), "resumed at " + resumed);
            assertEquals(0, await(second.refreshInventory()).updated(), "the inventory read back needs no rewrite");
            second.startPolling();
            runUntilCaughtUp(second, now);
            assertEquals(0, second.stats().baselines.get(), "every gateway continued from its watermark");
        }
        assertMatchesTruth(from, now);
    }

    @Test
    @DisplayName("one live poll cycle can be run and measured from outside, but never over what is already written")
    void pollSliceFromOutside() throws Exception {
        Instant now = estate.anchor().minus(Duration.ofDays(1));
        try (IngestService service = IngestService.open(infra.config("EGRESSMON_BACKFILL", "1h"), at(now))) {
            await(service.refreshInventory());
            Instant end = now.truncatedTo(ChronoUnit.MINUTES);
            CounterPoller.SliceOutcome o = await(service.counters().pollSlice(end.minus(Duration.ofMinutes(1)), end));
            assertEquals(14, o.gateways());
            assertEquals(13 * 2, o.snapshots(), "a baseline and a reading per spoke with metrics");
            assertEquals(end, service.counters().cursor());
            Future<CounterPoller.SliceOutcome> again = service.counters().pollSlice(end.minus(Duration.ofMinutes(1)), end);
            assertTrue(again.failed() && again.cause().getMessage().contains("already written"),
                    "a slice already written is refused");
        }
    }
}
