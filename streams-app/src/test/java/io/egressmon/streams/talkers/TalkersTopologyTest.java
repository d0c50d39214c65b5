package io.egressmon.streams.talkers;

import static io.egressmon.avro.FlowDirection.INBOUND;
import static io.egressmon.avro.FlowDirection.OUTBOUND;
import static io.egressmon.avro.TalkerRole.EXTERNAL;
import static io.egressmon.avro.TalkerRole.INTERNAL;
import static io.egressmon.streams.talkers.TalkersDriver.live;
import static io.egressmon.streams.talkers.TalkersDriver.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.avro.RankedTalker;
import io.egressmon.avro.TalkerBytes;
import io.egressmon.avro.TalkerTopN;
import io.egressmon.streams.AppDriver;
import io.egressmon.streams.talkers.TalkerStats.Counter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The talkers topology")
class TalkersTopologyTest {
    @TempDir
    Path stateDir;

    private TalkersDriver driver() {
        return new TalkersDriver(stateDir, new TalkerSettings(100, 2));
    }

    @Test
    @DisplayName("sums both flow directions of an IP into one entry per spoke and role, and keeps the roles apart")
    void mergesDirectionsByIp() {
        try (TalkersDriver d = driver()) {
            d.pipe(live("spoke-a", "2026-02-10T10:15:00Z", EXTERNAL, OUTBOUND, "23.185.0.3", 100),
                    live("spoke-a", "2026-02-10T10:15:00Z", INTERNAL, OUTBOUND, "10.0.0.5", 70),
                    live("spoke-a", "2026-02-10T10:15:00Z", EXTERNAL, INBOUND, "023.185.000.003", 50),
                    live("spoke-a", "2026-02-10T10:15:00Z", INTERNAL, INBOUND, "10.0.0.5", 30),
                    live("spoke-b", "2026-02-10T10:15:00Z", EXTERNAL, OUTBOUND, "23.185.0.3", 1));
            assertEquals(Map.of("23.185.0.3", 150L),
                    d.bytes(TalkersTopology.STORE_1H, "spoke-a|EXTERNAL", "2026-02-10T10:00:00Z"),
                    "one spelling per address: 023.185.000.003 is 23.185.0.3");
            assertEquals(Map.of("10.0.0.5", 100L), d.bytes(TalkersTopology.STORE_1H, "spoke-a|INTERNAL", "2026-02-10T10:00:00Z"));
            assertEquals(Map.of("23.185.0.3", 1L), d.bytes(TalkersTopology.STORE_1H, "spoke-b|EXTERNAL", "2026-02-10T10:00:00Z"));
            assertEquals(Map.of("23.185.0.3", 150L), d.bytes(TalkersTopology.STORE_1D, "spoke-a|EXTERNAL", "2026-02-10T00:00:00Z"));
            assertEquals(5, d.stats.talkers().get(Counter.TALKER_RECORDS));
        }
    }

    @Test
    @DisplayName("puts a record in the windows of its slice start, not its record time: a 1-day backfill slice lands in its day and its first hour")
    void windowsBySliceStart() {
        try (TalkersDriver d = driver()) {
            d.pipe(record("spoke-a", "2026-02-08T00:00:00Z", Duration.ofDays(1), EXTERNAL, OUTBOUND, "8.8.8.8", 900),
                    record("spoke-a", "2026-02-09T00:00:00Z", Duration.ofDays(1), EXTERNAL, OUTBOUND, "8.8.8.8", 50),
                    live("spoke-a", "2026-02-10T10:45:00Z", EXTERNAL, OUTBOUND, "8.8.8.8", 7),
                    live("spoke-a", "2026-02-10T11:00:00Z", EXTERNAL, OUTBOUND, "8.8.8.8", 3));
            assertEquals(List.of(Instant.parse("2026-02-08T00:00:00Z"), Instant.parse("2026-02-09T00:00:00Z"),
                    Instant.parse("2026-02-10T00:00:00Z")), List.copyOf(d.windows(TalkersTopology.STORE_1D, "spoke-a|EXTERNAL").keySet()));
            assertEquals(Map.of("8.8.8.8", 900L), d.bytes(TalkersTopology.STORE_1D, "spoke-a|EXTERNAL", "2026-02-08T00:00:00Z"));
            assertEquals(Map.of("8.8.8.8", 10L), d.bytes(TalkersTopology.STORE_1D, "spoke-a|EXTERNAL", "2026-02-10T00:00:00Z"));
            assertEquals(Map.of("8.8.8.8", 900L), d.bytes(TalkersTopology.STORE_1H, "spoke-a|EXTERNAL", "2026-02-08T00:00:00Z"),
                    "the whole day slice in its first hour");
            assertEquals(Map.of("8.8.8.8", 7L), d.bytes(TalkersTopology.STORE_1H, "spoke-a|EXTERNAL", "2026-02-10T10:00:00Z"));
            assertEquals(Map.of("8.8.8.8", 3L), d.bytes(TalkersTopology.STORE_1H, "spoke-a|EXTERNAL", "2026-02-10T11:00:00Z"));
            assertEquals(4, d.windows(TalkersTopology.STORE_1H, "spoke-a|EXTERNAL").size());
        }
    }

    @Test
    @DisplayName("splits a backfill slice that crosses UTC midnight between its days in proportion to time, losing no byte")
    void sliceAcrossMidnight() {
        try (TalkersDriver d = driver()) {
            d.pipe(record("spoke-a", "2026-02-08T09:00:00Z", Duration.ofDays(1), EXTERNAL, OUTBOUND, "8.8.8.8", 2_400_000_001L));
            assertEquals(Map.of("8.8.8.8", 1_500_000_000L), d.bytes(TalkersTopology.STORE_1D, "spoke-a|EXTERNAL", "2026-02-08T00:00:00Z"),
                    "15 of its 24 hours");
            assertEquals(Map.of("8.8.8.8", 900_000_001L), d.bytes(TalkersTopology.STORE_1D, "spoke-a|EXTERNAL", "2026-02-09T00:00:00Z"),
                    "9 of 24, and the rounding remainder");
            assertEquals(Map.of("8.8.8.8", 1_500_000_000L), d.bytes(TalkersTopology.STORE_1H, "spoke-a|EXTERNAL", "2026-02-08T09:00:00Z"));
            assertEquals(Map.of("8.8.8.8", 900_000_001L), d.bytes(TalkersTopology.STORE_1H, "spoke-a|EXTERNAL", "2026-02-09T00:00:00Z"),
                    "each part in the first hour of its day");
        }
        assertEquals(List.of(List.of(0L, 10L)), TalkersProcessor.splitAtMidnights(0, 3_600_000, 10).stream()
                .map(p -> List.of(p[0], p[1])).toList(), "a slice within a day is one piece");
        List<long[]> three = TalkersProcessor.splitAtMidnights(Duration.ofHours(12).toMillis(), Duration.ofHours(60).toMillis(), 7);
        assertEquals(List.of(3L, 7L), List.of((long) three.size(), three.stream().mapToLong(p -> p[1]).sum()));
    }

    @Test
    @DisplayName("writes each spoke's and role's final hourly top-N once stream time passes the hour's end plus grace, ranked, with is_cgnat")
    void finalTopN() {
        try (TalkersDriver d = driver()) {
            // No inventory at all: a top-N depends on the FlowIQ records only.
            d.pipe(live("spoke-a", "2026-02-10T10:00:00Z", EXTERNAL, OUTBOUND, "23.185.0.3", 500),
                    live("spoke-a", "2026-02-10T10:15:00Z", EXTERNAL, OUTBOUND, "100.64.7.7", 800),
                    live("spoke-a", "2026-02-10T10:30:00Z", EXTERNAL, INBOUND, "9.9.9.9", 100),
                    live("spoke-a", "2026-02-10T10:45:00Z", EXTERNAL, INBOUND, "23.185.0.3", 400),
                    live("spoke-a", "2026-02-10T10:45:00Z", INTERNAL, OUTBOUND, "10.1.1.1", 42));
            d.advanceTo("2026-02-12T10:45:00Z");
            assertEquals(List.of(), d.emitted(), "hour 10:00 closes at 11:00 + 2 days");

            d.advanceTo("2026-02-12T11:00:00Z");
            List<KeyValue<String, TalkerTopN>> out = d.emitted();
            assertEquals(2, out.size(), () -> "emitted " + out);
            TalkerTopN external = out.stream().filter(kv -> kv.value.getRole() == EXTERNAL).findFirst().orElseThrow().value;
            assertEquals("spoke-a", out.get(0).key);
            assertEquals("spoke-a", external.getGateway());
            assertEquals("PT1H", external.getGranularity());
            assertEquals(Instant.parse("2026-02-10T10:00:00Z"), external.getWindowStart());
            assertEquals(Instant.parse("2026-02-10T11:00:00Z"), external.getWindowEnd());
            assertEquals(List.of(new RankedTalker(1, "23.185.0.3", 900L, false), new RankedTalker(2, "100.64.7.7", 800L, true)),
                    external.getEntries(), "top 2 of 3, the two directions of 23.185.0.3 summed");
            TalkerTopN internal = out.stream().filter(kv -> kv.value.getRole() == INTERNAL).findFirst().orElseThrow().value;
            assertEquals(List.of(new RankedTalker(1, "10.1.1.1", 42L, false)), internal.getEntries());

            d.advanceTo("2026-02-12T11:30:00Z").advanceTo("2026-02-12T11:45:00Z");
            assertEquals(List.of(), d.emitted(), "an hour is written once");
            d.advanceTo("2026-02-14T23:00:00Z");
            List<KeyValue<String, TalkerTopN>> clock = d.emitted();
            assertTrue(clock.stream().allMatch(kv -> kv.key.equals("clock")), () -> "only the clock's hours are left: " + clock);
            assertEquals(Set.of(Instant.parse("2026-02-12T10:00:00Z"), Instant.parse("2026-02-12T11:00:00Z")),
                    Set.copyOf(clock.stream().map(kv -> kv.value.getWindowStart()).toList()));
            assertEquals(4, d.stats.talkers().get(Counter.TALKER_TOP_N));
        }
    }

    @Test
    @DisplayName("moves each gateway's data-until mark to its latest slice end, never back, and coarse-until for slices over an hour")
    void progressMarks() {
        try (TalkersDriver d = driver()) {
            d.pipe(record("spoke-a", "2026-02-08T00:00:00Z", Duration.ofDays(1), EXTERNAL, OUTBOUND, "8.8.8.8", 900),
                    live("spoke-a", "2026-02-09T10:00:00Z", INTERNAL, OUTBOUND, "10.0.0.1", 5),
                    live("spoke-a", "2026-02-09T09:00:00Z", EXTERNAL, OUTBOUND, "8.8.8.8", 5),
                    live("spoke-b", "2026-02-09T09:00:00Z", EXTERNAL, OUTBOUND, "8.8.8.8", 5));
            assertEquals(Instant.parse("2026-02-09T10:15:00Z"), d.mark(Progress.DATA_UNTIL, "spoke-a"), "an older slice does not move it back");
            assertEquals(Instant.parse("2026-02-09T00:00:00Z"), d.mark(Progress.COARSE_UNTIL, "spoke-a"));
            assertEquals(Instant.parse("2026-02-09T09:15:00Z"), d.mark(Progress.DATA_UNTIL, "spoke-b"));
            assertEquals(null, d.mark(Progress.COARSE_UNTIL, "spoke-b"), "no slice of spoke-b was over an hour");
        }
    }

    @Test
    @DisplayName("a record for a closed hour is counted late and kept out of it, while its still open day takes it")
    void lateRecords() {
        try (TalkersDriver d = driver()) {
            d.pipe(live("spoke-a", "2026-02-10T00:00:00Z", EXTERNAL, OUTBOUND, "8.8.8.8", 5));
            d.advanceTo("2026-02-12T01:00:00Z");
            d.pipe(live("spoke-a", "2026-02-10T00:15:00Z", EXTERNAL, OUTBOUND, "8.8.8.8", 7));
            assertEquals(Map.of("8.8.8.8", 5L), d.bytes(TalkersTopology.STORE_1H, "spoke-a|EXTERNAL", "2026-02-10T00:00:00Z"));
            assertEquals(Map.of("8.8.8.8", 12L), d.bytes(TalkersTopology.STORE_1D, "spoke-a|EXTERNAL", "2026-02-10T00:00:00Z"));
            assertEquals(1, d.stats.talkers().get(Counter.LATE_TALKER_RECORDS_1H));
            assertEquals(0, d.stats.talkers().get(Counter.LATE_TALKER_RECORDS_1D));

            d.advanceTo("2026-02-13T00:00:00Z");
            d.pipe(live("spoke-a", "2026-02-10T23:45:00Z", EXTERNAL, OUTBOUND, "8.8.8.8", 100));
            assertEquals(1, d.stats.talkers().get(Counter.LATE_TALKER_RECORDS_1D), "the day closed at its end plus 2 days");
            assertEquals(Map.of("8.8.8.8", 12L), d.bytes(TalkersTopology.STORE_1D, "spoke-a|EXTERNAL", "2026-02-10T00:00:00Z"));
        }
    }

    @Test
    @DisplayName("skips and counts records with a bad IP or a key that is not their gateway; the others still count")
    void badRecords() {
        try (TalkersDriver d = driver()) {
            TalkerBytes good = live("spoke-a", "2026-02-10T10:00:00Z", EXTERNAL, OUTBOUND, "8.8.8.8", 5);
            d.pipe(live("spoke-a", "2026-02-10T10:00:00Z", EXTERNAL, OUTBOUND, "not-an-ip", 5),
                    live("spoke-a", "2026-02-10T10:00:00Z", EXTERNAL, OUTBOUND, "2001:db8::1", 5),
                    live("spoke-a", "2026-02-10T10:00:00Z", EXTERNAL, OUTBOUND, "8.8.8.8", -5));
            d.pipe("spoke-b", good);
            d.pipe(null, good);
            d.pipe(good);
            assertEquals(Map.of("8.8.8.8", 5L), d.bytes(TalkersTopology.STORE_1H, "spoke-a|EXTERNAL", "2026-02-10T10:00:00Z"));
            assertTrue(d.windows(TalkersTopology.STORE_1H, "spoke-b|EXTERNAL").isEmpty());
            assertEquals(6, d.stats.talkers().get(Counter.TALKER_RECORDS));
            assertEquals(2, d.stats.talkers().get(Counter.TALKER_BAD_IPS));
            assertEquals(3, d.stats.talkers().get(Counter.MALFORMED_TALKER_RECORDS), "negative bytes, a key of another gateway, no key");
            Map<String, Long> health = d.stats.talkers().asMap();
            assertEquals(6L, health.get("talker_records"));
            assertEquals(2L, health.get("talker_bad_ips"));
            assertEquals(3L, health.get("malformed_talker_records"));
        }
    }

    @Test
    @DisplayName("a truncated FlowIQ answer marks its tables, and a full table turns approximate and counts its evictions")
    void truncatedAndFull() {
        try (TalkersDriver d = new TalkersDriver(stateDir, new TalkerSettings(10, 3))) {
            TalkerBytes cut = live("spoke-a", "2026-02-10T10:00:00Z", INTERNAL, OUTBOUND, "10.0.0.1", 5);
            cut.setTruncated(true);
            d.pipe(cut);
            for (int i = 0; i < 12; i++) {
                d.pipe(live("spoke-a", "2026-02-10T10:00:00Z", EXTERNAL, OUTBOUND, "198.51.100." + i, 100 + i));
            }
            TalkerTable internal = d.windows(TalkersTopology.STORE_1H, "spoke-a|INTERNAL").values().iterator().next();
            assertTrue(internal.truncated());
            TalkerTable external = d.windows(TalkersTopology.STORE_1D, "spoke-a|EXTERNAL").values().iterator().next();
            assertEquals(10, external.size());
            assertFalse(external.exact());
            assertEquals(1, d.stats.talkers().get(Counter.TRUNCATED_TALKER_RECORDS));
            assertEquals(4, d.stats.talkers().get(Counter.TALKER_EVICTIONS), "two IPs too many, in the hourly and the daily table");
        }
    }

    @Test
    @DisplayName("a full table keeps its promises: every IP missing is below its bound, every count within its error")
    void fullTableBounds() {
        try (TalkersDriver d = new TalkersDriver(stateDir, new TalkerSettings(10, 3))) {
            Random random = new Random(7);
            Map<String, Long> truth = new HashMap<>();
            for (int r = 0; r < 400; r++) {
                double u = random.nextDouble();
                String ip = "198.51.100." + (int) (u * u * u * 60); // a few heavy talkers, many light ones
                long bytes = 1 + random.nextInt(1_000_000);
                truth.merge(ip, bytes, Long::sum);
                d.pipe(live("spoke-a", String.format("2026-02-10T10:%02d:00Z", r % 4 * 15), EXTERNAL, OUTBOUND, ip, bytes));
            }
            TalkerTable hour = d.windows(TalkersTopology.STORE_1H, "spoke-a|EXTERNAL").values().iterator().next();
            TalkerTable day = d.windows(TalkersTopology.STORE_1D, "spoke-a|EXTERNAL").values().iterator().next();
            TalkerTableTest.assertBounds(hour, truth);
            TalkerTableTest.assertBounds(day, truth);
            assertEquals(10, day.size());
            // Every distinct IP entered each table at least once, and at most 10 are left in it.
            assertTrue(d.stats.talkers().get(Counter.TALKER_EVICTIONS) >= 2L * (truth.size() - 10),
                    () -> d.stats.talkers().get(Counter.TALKER_EVICTIONS) + " evictions for " + truth.size() + " IPs");
        }
    }

    @Test
    @DisplayName("keys stay the gateway: no repartition topic in the talkers' sub-topology, and the stores and sink are named after the design")
    void noRepartition() {
        org.apache.kafka.streams.TopologyDescription all = AppDriver.topology().describe();
        String talkers = all.subtopologies().stream().filter(sub -> sub.nodes().stream()
                        .anyMatch(n -> n.name().equals("talkers-aggregate"))).findFirst().orElseThrow().toString();
        assertFalse(talkers.contains("repartition"), talkers);
        String description = all.toString();
        for (String name : List.of(TalkersTopology.STORE_1H, TalkersTopology.STORE_1D, TalkersTopology.STORE_EMITTED,
                "flowiq.talker-bytes", "talkers.top-n", "talkers-aggregate")) {
            assertTrue(description.contains(name), () -> name + " missing from\n" + description);
        }
    }

    @Test
    @DisplayName("stamps the versions of the windows a record lands in, and of the progress marks, and no other window's")
    void stampsWhatRecordsChange() {
        try (TalkersDriver d = driver()) {
            WindowVersions versions = d.stats.talkerVersions();
            long now = Instant.parse("2026-02-10T12:00:00Z").toEpochMilli();
            long day = Instant.parse("2026-02-10T00:00:00Z").toEpochMilli();
            long hour = Instant.parse("2026-02-10T10:00:00Z").toEpochMilli();
            long otherDay = Instant.parse("2026-02-09T00:00:00Z").toEpochMilli();
            d.pipe(live("spoke-a", "2026-02-10T09:15:00Z", EXTERNAL, OUTBOUND, "8.8.8.8", 1));
            long dayBefore = versions.version(TalkersTopology.STORE_1D, 0, day, now);
            long hourBefore = versions.version(TalkersTopology.STORE_1H, 0, hour, now);
            long otherBefore = versions.version(TalkersTopology.STORE_1D, 0, otherDay, now);
            long marksBefore = versions.version(TalkersTopology.STORE_EMITTED, 0, StampedKeyValueStore.WHOLE, now);
            d.pipe(live("spoke-a", "2026-02-10T10:15:00Z", EXTERNAL, OUTBOUND, "8.8.8.8", 100));
            assertTrue(versions.version(TalkersTopology.STORE_1D, 0, day, now) != dayBefore);
            assertTrue(versions.version(TalkersTopology.STORE_1H, 0, hour, now) != hourBefore);
            assertTrue(versions.version(TalkersTopology.STORE_EMITTED, 0, StampedKeyValueStore.WHOLE, now) != marksBefore,
                    "the spoke's progress moved");
            assertEquals(otherBefore, versions.version(TalkersTopology.STORE_1D, 0, otherDay, now));
        }
    }
}
