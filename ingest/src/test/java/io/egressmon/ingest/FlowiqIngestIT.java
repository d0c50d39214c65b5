package io.egressmon.ingest;

import io.egressmon.avro.TalkerRole;
import static io.egressmon.ingest.Infrastructure.at;
import static io.egressmon.ingest.Infrastructure.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.avro.TalkerBytes;
import io.egressmon.copilot.sim.Faults;
import io.egressmon.copilot.sim.SimulatorConfig;
import io.egressmon.copilot.sim.Stats;
import io.egressmon.avro.FlowDirection;
import io.egressmon.copilot.sim.flowiq.TalkerTruth;
import io.egressmon.ingest.flowiq.FlowiqPoller;
import io.egressmon.ingest.flowiq.FlowiqSlice;
import io.egressmon.schemas.Topics;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The FlowIQ poller against the simulator's field_agg and a real broker. The talker records written
 * are added up per spoke, role and direction and compared with the simulator's ground truth, to the
 * byte: with a {@code size} that holds every key, slices {@code [a, b)} sent as {@code gte = a,
 * lte = b − 1 ms} must neither lose nor double a flow record.
 */
@DisplayName("FlowIQ ingest against the simulator and a real broker")
class FlowiqIngestIT {
    private static final Duration LIVE = Duration.ofMinutes(15);
    private static final Duration SETTLE = Duration.ofMinutes(2);
    /** Larger than any sub-query's key count over a few days: answers are never cut. */
    private static final int ALL_KEYS = 20_000;

    private Infrastructure infra;

    @BeforeEach
    void start() {
        infra = new Infrastructure();
    }

    @AfterEach
    void stop() {
        infra.close();
    }

    /** Some minutes past a whole hour, a day before the simulator's present: history exists and the clock is not on the grid. */
    private Instant pastNow() {
        return infra.sim.estate().anchor().minus(Duration.ofDays(1)).plus(Duration.ofMinutes(37)).plusSeconds(13);
    }

    /**
     * The FlowIQ ingest with {@code backfill} and {@code size}, in day slices only (no hourly part: the
     * hourly backfill is the end-to-end test's), then {@code more} as name, value…
     */
    private IngestConfig config(Duration backfill, int size, String... more) {
        String[] all = java.util.Arrays.copyOf(more, more.length + 6);
        all[more.length] = "EGRESSMON_BACKFILL";
        all[more.length + 1] = backfill.toString();
        all[more.length + 2] = "EGRESSMON_FLOWIQ_SIZE";
        all[more.length + 3] = String.valueOf(size);
        all[more.length + 4] = "EGRESSMON_FLOWIQ_HOURLY_BACKFILL";
        all[more.length + 5] = "0s";
        return infra.flowiqConfig(all);
    }

    /** Where a caught-up poller stands at {@code now}: the last live-slice boundary that has settled. */
    private static Instant caughtUp(Instant from, Instant now) {
        long slices = Duration.between(from, now.minus(SETTLE)).toMillis() / LIVE.toMillis();
        return from.plus(LIVE.multipliedBy(slices));
    }

    private List<TalkerBytes> talkers() {
        List<ConsumerRecord<String, TalkerBytes>> records = infra.readAll(Topics.TALKER_BYTES);
        records.forEach(r -> assertEquals(r.key(), r.value().getGateway(), "keyed by gateway"));
        return records.stream().map(ConsumerRecord::value).toList();
    }

    private record Cell(String gateway, TalkerRole role, FlowDirection direction) {
    }

    private static Cell cell(TalkerBytes t) {
        return new Cell(t.getGateway(), TalkerRole.valueOf(t.getRole().name()),
                FlowDirection.valueOf(t.getDirection().name()));
    }

    /**
     * The records add up, per spoke, role and direction (and so merged by IP per spoke and role), to
     * the truth over {@code [from, to)}; no IP of a slice and sub-query appears twice; the slices of
     * each spoke tile {@code [from, to)}.
     */
    private void assertMatchesTruth(List<TalkerBytes> records, Instant from, Instant to) {
        Map<Cell, Map<String, Long>> written = new HashMap<>();
        Set<String> seen = new HashSet<>();
        Map<String, TreeMap<Instant, Instant>> slices = new TreeMap<>();
        for (TalkerBytes t : records) {
            assertEquals("flowiq", t.getSource());
            assertFalse(t.getTruncated(), "size holds every key: " + t);
            String id = t.getGateway() + "|" + t.getSliceStart() + "|" + t.getRole() + "|" + t.getDirection() + "|" + t.getIp();
            assertTrue(seen.add(id), "written once: " + id);
            written.computeIfAbsent(cell(t), k -> new HashMap<>()).merge(t.getIp(), t.getBytes(), Long::sum);
            Instant end = slices.computeIfAbsent(t.getGateway(), k -> new TreeMap<>()).put(t.getSliceStart(), t.getSliceEnd());
            assertTrue(end == null || end.equals(t.getSliceEnd()), "one slice per start");
        }
        slices.forEach((gateway, bySlice) -> {
            assertTrue(!bySlice.firstKey().isBefore(from) && !bySlice.lastEntry().getValue().isAfter(to), gateway);
            Instant previousEnd = null;
            for (Map.Entry<Instant, Instant> s : bySlice.entrySet()) {
                assertTrue(previousEnd == null || !s.getKey().isBefore(previousEnd), gateway + ": slices do not overlap");
                previousEnd = s.getValue();
            }
        });

        TalkerTruth truth = infra.sim.talkerTruth(from, to);
        Set<String> inventory = infra.sim.estate().spokes().stream().map(io.egressmon.copilot.sim.Gateway::name)
                .collect(java.util.stream.Collectors.toSet());
        assertEquals(inventory, new HashSet<>(truth.gateways()), "every spoke has flows");
        long external = 0;
        for (String gateway : truth.gateways()) {
            for (TalkerRole role : TalkerRole.values()) {
                Map<String, Long> merged = new HashMap<>();
                for (FlowDirection direction : FlowDirection.values()) {
                    Map<String, Long> got = written.getOrDefault(new Cell(gateway, role, direction), Map.of());
                    assertEquals(truth.bytes(gateway, role, direction), withoutZeros(got),
                            gateway + " " + role + " " + direction);
                    got.forEach((ip, b) -> merged.merge(ip, b, Long::sum));
                }
                assertEquals(role == TalkerRole.EXTERNAL ? truth.destinations(gateway) : truth.sources(gateway),
                        withoutZeros(merged), gateway + " " + role + " merged by IP");
            }
            external += truth.distinctExternal(gateway);
        }
        assertTrue(external > 100, "a real workload: " + external + " external IPs");
    }

    private static Map<String, Long> withoutZeros(Map<String, Long> bytes) {
        Map<String, Long> copy = new HashMap<>(bytes);
        copy.values().removeIf(b -> b == 0);
        return copy;
    }

    private Map<String, Instant> watermarks() {
        Map<String, Instant> out = new TreeMap<>();
        infra.readAll(Topics.FLOWIQ_WATERMARKS)
                .forEach(r -> out.put(r.key(), r.value().getPolledUntil()));
        return out;
    }

    private static void runUntil(IngestService service, Instant target) throws InterruptedException {
        Infrastructure.waitFor("the FlowIQ poller to reach " + target, Duration.ofSeconds(60),
                () -> !service.flowiq().cursor().isBefore(target));
    }

    @Test
    @DisplayName("a 3-day backfill in slices cut at UTC midnight, alongside the counters, adds up to the truth per spoke, role and direction")
    void backfillMatchesTruth() throws Exception {
        Instant now = pastNow();
        Instant from = FlowiqSlice.firstStart(now, Duration.ofDays(3));
        Instant end = caughtUp(from, now);
        // Slices never cross UTC midnight: one per UTC day that [from, end) touches.
        long day = Duration.ofDays(1).toMillis();
        long slices = Math.floorDiv(end.toEpochMilli() - 1, day) - Math.floorDiv(from.toEpochMilli(), day) + 1;

        long written;
        try (IngestService service = IngestService.start(config(Duration.ofDays(3), ALL_KEYS), at(now))) {
            assertEquals(from, service.flowiq().cursor());
            runUntil(service, end);
            IngestStats stats = service.stats();
            assertEquals(slices, stats.flowiqSlicesCommitted.get(), "day slices, the rest in the last one");
            assertEquals(slices * 14 * 4, stats.flowiqQueries.get(), "four sub-queries per spoke and slice");
            written = stats.flowiqRecordsWritten.get();
            assertEquals(0, stats.flowiqSlicesFailed.get());
            assertEquals(0, stats.flowiqTruncatedSubqueries.get());
            assertEquals(0, stats.flowiqSkippedBuckets.get() + stats.flowiqUnexpectedIps.get());
            assertEquals(end, service.flowiq().cursor());
            assertTrue(service.flowiq().due().isEmpty(), "caught up");
            Infrastructure.waitFor("the counters to catch up too", Duration.ofSeconds(60),
                    () -> !service.counters().cursor().isBefore(now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES)));
            assertEquals(0, stats.slicesFailed.get());
        }

        assertEquals(written, talkers().size(), "every record counted was committed, and only those");
        assertMatchesTruth(talkers(), from, end);
        Map<String, Instant> watermarks = watermarks();
        assertEquals(14, watermarks.size());
        assertTrue(watermarks.values().stream().allMatch(end::equals), watermarks.toString());
    }

    @Test
    @DisplayName("a restart mid-backfill continues from the committed watermark: nothing lost, nothing written twice")
    void restartContinues() throws Exception {
        Instant now = pastNow();
        Instant from = FlowiqSlice.firstStart(now, Duration.ofDays(3));
        Instant end = caughtUp(from, now);
        IngestConfig config = config(Duration.ofDays(3), ALL_KEYS);

        Instant committed;
        try (IngestService first = IngestService.open(config, at(now))) {
            for (int i = 0; i < 2; i++) {
                FlowiqPoller.SliceOutcome o = await(first.pollFlowiqOnce());
                assertTrue(o.behind() && !o.idle() && o.spokes() == 14, o.toString());
            }
            committed = first.flowiq().cursor();
            assertEquals(from.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofDays(2)), committed,
                    "the rest of the first day, then a whole day");
            first.pollFlowiqOnce(); // in flight when the service closes: either committed whole, or not at all
        }

        try (IngestService second = IngestService.open(config, at(now))) {
            Instant resumed = second.flowiq().cursor();
            assertTrue(resumed.equals(committed) || resumed.equals(committed.plus(Duration.ofDays(1))), "resumed at " + resumed);
            second.startPolling();
            runUntil(second, end);
        }
        assertMatchesTruth(talkers(), from, end);
    }

    @Test
    @DisplayName("with 20 % errors, sessions expiring every second and 2 s stalls, the backfill completes and still adds up exactly")
    void faultsDoNotChangeTheNumbers() throws Exception {
        infra.close();
        infra = new Infrastructure(SimulatorConfig.defaults().withLatency(Duration.ofMillis(20)));
        Instant now = pastNow();
        Instant from = FlowiqSlice.firstStart(now, Duration.ofDays(2));
        Instant end = caughtUp(from, now);
        infra.sim.faults(Faults.none().withErrorRate(0.2).withSessionTtl(Duration.ofSeconds(1))
                .withStalls(0.05, Duration.ofSeconds(2)));
        IngestConfig config = config(Duration.ofDays(2), ALL_KEYS, "EGRESSMON_REQUEST_TIMEOUT", "1s");

        IngestStats stats;
        try (IngestService service = IngestService.start(config, at(now))) {
            runUntil(service, end);
            stats = service.stats();
        }
        Stats sim = infra.sim.stats();
        assertTrue(sim.injected503s() > 0 && sim.expiredSessions() > 0 && sim.injectedStalls() > 0, sim.toString());
        assertTrue(stats.retries.get() > 0 && stats.relogins.get() > 0, stats.toString());
        assertMatchesTruth(talkers(), from, end);
    }

    @Test
    @DisplayName("one live slice from outside: four calls per spoke; an answer cut at size holds the truth's top keys and says it is truncated")
    void liveSliceAndTruncation() throws Exception {
        Instant now = pastNow();
        Instant end = caughtUp(FlowiqSlice.firstStart(now, Duration.ofHours(1)), now);
        Instant start = end.minus(LIVE);
        int size = 5;
        try (IngestService service = IngestService.open(config(Duration.ofHours(1), size), at(now))) {
            await(service.refreshInventory());
            long before = infra.sim.stats().calls(Stats.FIELD_AGG);
            FlowiqPoller.SliceOutcome o = await(service.flowiq().pollSlice(start, end));
            assertEquals(14, o.spokes());
            assertEquals(14 * 4, o.calls());
            assertEquals(o.calls(), infra.sim.stats().calls(Stats.FIELD_AGG) - before, "what the slice cost CoPilot");
            assertFalse(o.behind());
            assertEquals(end, service.flowiq().cursor());
            Future<FlowiqPoller.SliceOutcome> again = service.flowiq().pollSlice(start, end);
            assertTrue(again.failed() && again.cause().getMessage().contains("already written"), "a slice already written is refused");

            TalkerTruth truth = infra.sim.talkerTruth(start, end);
            Map<Cell, List<TalkerBytes>> written = new HashMap<>();
            talkers().forEach(t -> written.computeIfAbsent(cell(t), k -> new java.util.ArrayList<>()).add(t));
            int truncated = 0;
            for (String gateway : truth.gateways()) {
                for (TalkerRole role : TalkerRole.values()) {
                    for (FlowDirection direction : FlowDirection.values()) {
                        Map<String, Long> all = truth.bytes(gateway, role, direction);
                        List<TalkerBytes> got = written.getOrDefault(new Cell(gateway, role, direction), List.of());
                        Map<String, Long> top = new HashMap<>();
                        TalkerTruth.rank(all, size).forEach(r -> top.put(r.ip(), r.bytes()));
                        Map<String, Long> gotBytes = new HashMap<>();
                        got.forEach(t -> gotBytes.put(t.getIp(), t.getBytes()));
                        String where = gateway + " " + role + " " + direction;
                        assertEquals(top, gotBytes, where);
                        boolean cut = all.size() >= size;
                        truncated += cut ? 1 : 0;
                        assertTrue(got.stream().allMatch(t -> t.getTruncated() == cut), where + " truncated=" + cut);
                    }
                }
            }
            assertTrue(truncated > 0, "some sub-queries have more than " + size + " keys in 15 minutes");
            assertEquals(truncated, o.truncated());
            assertEquals(truncated, service.stats().flowiqTruncatedSubqueries.get());
        }
    }

    @Test
    @DisplayName("a slice whose calls keep failing writes nothing, stops sending its remaining calls, and is polled again later")
    void failedSliceWritesNothing() throws Exception {
        Instant now = pastNow();
        IngestConfig config = config(Duration.ofHours(2), ALL_KEYS, "EGRESSMON_MAX_CONCURRENCY", "2", "EGRESSMON_MAX_ATTEMPTS", "3");
        try (IngestService service = IngestService.open(config, at(now))) {
            await(service.refreshInventory());
            Instant from = service.flowiq().cursor();
            infra.sim.faults(Faults.none().withErrorRate(1.0));
            long before = infra.sim.stats().calls(Stats.FIELD_AGG);

            ExecutionException e = assertThrows(ExecutionException.class, () -> await(service.pollFlowiqOnce()));
            assertTrue(e.getCause().getMessage().contains("field_agg") && e.getCause().getMessage().contains("HTTP 503"),
                    e.getCause().getMessage());
            long sent = infra.sim.stats().calls(Stats.FIELD_AGG) - before;
            assertTrue(sent <= 2 * 3, "at most the calls in flight, with their retries, were sent: " + sent);
            assertEquals(from, service.flowiq().cursor());
            assertEquals(1, service.stats().flowiqSlicesFailed.get());

            infra.sim.faults(Faults.none());
            FlowiqPoller.SliceOutcome o = await(service.pollFlowiqOnce());
            assertEquals(from, o.start());
            assertEquals(1, service.stats().flowiqSlicesCommitted.get());
            assertMatchesTruth(talkers(), from, o.end());
        }
    }
}
