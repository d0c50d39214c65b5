package io.egressmon.copilot.sim;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The estate")
class EstateTest {

    private static final Instant START = Instant.parse("2026-02-10T10:00:42Z");
    private static final Instant ANCHOR = Instant.parse("2026-02-10T10:00:00Z");

    private final Estate estate = Estate.create(START, 42, 0);
    private final BruteForceReader reader = new BruteForceReader(estate);

    @Test
    @DisplayName("has the 14 spokes of the sample report and their 5 transits, anchored at the start minute")
    void sampleEstate() {
        assertEquals(ANCHOR, estate.anchor());
        assertEquals(ANCHOR.minus(Duration.ofDays(45)), estate.origin());
        assertEquals(14, estate.spokes().size());
        assertEquals(List.of("transit-aws-us-east-1", "transit-aws-us-east-2", "transit-gcp-us-west1",
                "transit-azure-north-europe", "transit-oci-ap-singapore-1"),
                estate.transits().stream().map(Gateway::name).toList());
        assertEquals(Map.of("AWS", 8L, "Azure ARM", 2L, "Gcloud", 3L, "Oracle Cloud Infrastructure", 1L),
                estate.spokes().stream().collect(Collectors.groupingBy(Gateway::vendorName, Collectors.counting())));
        Gateway oci = estate.require("operations-oci-spoke-shared");
        assertEquals("operations-oci-spoke-shared", oci.vpcName());
        assertEquals("transit-oci-ap-singapore-1", oci.transitGwName());
    }

    @Test
    @DisplayName("gives engineering-aws spokes no tunnels, and one spoke an OpenVPN tun0 that is no transit tunnel")
    void tunnels() {
        estate.spokes().stream().filter(g -> g.accountName().equals("engineering-aws"))
                .forEach(g -> assertEquals(List.of(), g.tunnelsAt(ANCHOR), g.name()));
        Gateway landingZone = estate.require(Estate.OPENVPN_SPOKE);
        assertTrue(landingZone.iface("tun0").isPresent());
        assertFalse(landingZone.tunnelsAt(ANCHOR).contains("tun0"));
        assertEquals(2, landingZone.tunnelsAt(ANCHOR).size());
    }

    @Test
    @DisplayName("is the same for the same seed, and extra spokes do not change the sample ones")
    void deterministic() {
        Estate again = Estate.create(START, 42, 50);
        Instant from = ANCHOR.minus(Duration.ofDays(3));
        GroundTruth a = estate.truth(from, ANCHOR, START);
        GroundTruth b = again.truth(from, ANCHOR, START);
        estate.gateways().forEach(g -> assertEquals(a.gateway(g.name()), b.gateway(g.name())));
        assertEquals(69, again.gateways().size());
        // Another seed keeps the volumes (whole days integrate to the means) but not the daily shape or names.
        Estate other = Estate.create(START, 7, 0);
        Instant morning = from.plus(Duration.ofHours(5));
        assertTrue(other.truth(from, morning, START).gateway("accounting-aws-spoke-dev").eth0RxBytes()
                != estate.truth(from, morning, START).gateway("accounting-aws-spoke-dev").eth0RxBytes());
        assertFalse(other.require("accounting-aws-spoke-dev").tunnelsAt(START)
                .equals(estate.require("accounting-aws-spoke-dev").tunnelsAt(START)));
    }

    @Test
    @DisplayName("carries roughly the weekly volumes of the sample report, with positive egress everywhere")
    void volumesLikeTheSample() {
        // A week before the late tunnel and the reboot: the sample's weekly figures hold.
        Instant from = ANCHOR.minus(Duration.ofDays(30));
        GroundTruth week = estate.truth(from, from.plus(Duration.ofDays(7)), START);
        assertAll(
                () -> assertWithin(45_407_228_434L, week.gateway("marketing-azure-spoke-all").egressRxBytes(), 0.1),
                () -> assertWithin(29_312_913_260L, week.gateway("marketing-azure-spoke-all").egressTxBytes(), 0.1),
                () -> assertWithin(17_641_598_960L, week.gateway("operations-aws-spoke-k8s").egressRxBytes(), 0.1),
                () -> assertWithin(554_405_731L, week.gateway("accounting-aws-spoke-dev").egressRxBytes(), 0.1),
                () -> assertWithin(56_134_708L, week.gateway("accounting-aws-spoke-dev").internalRxBytes(), 0.1),
                () -> assertWithin(148_789_661L, week.gateway("operations-aws-landing-zone").internalRxBytes(), 0.1),
                () -> assertEquals(0, week.gateway("engineering-aws-spoke-dev").internalRxBytes()));
        for (GatewayTruth spoke : week.spokes()) {
            if (!spoke.gateway().equals(Estate.NO_METRICS_SPOKE)) {
                assertTrue(spoke.egressRxBytes() > 0 && spoke.egressTxBytes() > 0, spoke.gateway());
                assertTrue(spoke.eth0RxBytes() > spoke.tunnelRxBytes() + spoke.tunnelTxBytes(), spoke.gateway());
            }
        }
    }

    @Test
    @DisplayName("varies traffic over the day: the busiest hour carries clearly more than the quietest")
    void diurnal() {
        Gateway spoke = estate.require("marketing-azure-spoke-all");
        Instant day = ANCHOR.minus(Duration.ofDays(5)).truncatedTo(ChronoUnit.DAYS);
        List<Long> hourly = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            Instant from = day.plus(Duration.ofHours(h));
            hourly.add(estate.truth(from, from.plus(Duration.ofHours(1)), START).gateway(spoke.name()).eth0RxBytes());
        }
        long max = hourly.stream().mapToLong(Long::longValue).max().orElseThrow();
        long min = hourly.stream().mapToLong(Long::longValue).min().orElseThrow();
        assertTrue(max > 1.5 * min, "hourly eth0 rx " + hourly);
    }

    @Test
    @DisplayName("answers min and max exactly as a brute-force scan of the samples does, for random ranges")
    void minMaxMatchesBruteForce() {
        SplittableRandom random = new SplittableRandom(1);
        Reboot reboot = estate.reboot();
        Instant lateTunnel = estate.lateTunnel().createdAt();
        List<Instant> interesting = List.of(reboot.down(), reboot.up(), lateTunnel, estate.origin(), START);
        for (int i = 0; i < 60; i++) {
            Instant around = interesting.get(random.nextInt(interesting.size()));
            Instant start = around.plusSeconds(random.nextLong(-4 * 3600, 3600));
            Instant end = start.plusSeconds(random.nextLong(0, 3 * 3600)).plusMillis(random.nextInt(1000));
            Gateway gateway = i % 3 == 0 ? estate.require(Estate.REBOOTED_SPOKE)
                    : i % 3 == 1 ? estate.require(Estate.LATE_TUNNEL_SPOKE)
                    : estate.gateways().get(random.nextInt(estate.gateways().size()));
            Map<String, InterfaceRange> answer = estate.performance(gateway.name(), start, end, START);
            for (GatewayInterface iface : gateway.interfaces()) {
                CounterRange rx = reader.range(gateway, iface, true, start, end.isAfter(START) ? START : end);
                CounterRange tx = reader.range(gateway, iface, false, start, end.isAfter(START) ? START : end);
                InterfaceRange got = answer.get(iface.name());
                String what = gateway.name() + "/" + iface.name() + " [" + start + ", " + end + "]";
                if (rx == null) {
                    assertNull(got, what);
                } else {
                    assertNotNull(got, what);
                    assertEquals(rx, got.rxBytes(), what);
                    assertEquals(tx, got.txBytes(), what);
                }
            }
        }
    }

    @Test
    @DisplayName("has min and max that only widen as a reset-free range grows, min being its first sample and max its last")
    void minMaxMonotone() {
        String gateway = "enterprise-data-gcp-spoke-dev";
        Instant start = ANCHOR.minus(Duration.ofDays(20));
        InterfaceRange previous = null;
        for (int hours = 0; hours <= 48; hours += 6) {
            Instant end = start.plus(Duration.ofHours(hours));
            InterfaceRange range = estate.performance(gateway, start, end, START).get("eth0");
            assertEquals(estate.reading(gateway, "eth0", start).orElseThrow().rxBytes(), range.rxBytes().min());
            assertEquals(estate.reading(gateway, "eth0", end).orElseThrow().rxBytes(), range.rxBytes().max());
            assertTrue(range.rxBytes().min() <= range.rxBytes().max());
            if (previous != null) {
                assertEquals(previous.rxBytes().min(), range.rxBytes().min());
                assertTrue(range.rxBytes().max() > previous.rxBytes().max());
                assertTrue(range.txBytes().max() > previous.txBytes().max());
            }
            previous = range;
        }
    }

    @Test
    @DisplayName("shows the reboot as a min far below the reading at the start of a slice that contains it")
    void rebootVisibleInMin() {
        Reboot reboot = estate.reboot();
        assertEquals(ANCHOR.minus(Duration.ofDays(12)).plus(Duration.ofMinutes(17)).plusSeconds(23), reboot.down());
        assertEquals(reboot.down().plus(Duration.ofMinutes(7)), reboot.up());
        Instant start = reboot.down().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES);
        Instant end = reboot.up().plus(Duration.ofHours(1));
        Map<String, InterfaceRange> slice = estate.performance(Estate.REBOOTED_SPOKE, start, end, START);
        long atStart = estate.reading(Estate.REBOOTED_SPOKE, "eth0", start).orElseThrow().rxBytes();
        long firstAfter = estate.reading(Estate.REBOOTED_SPOKE, "eth0",
                Instant.ofEpochSecond(Estate.ceilMinute(reboot.up()))).orElseThrow().rxBytes();
        assertEquals(firstAfter, slice.get("eth0").rxBytes().min());
        assertTrue(slice.get("eth0").rxBytes().min() < atStart / 1000);
        // While down there are no samples at all.
        Instant down = Instant.ofEpochSecond(Estate.ceilMinute(reboot.down()));
        assertEquals(Map.of(), estate.performance(Estate.REBOOTED_SPOKE, down, down.plus(Duration.ofMinutes(6)), START));
        GatewayTruth truth = estate.truth(start, end, START).gateway(Estate.REBOOTED_SPOKE);
        assertEquals(1, truth.reboots());
    }

    @Test
    @DisplayName("has no samples of the late tunnel before its creation, which reads zero")
    void lateTunnel() {
        GatewayInterface late = estate.lateTunnel();
        assertEquals(ANCHOR.minus(Duration.ofDays(9)).plus(Duration.ofMinutes(137)), late.createdAt());
        assertTrue(late.name().startsWith("tun-late-"));
        Gateway spoke = estate.require(Estate.LATE_TUNNEL_SPOKE);
        Instant before = late.createdAt().minusSeconds(60);
        assertFalse(estate.performance(spoke.name(), before.minus(Duration.ofHours(6)), before, START).containsKey(late.name()));
        assertFalse(spoke.tunnelsAt(before).contains(late.name()));
        assertTrue(spoke.tunnelsAt(late.createdAt()).contains(late.name()));
        assertEquals(new Reading(0, 0), estate.reading(spoke.name(), late.name(), late.createdAt()).orElseThrow());
        assertTrue(estate.reading(spoke.name(), late.name(), before).isEmpty());
    }

    @Test
    @DisplayName("gives the no-metrics spoke no samples and a truth of zero")
    void noMetrics() {
        assertEquals(Map.of(), estate.performance(Estate.NO_METRICS_SPOKE, estate.origin(), START, START));
        GatewayTruth truth = estate.truth(estate.origin(), START, START).gateway(Estate.NO_METRICS_SPOKE);
        assertEquals(0, truth.eth0RxBytes());
        assertEquals(Map.of(), truth.interfaces());
        assertEquals(Map.of(), estate.performance("no-such-gateway", estate.origin(), START, START));
    }

    @Test
    @DisplayName("has samples only up to now")
    void onlyUpToNow() {
        Instant now = ANCHOR.minus(Duration.ofDays(1)).plusSeconds(30);
        InterfaceRange range = estate.performance("accounting-aws-spoke-dev", now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofHours(1)), now).get("eth0");
        assertEquals(estate.reading("accounting-aws-spoke-dev", "eth0", now.minusSeconds(30)).orElseThrow().rxBytes(),
                range.rxBytes().max());
        assertEquals(Map.of(), estate.performance("accounting-aws-spoke-dev", now, now.plus(Duration.ofHours(1)), now));
    }

    @Test
    @DisplayName("has a ground truth equal to the sum of per-minute sample deltas, across the reboot and the late tunnel")
    void truthMatchesBruteForce() {
        Reboot reboot = estate.reboot();
        Instant lateTunnel = estate.lateTunnel().createdAt();
        Instant rebootMinute = Instant.ofEpochSecond(Estate.floorMinute(reboot.down()));
        List<Instant[]> windows = List.of(
                new Instant[] {rebootMinute.minus(Duration.ofHours(2)), rebootMinute.plus(Duration.ofHours(2))},
                new Instant[] {rebootMinute.plus(Duration.ofMinutes(2)), rebootMinute.plus(Duration.ofHours(3))},
                new Instant[] {rebootMinute.minus(Duration.ofHours(1)), rebootMinute.plus(Duration.ofMinutes(4))},
                new Instant[] {rebootMinute, rebootMinute.plus(Duration.ofMinutes(8))},
                new Instant[] {lateTunnel.minus(Duration.ofHours(2)), lateTunnel.plus(Duration.ofHours(2))},
                new Instant[] {lateTunnel, lateTunnel.plus(Duration.ofMinutes(30))},
                new Instant[] {estate.origin().minus(Duration.ofHours(1)), estate.origin().plus(Duration.ofHours(2))},
                new Instant[] {ANCHOR.minus(Duration.ofHours(3)), START.plus(Duration.ofHours(1))});
        for (Instant[] window : windows) {
            GroundTruth truth = estate.truth(window[0], window[1], START);
            Instant to = window[1].isAfter(START) ? START : window[1];
            for (Gateway gateway : estate.gateways()) {
                GatewayTruth expected = truth.gateway(gateway.name());
                long eth0Rx = 0;
                long tunnelTx = 0;
                for (GatewayInterface iface : gateway.interfaces()) {
                    long rx = reader.delta(gateway, iface, true, window[0], to, 30);
                    long tx = reader.delta(gateway, iface, false, window[0], to, 30);
                    String what = gateway.name() + "/" + iface.name() + " (" + window[0] + ", " + window[1] + "]";
                    assertEquals(rx, expected.iface(iface.name()).rxBytes(), what);
                    assertEquals(tx, expected.iface(iface.name()).txBytes(), what);
                    eth0Rx += iface.kind() == GatewayInterface.Kind.ETH0 ? rx : 0;
                    tunnelTx += iface.isTunnel() ? tx : 0;
                }
                assertEquals(eth0Rx, expected.eth0RxBytes(), gateway.name());
                assertEquals(tunnelTx, expected.tunnelTxBytes(), gateway.name());
            }
        }
    }

    @Test
    @DisplayName("adds up: the truth of a period is the sum of its pieces' truths")
    void truthIsAdditive() {
        Instant from = ANCHOR.minus(Duration.ofDays(14));
        Instant middle = estate.reboot().down().plus(Duration.ofMinutes(3)).truncatedTo(ChronoUnit.MINUTES);
        Instant to = ANCHOR.minus(Duration.ofDays(2));
        GroundTruth whole = estate.truth(from, to, START);
        GroundTruth left = estate.truth(from, middle, START);
        GroundTruth right = estate.truth(middle, to, START);
        for (Gateway gateway : estate.gateways()) {
            GatewayTruth w = whole.gateway(gateway.name());
            GatewayTruth l = left.gateway(gateway.name());
            GatewayTruth r = right.gateway(gateway.name());
            assertEquals(w.eth0RxBytes(), l.eth0RxBytes() + r.eth0RxBytes(), gateway.name());
            assertEquals(w.tunnelTxBytes(), l.tunnelTxBytes() + r.tunnelTxBytes(), gateway.name());
            assertEquals(w.reboots(), l.reboots() + r.reboots(), gateway.name());
        }
    }

    @Test
    @DisplayName("stays cheap with thousands of spokes: counters are computed, not stored")
    void thousandsOfSpokes() {
        long started = System.nanoTime();
        Estate big = Estate.create(START, 42, 5000);
        GroundTruth month = big.truth(ANCHOR.minus(Duration.ofDays(30)), ANCHOR, START);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(5019, month.gateways().size());
        assertTrue(millis < 5000, "took " + millis + " ms");
        Gateway synthetic = big.require("sim-spoke-00042");
        assertFalse(synthetic.vpcName().equals(synthetic.name()));
        assertTrue(month.gateway("sim-spoke-00042").egressRxBytes() > 0);
    }

    private static void assertWithin(long expected, long actual, double tolerance) {
        assertTrue(Math.abs(actual - expected) <= tolerance * expected,
                "expected " + expected + " ± " + (int) (tolerance * 100) + " %, got " + actual);
    }
}
