package io.egressmon.copilot.sim.flowiq;

import io.egressmon.avro.TalkerRole;
import io.egressmon.avro.FlowDirection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.copilot.sim.Estate;
import io.egressmon.copilot.sim.Gateway;
import io.egressmon.copilot.sim.Reboot;
import io.egressmon.copilot.sim.flowiq.Conversation.Tier;
import io.egressmon.copilot.sim.flowiq.TalkerTruth.Ranked;
import io.egressmon.avro.TalkerRole;
import io.egressmon.schemas.IpClass;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The estate's flow records")
class FlowEstateTest {

    /** Anchor and clock of the sample report's week: 7 whole days end at the anchor. */
    static final Instant ANCHOR = Instant.parse("2026-02-11T00:00:00Z");
    static final Instant NOW = ANCHOR.plusSeconds(42);
    static final FlowEstate FLOWS = FlowEstate.of(Estate.create(ANCHOR, 42, 0));

    private static Conversation first(String spoke, Tier tier) {
        return FLOWS.conversations(spoke).stream().filter(c -> c.tier() == tier).findFirst().orElseThrow();
    }

    private static long minute(Instant t) {
        return t.getEpochSecond();
    }

    @Nested
    @DisplayName("in closed form")
    class ClosedForm {

        @Test
        @DisplayName("add up, over any range, to exactly the sum of the per-minute records")
        void bruteForce() {
            Instant start = ANCHOR.minus(Duration.ofHours(30)).plusSeconds(7 * 60);
            for (Tier tier : List.of(Tier.HEAD, Tier.MID, Tier.TAIL, Tier.CGNAT)) {
                Conversation c = first(FlowEstate.MARKETING, tier);
                for (FlowDirection direction : FlowDirection.values()) {
                    long perMinute = 0;
                    for (int m = 0; m < 600; m++) {
                        perMinute += FLOWS.recordBytes(c, direction, start.plusSeconds(60L * m), NOW).orElse(0);
                    }
                    assertEquals(perMinute, FLOWS.bytes(c, direction, minute(start), minute(start) + 599 * 60, NOW),
                            tier + " " + direction);
                }
            }
        }

        @Test
        @DisplayName("split anywhere, the two halves add up to the whole to the byte")
        void adjacentRanges() {
            Conversation c = first(FlowEstate.OPS_AZURE_K8S, Tier.HEAD);
            long a = minute(ANCHOR.minus(Duration.ofDays(20)));
            long c2 = minute(ANCHOR) - 60;
            for (long b = a + 60 * 17; b < c2; b += 60 * 24 * 60 + 60 * 37) {
                assertEquals(FLOWS.bytes(c, FlowDirection.INBOUND, a, c2, NOW),
                        FLOWS.bytes(c, FlowDirection.INBOUND, a, b, NOW) + FLOWS.bytes(c, FlowDirection.INBOUND, b + 60, c2, NOW));
            }
        }

        @Test
        @DisplayName("carry bytes in every record, the response usually the bigger one")
        void positiveRecords() {
            long minute = minute(ANCHOR.minus(Duration.ofDays(3)));
            long bigger = 0;
            List<Conversation> all = FLOWS.conversations(FlowEstate.MARKETING);
            for (Conversation c : all) {
                if (c.firstMinute() <= minute && minute <= c.lastMinute()) {
                    long out = FLOWS.bytes(c, FlowDirection.OUTBOUND, minute, minute, NOW);
                    long in = FLOWS.bytes(c, FlowDirection.INBOUND, minute, minute, NOW);
                    assertTrue(out > 0 && in > 0, c.toString());
                    bigger += in > out ? 1 : 0;
                }
            }
            assertTrue(bigger > all.size() / 2, bigger + " of " + all.size());
        }
    }

    @Nested
    @DisplayName("exist")
    class Existence {

        @Test
        @DisplayName("at whole minutes from the estate's origin, until the last minute that has ended by now")
        void window() {
            Conversation c = first(Estate.OPENVPN_SPOKE, Tier.MID);
            Instant origin = FLOWS.estate().origin();
            assertTrue(FLOWS.recordBytes(c, FlowDirection.OUTBOUND, origin, NOW).isPresent());
            assertTrue(FLOWS.recordBytes(c, FlowDirection.OUTBOUND, origin.minusSeconds(60), NOW).isEmpty());
            assertTrue(FLOWS.recordBytes(c, FlowDirection.OUTBOUND, ANCHOR.minusSeconds(60), NOW).isPresent(),
                    "23:59 ended at 00:00, before now (00:00:42)");
            assertTrue(FLOWS.recordBytes(c, FlowDirection.OUTBOUND, ANCHOR, NOW).isEmpty(), "00:00 has not ended yet");
            assertTrue(FLOWS.recordBytes(c, FlowDirection.OUTBOUND, ANCHOR, ANCHOR.plusSeconds(60)).isPresent());
            assertTrue(FLOWS.recordBytes(c, FlowDirection.OUTBOUND, ANCHOR.minusSeconds(90), NOW).isEmpty(),
                    "not a whole minute");
        }

        @Test
        @DisplayName("not on the rebooted spoke for the minutes that touch its downtime")
        void reboot() {
            Reboot reboot = FLOWS.estate().reboot();
            Conversation c = first(FlowEstate.OPS_AWS_K8S, Tier.HEAD);
            Instant down = reboot.down();   // hh:17:23, up 7 minutes later at hh:24:23
            Instant lastBefore = Instant.ofEpochSecond(Math.floorDiv(down.getEpochSecond(), 60) * 60 - 60);
            Instant firstAfter = Instant.ofEpochSecond(Math.floorDiv(reboot.up().getEpochSecond(), 60) * 60 + 60);
            assertTrue(FLOWS.recordBytes(c, FlowDirection.INBOUND, lastBefore, NOW).isPresent());
            assertTrue(FLOWS.recordBytes(c, FlowDirection.INBOUND, firstAfter, NOW).isPresent());
            int missing = 0;
            for (Instant m = lastBefore.plusSeconds(60); m.isBefore(firstAfter); m = m.plusSeconds(60)) {
                assertTrue(FLOWS.recordBytes(c, FlowDirection.INBOUND, m, NOW).isEmpty(), m.toString());
                missing++;
            }
            assertEquals(8, missing);
            long sum = FLOWS.bytes(c, FlowDirection.INBOUND, minute(lastBefore), minute(firstAfter), NOW);
            assertEquals(FLOWS.recordBytes(c, FlowDirection.INBOUND, lastBefore, NOW).getAsLong()
                    + FLOWS.recordBytes(c, FlowDirection.INBOUND, firstAfter, NOW).getAsLong(), sum);
        }

        @Test
        @DisplayName("for part of the tail only during a life of days")
        void tailLives() {
            List<Conversation> mortal = FLOWS.conversations(FlowEstate.MARKETING).stream()
                    .filter(c -> c.lastMinute() != Long.MAX_VALUE).toList();
            assertTrue(mortal.size() > 50, "tail conversations with a life: " + mortal.size());
            Conversation c = mortal.get(0);
            assertEquals(OptionalLong.empty(), FLOWS.recordBytes(c, FlowDirection.OUTBOUND,
                    Instant.ofEpochSecond(c.firstMinute() - 60), NOW));
            assertEquals(OptionalLong.empty(), FLOWS.recordBytes(c, FlowDirection.OUTBOUND,
                    Instant.ofEpochSecond(c.lastMinute() + 60), Instant.MAX));
            assertTrue(FLOWS.recordBytes(c, FlowDirection.OUTBOUND, Instant.ofEpochSecond(c.firstMinute()), Instant.MAX)
                    .isPresent());
        }

        @Test
        @DisplayName("only on spokes: a transit or an unknown gateway has none")
        void spokesOnly() {
            assertEquals(List.of(), FLOWS.conversations("transit-aws-us-east-1"));
            assertEquals(List.of(), FLOWS.conversations("no-such-gateway"));
            assertEquals(14, FLOWS.spokes().size());
        }
    }

    @Nested
    @DisplayName("involve")
    class Addresses {

        private final List<Conversation> all = FLOWS.spokes().stream().flatMap(s -> FLOWS.conversations(s).stream()).toList();

        @Test
        @DisplayName("hosts in each spoke's own VPC range, covering all three RFC1918 ranges")
        void internalHosts() {
            for (String spoke : FLOWS.spokes()) {
                Gateway gateway = FLOWS.estate().require(spoke);
                FLOWS.conversations(spoke).forEach(c -> {
                    assertTrue(IpClass.inCidr(c.internalIp(), gateway.cidr()), c.internalIp() + " in " + gateway.cidr());
                    assertEquals(spoke, c.outbound().gwName());
                });
            }
            for (String range : List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")) {
                assertTrue(all.stream().anyMatch(c -> IpClass.inCidr(c.internalIp(), range)), range);
            }
        }

        @Test
        @DisplayName("public look-alikes of the private ranges, which are public")
        void lookAlikes() {
            Set<String> peers = all.stream().map(Conversation::peerIp).collect(Collectors.toSet());
            for (String lookAlike : FlowEstate.LOOK_ALIKES) {
                assertEquals(IpClass.PUBLIC, IpClass.of(lookAlike), lookAlike);
                assertTrue(peers.contains(lookAlike), lookAlike);
            }
            assertTrue(peers.contains("100.128.4.20"));
        }

        @Test
        @DisplayName("CGNAT peers, both edges of 100.64.0.0/10 among them, and east-west peers on other spokes")
        void notEgress() {
            Set<String> cgnat = all.stream().filter(c -> c.tier() == Tier.CGNAT).map(Conversation::peerIp)
                    .collect(Collectors.toSet());
            assertTrue(cgnat.containsAll(FlowEstate.CGNAT_PEERS), cgnat.toString());
            cgnat.forEach(ip -> assertEquals(IpClass.CGNAT, IpClass.of(ip), ip));
            List<Conversation> eastWest = all.stream().filter(c -> c.tier() == Tier.EAST_WEST).toList();
            assertTrue(eastWest.size() >= 14 * 2, "east-west conversations: " + eastWest.size());
            for (Conversation c : eastWest) {
                assertEquals(IpClass.INTERNAL, IpClass.of(c.peerIp()), c.peerIp());
                assertTrue(FLOWS.spokes().stream().filter(s -> !s.equals(c.gateway()))
                        .anyMatch(s -> IpClass.inCidr(c.peerIp(), FLOWS.estate().require(s).cidr())), c.peerIp());
            }
        }

        @Test
        @DisplayName("a long tail of hundreds of public peers per spoke, some shared between spokes")
        void tail() {
            for (String spoke : FLOWS.spokes()) {
                long peers = FLOWS.conversations(spoke).stream().filter(c -> c.tier() == Tier.TAIL).count();
                assertTrue(peers >= 150, spoke + ": " + peers);
            }
            Map<String, Set<String>> spokesByPeer = new HashMap<>();
            all.forEach(c -> spokesByPeer.computeIfAbsent(c.peerIp(), k -> new HashSet<>()).add(c.gateway()));
            long shared = spokesByPeer.entrySet().stream()
                    .filter(e -> IpClass.of(e.getKey()) == IpClass.PUBLIC && e.getValue().size() >= 2).count();
            assertTrue(shared >= 50, "public peers on two spokes or more: " + shared);
        }

        @Test
        @DisplayName("clients connecting in to a spoke's server, whose request is the inbound record")
        void clients() {
            Conversation c = first(FlowEstate.OPS_AWS_K8S, Tier.CLIENT);
            assertEquals(443, c.outbound().srcPort());
            assertEquals(443, c.inbound().dstPort());
            assertEquals(c.outbound().dstPort(), c.inbound().srcPort());
        }
    }

    @Test
    @DisplayName("are the same for the same seed and different for another")
    void deterministic() {
        FlowEstate again = FlowEstate.of(Estate.create(ANCHOR, 42, 0));
        FlowEstate other = FlowEstate.of(Estate.create(ANCHOR, 43, 0));
        String spoke = "accounting-aws-spoke-dev";
        assertEquals(peers(FLOWS, spoke), peers(again, spoke));
        assertNotEquals(peers(FLOWS, spoke), peers(other, spoke));
        Instant from = ANCHOR.minus(Duration.ofDays(2));
        assertEquals(FLOWS.truth(from, ANCHOR, NOW).destinations(null), again.truth(from, ANCHOR, NOW).destinations(null));
    }

    private static List<String> peers(FlowEstate flows, String spoke) {
        return flows.conversations(spoke).stream().map(c -> c.peerIp() + ":" + c.outbound().dstPort()).toList();
    }

    @Nested
    @DisplayName("know their top talkers exactly")
    class Truth {

        private final Instant weekStart = ANCHOR.minus(Duration.ofDays(7));
        private final TalkerTruth week = FLOWS.truth(weekStart, ANCHOR, NOW);

        @Test
        @DisplayName("over [from, to): a one-minute period is the records at its first minute")
        void halfOpen() {
            Instant m = ANCHOR.minus(Duration.ofHours(5));
            TalkerTruth one = FLOWS.truth(m, m.plusSeconds(60), NOW);
            TalkerTruth shifted = FLOWS.truth(m.minusMillis(1), m.plusSeconds(60).minusMillis(1), NOW);
            assertEquals(one.destinations(null), shifted.destinations(null), "the same one minute either way");
            Conversation c = FLOWS.conversations(FlowEstate.MARKETING).stream()
                    .filter(x -> x.peerIp().equals("13.107.42.14")).findFirst().orElseThrow();
            long expected = FLOWS.recordBytes(c, FlowDirection.OUTBOUND, m, NOW).getAsLong()
                    + FLOWS.recordBytes(c, FlowDirection.INBOUND, m, NOW).getAsLong();
            assertEquals(expected, one.destinations(FlowEstate.MARKETING).get(c.peerIp()));
            assertEquals(Map.of(), FLOWS.truth(m, m, NOW).destinations(null), "an empty period");
            assertEquals(Map.of(), FLOWS.truth(NOW, NOW.plus(Duration.ofDays(1)), NOW).destinations(null),
                    "nothing in the future");
        }

        @Test
        @DisplayName("credit external IPs and internal sources from both directions, never CGNAT or east-west peers")
        void roles() {
            Map<String, Long> external = week.destinations(null);
            external.keySet().forEach(ip -> assertEquals(IpClass.PUBLIC, IpClass.of(ip), ip));
            week.sources(null).keySet().forEach(ip -> assertEquals(IpClass.INTERNAL, IpClass.of(ip), ip));
            assertEquals(week.egressBytes(null), week.sources(null).values().stream().mapToLong(Long::longValue).sum());
            long out = week.bytes(null, TalkerRole.EXTERNAL, FlowDirection.OUTBOUND).getOrDefault("23.185.0.3", 0L);
            long in = week.bytes(null, TalkerRole.EXTERNAL, FlowDirection.INBOUND).getOrDefault("23.185.0.3", 0L);
            assertTrue(out > 0 && in > out);
            assertEquals(out + in, external.get("23.185.0.3"));
        }

        @Test
        @DisplayName("per spoke adding up to the estate")
        void perSpoke() {
            Map<String, Long> merged = new HashMap<>();
            week.gateways().forEach(g -> week.destinations(g).forEach((ip, b) -> merged.merge(ip, b, Long::sum)));
            assertEquals(week.destinations(null), merged);
            assertEquals(Map.of(), week.destinations("transit-aws-us-east-1"));
            assertThrows(IllegalArgumentException.class, () -> week.destinations("no-such-gateway"));
        }

        @Test
        @DisplayName("reproducing the sample report's weekly top 10 destinations and sources")
        void sampleReport() {
            assertEquals(List.of("23.185.0.3", "47.91.64.21", "23.39.42.173", "23.39.40.90", "216.150.1.1",
                            "3.33.186.135", "15.197.167.90", "54.230.114.5", "54.230.114.67", "54.230.114.82"),
                    ips(week.topDestinations(null, 10)));
            assertEquals(List.of("10.2.2.100", "10.2.2.40", "10.2.2.70", "10.1.5.46", "10.1.5.12", "10.1.5.13",
                            "10.2.5.141", "10.2.5.143", "10.1.5.57", "10.1.5.59"),
                    ips(week.topSources(null, 10)));
            assertClose(26_889_267_504L, week.destinations(null).get("23.185.0.3"));
            assertClose(4_533_464_586L, week.destinations(null).get("54.230.114.82"));
            assertClose(35_032_320_124L, week.sources(null).get("10.2.2.100"));
            assertClose(4_235_390_926L, week.sources(null).get("10.1.5.59"));
        }

        private static void assertClose(long expected, long actual) {
            assertTrue(Math.abs(expected - actual) < expected / 100_000, expected + " vs " + actual);
        }

        @Test
        @DisplayName("with near-ties at rank 10 that the original script's 3×N-per-direction merge gets wrong")
        void nearTies() {
            assertNotEquals(ips(week.topDestinations(null, 10)), originalMerge(week, null, TalkerRole.EXTERNAL, 10));
            assertNotEquals(ips(week.topSources(null, 10)), originalMerge(week, null, TalkerRole.INTERNAL, 10));
            assertNotEquals(ips(week.topDestinations(FlowEstate.MARKETING, 10)),
                    originalMerge(week, FlowEstate.MARKETING, TalkerRole.EXTERNAL, 10));
            assertTrue(originalMerge(week, null, TalkerRole.EXTERNAL, 10).contains("52.216.8.19"));
            assertFalse(originalMerge(week, null, TalkerRole.EXTERNAL, 10).contains("54.230.114.82"));
            List<Ranked> top = week.topDestinations(null, 11);
            assertTrue(top.get(7).bytes() - top.get(10).bytes() < top.get(10).bytes() / 100, "ranks 8..11 within 1 %");
        }

        @Test
        @DisplayName("ranking ties by IP text, ascending")
        void ties() {
            assertEquals(List.of(new Ranked(1, "9.9.9.9", 7), new Ranked(2, "1.1.1.1", 5), new Ranked(3, "1.1.1.2", 5)),
                    TalkerTruth.rank(Map.of("1.1.1.2", 5L, "9.9.9.9", 7L, "1.1.1.1", 5L, "2.2.2.2", 1L), 3));
        }

        /** What the report script does: top 3N of each direction, merged by IP, re-ranked. */
        private static List<String> originalMerge(TalkerTruth truth, String gateway, TalkerRole role, int n) {
            Map<String, Long> merged = new HashMap<>();
            for (FlowDirection direction : FlowDirection.values()) {
                TalkerTruth.rank(truth.bytes(gateway, role, direction), 3 * n)
                        .forEach(r -> merged.merge(r.ip(), r.bytes(), Long::sum));
            }
            return ips(TalkerTruth.rank(merged, n));
        }
    }

    static List<String> ips(List<Ranked> ranked) {
        return ranked.stream().map(Ranked::ip).toList();
    }
}
