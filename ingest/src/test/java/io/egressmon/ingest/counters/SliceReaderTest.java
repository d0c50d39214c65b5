package io.egressmon.ingest.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.ingest.copilot.InterfaceMinMax;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reading slices of counters into snapshots")
class SliceReaderTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Duration SIX_HOURS = Duration.ofHours(6);
    private static final Duration MINUTE = Duration.ofMinutes(1);


    /** Slices {@code [from, to]} by {@code step} like the poll loop, carrying the last readings; adds every snapshot up. */
    private final class Run {
        final MinuteCounters copilot;
        final SliceReader reader;
        final Ledger ledger = new Ledger();
        final List<Snapshot> snapshots = new ArrayList<>();
        Map<String, Map<String, Counters>> last = new TreeMap<>();
        int bisections;
        int resets;

        Run(MinuteCounters copilot, int batchSize) {
            this.copilot = copilot;
            this.reader = new SliceReader(copilot, batchSize, Duration.ofSeconds(60));
            copilot.gateways().forEach(g -> last.put(g, Map.of()));
        }

        Run(MinuteCounters copilot) {
            this(copilot, 50);
        }

        SliceReader.SliceResult slice(Instant a, Instant b) {
            SliceReader.SliceResult r = await(reader.read(a, b, Snapshot.Kind.BACKFILL, last));
            last = new TreeMap<>(r.last());
            r.snapshots().forEach(ledger::apply);
            snapshots.addAll(r.snapshots());
            bisections += r.bisections();
            resets += r.resets();
            return r;
        }

        Run over(Instant from, Instant to, Duration step) {
            for (Instant a = from; a.isBefore(to); ) {
                Instant b = a.plus(step).isAfter(to) ? to : a.plus(step);
                slice(a, b);
                a = b;
            }
            return this;
        }

        void assertExact(Instant from, Instant to) {
            for (String gateway : copilot.gateways()) {
                for (String iface : copilot.interfaces(gateway)) {
                    for (Metric m : Metric.values()) {
                        assertEquals(copilot.truth(gateway, iface, m, from, to), ledger.total(gateway, iface, m),
                                gateway + "/" + iface + " " + m);
                    }
                }
            }
            assertEquals(0, ledger.outOfOrder(), "snapshots went back in time");
            assertEquals(0, ledger.duplicates(), "snapshots repeated an instant");
        }
    }

    private static <T> T await(Future<T> f) {
        assertTrue(f.isComplete(), "the fake answers at once");
        if (f.failed()) {
            throw new AssertionError("failed: " + f.cause(), f.cause());
        }
        return f.result();
    }

    @Test
    @DisplayName("a gateway seen for the first time gets a BASELINE at the slice start, then one reading at the end")
    void baselineThenEnd() {
        MinuteCounters copilot = new MinuteCounters().steady("gw", "eth0", T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofDays(1)), 1);
        Run run = new Run(copilot);
        SliceReader.SliceResult r = run.slice(T0, T0.plus(SIX_HOURS));

        assertEquals(2, r.snapshots().size());
        Snapshot base = r.snapshots().get(0);
        Snapshot end = r.snapshots().get(1);
        assertEquals(Snapshot.Kind.BASELINE, base.kind());
        assertEquals(T0, base.sampledAt());
        assertEquals(Snapshot.Kind.BACKFILL, end.kind());
        assertEquals(T0.plus(SIX_HOURS), end.sampledAt());
        assertEquals(end.interfaces(), r.last().get("gw"));
        assertEquals(0, r.bisections());
        run.assertExact(T0, T0.plus(SIX_HOURS));
    }

    @Test
    @DisplayName("a known gateway without a reset gets exactly one reading, at the slice end, with the max values")
    void knownGatewayOneReading() {
        MinuteCounters copilot = new MinuteCounters().steady("gw", "eth0", T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofDays(1)), 2);
        Run run = new Run(copilot).over(T0, T0.plus(SIX_HOURS), SIX_HOURS);
        int before = run.snapshots.size();

        SliceReader.SliceResult r = run.slice(T0.plus(SIX_HOURS), T0.plus(Duration.ofHours(12)));

        assertEquals(1, r.snapshots().size());
        assertEquals(Snapshot.Kind.BACKFILL, r.snapshots().get(0).kind());
        assertEquals(before + 1, run.snapshots.size());
        run.assertExact(T0, T0.plus(Duration.ofHours(12)));
    }

    @Test
    @DisplayName("a reset inside a 6-hour slice is bisected down to a minute and every byte is still counted once")
    void resetInsideSliceIsBisected() {
        Instant reset = T0.plus(Duration.ofHours(8)).plusSeconds(17 * 60 + 23);
        MinuteCounters copilot = new MinuteCounters()
                .series("gw", "eth0", T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofDays(1)), 3, List.of(reset), List.of())
                .steady("other", "eth0", T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofDays(1)), 4);
        Run run = new Run(copilot).over(T0, T0.plus(Duration.ofDays(1)), SIX_HOURS);

        assertEquals(1, run.resets);
        assertTrue(run.bisections >= 2 * 8, "bisections: " + run.bisections);
        assertTrue(run.snapshots.stream().anyMatch(s -> s.kind() == Snapshot.Kind.BISECT));
        assertTrue(run.snapshots.stream().filter(s -> s.gateway().equals("other")).noneMatch(s -> s.kind() == Snapshot.Kind.BISECT),
                "only the gateway with the reset is bisected");
        assertEquals(1, run.ledger.resets());
        run.assertExact(T0, T0.plus(Duration.ofDays(1)));

        // The drop is read right where it happened: the last sample before it, then the first after it.
        long lastBefore = copilot.sample("gw", "eth0", T0.plus(Duration.ofHours(8)).plusSeconds(17 * 60))[0];
        long firstAfter = copilot.sample("gw", "eth0", T0.plus(Duration.ofHours(8)).plusSeconds(18 * 60))[0];
        List<Long> rx = run.snapshots.stream().filter(s -> s.gateway().equals("gw"))
                .map(s -> s.interfaces().get("eth0").rx()).toList();
        int drop = 0;
        while (rx.get(drop + 1) >= rx.get(drop)) {
            drop++;
        }
        assertEquals(lastBefore, rx.get(drop));
        assertEquals(firstAfter, rx.get(drop + 1));
    }

    @Test
    @DisplayName("a reboot with minutes without samples, then counters from zero, is counted exactly")
    void rebootWithDowntime() {
        Instant down = T0.plus(Duration.ofHours(13)).plusSeconds(17 * 60 + 23);
        Instant up = down.plus(Duration.ofMinutes(7));
        MinuteCounters copilot = new MinuteCounters()
                .series("gw", "eth0", T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofDays(1)), 5, List.of(up),
                        List.<Instant[]>of(new Instant[] {down, up}))
                .series("gw", "tun-a", T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofDays(1)), 6, List.of(up),
                        List.<Instant[]>of(new Instant[] {down, up}));
        Run run = new Run(copilot).over(T0, T0.plus(Duration.ofDays(1)), SIX_HOURS);

        assertEquals(2, run.ledger.resets(), "one reset per interface");
        run.assertExact(T0, T0.plus(Duration.ofDays(1)));
    }

    @Test
    @DisplayName("two resets in the very first slice of a gateway are both found")
    void twoResets() {
        List<Instant> resets = List.of(T0.plus(Duration.ofMinutes(61)), T0.plus(Duration.ofMinutes(301)));
        MinuteCounters copilot = new MinuteCounters()
                .series("gw", "eth0", T0.minus(Duration.ofHours(1)), T0.plus(SIX_HOURS), 7, resets, List.of());
        Run run = new Run(copilot).over(T0, T0.plus(SIX_HOURS), SIX_HOURS);

        assertEquals(2, run.ledger.resets());
        run.assertExact(T0, T0.plus(SIX_HOURS));
    }

    @Test
    @DisplayName("a counter that restarted right at the slice start (its first sample in the slice is already low) is exact")
    void resetAtSliceStart() {
        Instant reset = T0.plus(SIX_HOURS).plusSeconds(30);
        MinuteCounters copilot = new MinuteCounters()
                .series("gw", "eth0", T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofDays(1)), 8, List.of(reset), List.of());
        Run run = new Run(copilot).over(T0, T0.plus(Duration.ofDays(1)), SIX_HOURS);

        assertEquals(1, run.ledger.resets());
        run.assertExact(T0, T0.plus(Duration.ofDays(1)));
    }

    @Test
    @DisplayName("a reset in a one-minute live slice is read as a leaf, without extra queries")
    void resetInLiveSlice() {
        Instant reset = T0.plus(Duration.ofMinutes(10)).plusSeconds(20);
        MinuteCounters copilot = new MinuteCounters()
                .series("gw", "eth0", T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofHours(1)), 9, List.of(reset), List.of());
        Run run = new Run(copilot).over(T0, T0.plus(Duration.ofMinutes(30)), MINUTE);

        assertEquals(0, run.bisections);
        assertEquals(1, run.ledger.resets());
        run.assertExact(T0, T0.plus(Duration.ofMinutes(30)));
    }

    @Test
    @DisplayName("random resets and gaps on many gateways over three days: every byte counted exactly once")
    void randomEstateIsExact() {
        Random random = new Random(20260301);
        Instant from = T0;
        Instant to = T0.plus(Duration.ofDays(3));
        MinuteCounters copilot = new MinuteCounters();
        for (int g = 0; g < 25; g++) {
            for (String iface : List.of("eth0", "tun-a", "tun-b")) {
                List<Instant> resets = new ArrayList<>();
                List<Instant[]> gaps = new ArrayList<>();
                int n = random.nextInt(4);
                for (int k = 0; k < n; k++) {
                    Instant at = from.plusSeconds(60 + random.nextInt((int) Duration.between(from, to).toSeconds() - 120));
                    resets.add(at);
                    if (random.nextBoolean()) {
                        gaps.add(new Instant[] {at.minus(Duration.ofMinutes(random.nextInt(30))), at});
                    }
                }
                copilot.series("gw-" + g, iface, from.minus(Duration.ofHours(1)), to, random.nextLong(), resets, gaps);
            }
        }
        Run run = new Run(copilot, 7).over(from, to, SIX_HOURS);

        assertTrue(run.resets > 0);
        run.assertExact(from, to);
    }

    @Test
    @DisplayName("a null min or max leaves that metric unread for the slice, keeps its last reading, and loses nothing")
    void nullValueKeepsLast() {
        MinuteCounters copilot = new MinuteCounters().steady("gw", "eth0", T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofDays(1)), 10);
        AtomicBoolean blank = new AtomicBoolean();
        copilot.tamper(m -> {
            if (!blank.get()) {
                return m;
            }
            Map<String, InterfaceMinMax> out = new LinkedHashMap<>(m);
            InterfaceMinMax e = out.get("eth0");
            out.put("eth0", new InterfaceMinMax(e.rxMin(), null, e.txMin(), e.txMax()));
            return out;
        });
        Run run = new Run(copilot);
        run.slice(T0, T0.plus(SIX_HOURS));
        Counters before = run.last.get("gw").get("eth0");

        blank.set(true);
        SliceReader.SliceResult second = run.slice(T0.plus(SIX_HOURS), T0.plus(Duration.ofHours(12)));
        blank.set(false);
        Snapshot s = second.snapshots().get(0);
        assertEquals(null, s.interfaces().get("eth0").rx(), "rx not read");
        assertTrue(s.interfaces().get("eth0").tx() != null, "tx read");
        assertEquals(before.rx(), second.last().get("gw").get("eth0").rx(), "last rx kept");

        run.over(T0.plus(Duration.ofHours(12)), T0.plus(Duration.ofDays(1)), SIX_HOURS);
        run.assertExact(T0, T0.plus(Duration.ofDays(1)));
    }

    @Test
    @DisplayName("a gateway CoPilot has no data for gets no snapshot, is counted, and keeps its last readings")
    void gatewayWithoutData() {
        MinuteCounters copilot = new MinuteCounters().silent("quiet")
                .steady("busy", "eth0", T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofDays(1)), 11);
        Run run = new Run(copilot);
        Map<String, Counters> known = Map.of("eth0", Counters.of(5, 6));
        run.last.put("quiet", known);

        SliceReader.SliceResult r = run.slice(T0, T0.plus(SIX_HOURS));

        assertTrue(r.snapshots().stream().noneMatch(s -> s.gateway().equals("quiet")));
        assertEquals(known, r.last().get("quiet"));
        assertEquals(1, r.gatewaysWithoutMetrics());
    }

    @Test
    @DisplayName("an interface that appears on a known gateway gets a BASELINE of its own at the slice start")
    void newInterfaceBaseline() {
        Instant created = T0.plus(Duration.ofHours(9)).plus(Duration.ofMinutes(17));
        MinuteCounters copilot = new MinuteCounters()
                .steady("gw", "eth0", T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofDays(1)), 12)
                .created("gw", "tun-late", created, T0.plus(Duration.ofDays(1)), 13);
        Run run = new Run(copilot).over(T0, T0.plus(Duration.ofDays(1)), SIX_HOURS);

        List<Snapshot> baselines = run.snapshots.stream().filter(s -> s.kind() == Snapshot.Kind.BASELINE).toList();
        assertEquals(2, baselines.size());
        Snapshot late = baselines.get(1);
        assertEquals(T0.plus(SIX_HOURS), late.sampledAt(), "at the start of the slice it appeared in");
        assertEquals(List.of("tun-late"), List.copyOf(late.interfaces().keySet()));
        assertEquals(Counters.of(0, 0), late.interfaces().get("tun-late"));
        run.assertExact(T0, T0.plus(Duration.ofDays(1)));
    }

    @Test
    @DisplayName("gateways go to CoPilot in batches of batch-size, in name order")
    void batches() {
        MinuteCounters copilot = steadyGateways(120);
        Run run = new Run(copilot, 50);
        run.slice(T0, T0.plus(Duration.ofHours(1)));
        copilot.requests.clear();

        run.slice(T0.plus(Duration.ofHours(1)), T0.plus(SIX_HOURS));

        assertEquals(List.of(50, 50, 20), copilot.requests.stream().map(List::size).toList());
        assertEquals("gw-000", copilot.requests.get(0).get(0));
        assertEquals("gw-050", copilot.requests.get(1).get(0));
    }

    @Test
    @DisplayName("gateways seen for the first time are also asked for the slice's first minute, batched, to read their start")
    void firstReadingsFromTheSliceHead() {
        MinuteCounters copilot = steadyGateways(60);
        new Run(copilot, 50).slice(T0, T0.plus(SIX_HOURS));

        assertEquals(List.of(50, 50, 10, 10), copilot.requests.stream().map(List::size).sorted((a, b) -> b - a).toList());
    }

    @Test
    @DisplayName("one failed request fails the whole slice, so nothing of it is written")
    void failureFailsSlice() {
        MinuteCounters copilot = new MinuteCounters()
                .steady("a", "eth0", T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofHours(7)), 1)
                .steady("b", "eth0", T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofHours(7)), 2)
                .failFor("b");
        SliceReader reader = new SliceReader(copilot, 1, Duration.ofSeconds(60));
        Map<String, Map<String, Counters>> last = new HashMap<>();
        last.put("a", Map.of());
        last.put("b", Map.of());

        Future<SliceReader.SliceResult> f = reader.read(T0, T0.plus(SIX_HOURS), Snapshot.Kind.LIVE, last);

        assertTrue(f.failed());
        assertTrue(f.cause().getMessage().contains("CoPilot said no"));
    }

    @Test
    @DisplayName("an empty slice is refused")
    void emptySliceRefused() {
        SliceReader reader = new SliceReader(new MinuteCounters(), 1, Duration.ofSeconds(60));
        assertFalse(reader.read(T0, T0, Snapshot.Kind.LIVE, Map.of()).succeeded());
    }

    /** A CoPilot with {@code n} gateways gw-000, gw-001, … whose eth0 grows steadily around the slices read. */
    private static MinuteCounters steadyGateways(int n) {
        MinuteCounters copilot = new MinuteCounters();
        for (int g = 0; g < n; g++) {
            copilot.steady(String.format("gw-%03d", g), "eth0", T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofHours(7)), g);
        }
        return copilot;
    }
}
