package io.egressmon.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.config.ConfigException;
import io.egressmon.config.Settings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The ingest configuration")
class IngestConfigTest {

    /** A CoPilot, Kafka and the registry, then {@code more} as name, value, name, value… */
    static Settings complete(String... more) {
        Map<String, String> values = new HashMap<>(Map.of("COPILOT_URL", "https://copilot.example.com", "USERNAME", "admin",
                "PASSWORD", "s3cret", "EGRESSMON_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
                "EGRESSMON_SCHEMA_REGISTRY_URL", "http://127.0.0.1:8081"));
        for (int i = 0; i + 1 < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        return Settings.of(values);
    }

    @Test
    @DisplayName("defaults: 60 s polls, 30 days of history in 6-hour slices, 60 s bisection, 50 per batch, 5-minute inventory")
    void defaults() {
        PollSettings p = IngestConfig.from(complete()).poll();
        assertEquals(new PollSettings(Duration.ofSeconds(60), Duration.ofDays(30), Duration.ofHours(1), Duration.ofSeconds(60),
                50, Duration.ofMinutes(5), "egressmon-ingest"), p);
        assertEquals(6, IngestConfig.from(complete()).kafka().partitions());
        assertEquals(1, IngestConfig.from(complete()).kafka().replicationFactor());
    }

    @Test
    @DisplayName("ingest settings are read from EGRESSMON_ names, durations in ISO or short form")
    void settings() {
        IngestConfig c = IngestConfig.from(complete("EGRESSMON_POLL_INTERVAL", "PT30S", "EGRESSMON_BACKFILL", "P7D",
                "EGRESSMON_BACKFILL_SLICE", "30m", "EGRESSMON_BISECT_MIN_SLICE", "30s", "EGRESSMON_BATCH_SIZE", "20",
                "EGRESSMON_INVENTORY_INTERVAL", "10m", "EGRESSMON_TRANSACTIONAL_ID", "ingest-b", "EGRESSMON_PARTITIONS", "3",
                "EGRESSMON_REPLICATION_FACTOR", "3", "EGRESSMON_BOOTSTRAP_SERVERS", "k:9092",
                "EGRESSMON_SCHEMA_REGISTRY_URL", "http://r:8081"));
        assertEquals(new PollSettings(Duration.ofSeconds(30), Duration.ofDays(7), Duration.ofMinutes(30), Duration.ofSeconds(30),
                20, Duration.ofMinutes(10), "ingest-b"), c.poll());
        assertEquals(3, c.kafka().partitions());
        assertEquals(3, c.kafka().replicationFactor());
        assertEquals("k:9092", c.kafka().bootstrapServers());
        assertEquals("http://r:8081", c.kafka().schemaRegistryUrl());
        assertEquals("ingest-b-flowiq", c.flowiqTransactionalId());
    }

    @Test
    @DisplayName("FlowIQ: enabled, 15-minute live slices, 1-day backfill slices, 1000 keys, 2 minutes to settle by default; EGRESSMON_FLOWIQ_ names")
    void flowiq() {
        assertEquals(new FlowiqSettings(true, Duration.ofMinutes(15), Duration.ofDays(1), 1000, Duration.ofMinutes(2), Duration.ofDays(2)),
                IngestConfig.from(complete()).flowiq());
        assertEquals(new FlowiqSettings(false, Duration.ofMinutes(5), Duration.ofHours(6), 250, Duration.ofSeconds(30), Duration.ofDays(2)),
                IngestConfig.from(complete("EGRESSMON_FLOWIQ_ENABLED", "false", "EGRESSMON_FLOWIQ_SLICE", "5m",
                        "EGRESSMON_FLOWIQ_BACKFILL_SLICE", "PT6H", "EGRESSMON_FLOWIQ_SIZE", "250",
                        "EGRESSMON_FLOWIQ_SETTLE", "30s")).flowiq());
    }

    @Test
    @DisplayName("FlowIQ's backfill slice must be whole live slices; not checked when FlowIQ is off")
    void flowiqSlices() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> IngestConfig.from(complete("EGRESSMON_FLOWIQ_SLICE", "7m", "EGRESSMON_FLOWIQ_SIZE", "0")));
        assertTrue(e.getMessage().contains("EGRESSMON_FLOWIQ_BACKFILL_SLICE=1d must be a whole multiple of EGRESSMON_FLOWIQ_SLICE=7m"),
                e.getMessage());
        assertTrue(e.getMessage().contains("EGRESSMON_FLOWIQ_SIZE='0' must be between 1 and 100000"), e.getMessage());
        assertTrue(e.getMessage().contains("EGRESSMON_FLOWIQ_SLICE=7m must divide an hour"), e.getMessage());
        assertFalse(IngestConfig.from(complete("EGRESSMON_FLOWIQ_SLICE", "7m", "EGRESSMON_FLOWIQ_ENABLED", "off"))
                .flowiq().enabled());
    }

    @Test
    @DisplayName("every problem is reported at once, each with the setting that fixes it")
    void everyProblem() {
        ConfigException e = assertThrows(ConfigException.class, () -> IngestConfig.from(Settings.of(Map.of(
                "EGRESSMON_POLL_INTERVAL", "soon", "EGRESSMON_BATCH_SIZE", "many", "EGRESSMON_COPILOT_INSECURE", "maybe"))));
        for (String expected : new String[] {"EGRESSMON_POLL_INTERVAL='soon' is not a duration",
                "EGRESSMON_BATCH_SIZE='many' is not a whole number", "EGRESSMON_COPILOT_INSECURE='maybe' is not a boolean",
                "the CoPilot URL is not set: set COPILOT_URL", "the CoPilot user is not set: set USERNAME or AVIATRIX_USERNAME",
                "the CoPilot password is not set: set PASSWORD or AVIATRIX_PASSWORD", "EGRESSMON_BOOTSTRAP_SERVERS",
                "EGRESSMON_SCHEMA_REGISTRY_URL"}) {
            assertTrue(e.getMessage().contains(expected), expected + " in: " + e.getMessage());
        }
        assertEquals(8, e.problems().size(), e.problems().toString());
    }

    @Test
    @DisplayName("the backfill slice may not be shorter than the bisection leaf")
    void slices() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> IngestConfig.from(complete("EGRESSMON_BACKFILL_SLICE", "1m", "EGRESSMON_BISECT_MIN_SLICE", "2m")));
        assertEquals("EGRESSMON_BACKFILL_SLICE=1m is shorter than EGRESSMON_BISECT_MIN_SLICE=2m: make the slice longer",
                e.problems().get(0));
    }

    @Test
    @DisplayName("the backfill slice may not be longer than an hour (slices never cross one)")
    void slicesStayInsideAnHour() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> IngestConfig.from(complete("EGRESSMON_BACKFILL_SLICE", "6h")));
        assertEquals("EGRESSMON_BACKFILL_SLICE=6h is longer than 1h: slices stay inside one hour so that every "
                + "hour-aligned period is exact; write 1h or less", e.problems().get(0));
    }

    @Test
    @DisplayName("the password never shows: not in toString, not in problems")
    void passwordHidden() {
        IngestConfig c = IngestConfig.from(complete());
        assertFalse(c.toString().contains("s3cret"), c.toString());
        assertTrue(c.toString().contains("***"));
        ConfigException e = assertThrows(ConfigException.class, () -> IngestConfig.from(complete("EGRESSMON_BATCH_SIZE", "0")));
        assertFalse(e.getMessage().contains("s3cret"));
    }
}
