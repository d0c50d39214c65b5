package io.egressmon.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The ingest configuration")
class IngestConfigTest {
    @TempDir
    Path dir;

    private static IngestConfig complete() {
        return IngestConfig.defaults().withCopilotUrl("https://copilot.example.com").withCredentials("admin", "s3cret")
                .withBootstrapServers("127.0.0.1:9092").withSchemaRegistryUrl("http://127.0.0.1:8081");
    }

    @Test
    @DisplayName("a CoPilot URL with credentials in it is refused, and the message does not repeat them")
    void urlWithCredentialsIsRefused() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> IngestConfig.copilotUri("https://admin:s3cret@cplt.example.com", "COPILOT_URL"));
        org.junit.jupiter.api.Assertions.assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("USERNAME"), e.getMessage());
    }

    @Test
    @DisplayName("defaults: 60 s polls, 30 days of history in 6-hour slices, 60 s bisection, 50 per batch, 8 in flight")
    void defaults() {
        IngestConfig c = IngestConfig.defaults();
        assertEquals(Duration.ofSeconds(60), c.pollInterval());
        assertEquals(Duration.ofDays(30), c.backfill());
        assertEquals(Duration.ofHours(6), c.backfillSlice());
        assertEquals(Duration.ofSeconds(60), c.bisectMinSlice());
        assertEquals(50, c.batchSize());
        assertEquals(8, c.maxConcurrency());
        assertEquals(Duration.ofSeconds(30), c.requestTimeout());
        assertEquals(6, c.maxAttempts());
        assertEquals(Duration.ofMillis(500), c.retryBaseDelay());
        assertEquals(Duration.ofMinutes(5), c.inventoryInterval());
        assertEquals("egressmon-ingest", c.transactionalId());
        assertEquals(6, c.partitions());
        assertEquals(1, c.replicationFactor());
        assertFalse(c.insecure());
        assertNull(c.caFile());
    }

    @Test
    @DisplayName("the COPILOT_URL / USERNAME / PASSWORD convention")
    void copilotUrlConvention() {
        IngestConfig c = IngestConfig.fromEnv(Map.of("COPILOT_URL", "https://cplt.example.com/", "USERNAME", "admin",
                "PASSWORD", "secret"));
        assertEquals(URI.create("https://cplt.example.com"), c.copilotUrl());
        assertEquals("admin", c.username());
        assertEquals("secret", c.password().reveal());
    }

    @Test
    @DisplayName("the AVIATRIX_COPILOT_IP convention: a bare host becomes https://host, and its own user wins over the OS's USERNAME")
    void aviatrixConvention() {
        IngestConfig c = IngestConfig.fromEnv(Map.of("AVIATRIX_COPILOT_IP", "10.1.2.3", "AVIATRIX_USERNAME", "admin",
                "AVIATRIX_PASSWORD", "secret", "USERNAME", "os-login-name"));
        assertEquals(URI.create("https://10.1.2.3"), c.copilotUrl());
        assertEquals("admin", c.username());
        assertEquals("secret", c.password().reveal());
    }

    @Test
    @DisplayName("ingest settings are read from EGRESSMON_ names, durations in ISO or short form")
    void egressmonSettings() {
        IngestConfig c = IngestConfig.fromEnv(Map.ofEntries(
                Map.entry("EGRESSMON_POLL_INTERVAL", "PT30S"), Map.entry("EGRESSMON_BACKFILL", "P7D"),
                Map.entry("EGRESSMON_BACKFILL_SLICE", "2h"), Map.entry("EGRESSMON_BISECT_MIN_SLICE", "30s"),
                Map.entry("EGRESSMON_BATCH_SIZE", "20"), Map.entry("EGRESSMON_MAX_CONCURRENCY", "4"),
                Map.entry("EGRESSMON_REQUEST_TIMEOUT", "500ms"), Map.entry("EGRESSMON_MAX_ATTEMPTS", "3"),
                Map.entry("EGRESSMON_COPILOT_INSECURE", "true"), Map.entry("EGRESSMON_PARTITIONS", "3"),
                Map.entry("EGRESSMON_REPLICATION_FACTOR", "3"), Map.entry("EGRESSMON_TRANSACTIONAL_ID", "ingest-b"),
                Map.entry("EGRESSMON_BOOTSTRAP_SERVERS", "k:9092"), Map.entry("EGRESSMON_SCHEMA_REGISTRY_URL", "http://r:8081")));
        assertEquals(Duration.ofSeconds(30), c.pollInterval());
        assertEquals(Duration.ofDays(7), c.backfill());
        assertEquals(Duration.ofHours(2), c.backfillSlice());
        assertEquals(Duration.ofSeconds(30), c.bisectMinSlice());
        assertEquals(20, c.batchSize());
        assertEquals(4, c.maxConcurrency());
        assertEquals(Duration.ofMillis(500), c.requestTimeout());
        assertEquals(3, c.maxAttempts());
        assertTrue(c.insecure());
        assertEquals(3, c.partitions());
        assertEquals(3, c.replicationFactor());
        assertEquals("ingest-b", c.transactionalId());
        assertEquals("k:9092", c.bootstrapServers());
        assertEquals("http://r:8081", c.schemaRegistryUrl());
    }

    @Test
    @DisplayName("FlowIQ defaults: enabled, 15-minute live slices, 1-day backfill slices, 1000 keys, 2 minutes to settle")
    void flowiqDefaults() {
        FlowiqSettings f = IngestConfig.defaults().flowiq();
        assertEquals(new FlowiqSettings(true, Duration.ofMinutes(15), Duration.ofDays(1), 1000, Duration.ofMinutes(2)), f);
        assertEquals("egressmon-ingest-flowiq", IngestConfig.defaults().flowiqTransactionalId());
        assertEquals("ingest-b-flowiq", IngestConfig.defaults().withTransactionalId("ingest-b").flowiqTransactionalId());
    }

    @Test
    @DisplayName("FlowIQ settings are read from EGRESSMON_FLOWIQ_ names")
    void flowiqSettings() {
        IngestConfig c = IngestConfig.fromEnv(Map.of("EGRESSMON_FLOWIQ_ENABLED", "false", "EGRESSMON_FLOWIQ_SLICE", "5m",
                "EGRESSMON_FLOWIQ_BACKFILL_SLICE", "PT6H", "EGRESSMON_FLOWIQ_SIZE", "250", "EGRESSMON_FLOWIQ_SETTLE", "30s"));
        assertEquals(new FlowiqSettings(false, Duration.ofMinutes(5), Duration.ofHours(6), 250, Duration.ofSeconds(30)),
                c.flowiq());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IngestConfig.fromEnv(Map.of("EGRESSMON_FLOWIQ_SIZE", "all")));
        assertTrue(e.getMessage().contains("EGRESSMON_FLOWIQ_SIZE"), e.getMessage());
    }

    @Test
    @DisplayName("FlowIQ validation: the backfill slice must be whole live slices, size at least 1; nothing is checked when disabled")
    void flowiqValidation() {
        FlowiqSettings odd = FlowiqSettings.defaults().withSlice(Duration.ofMinutes(7)).withSize(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> complete().withFlowiq(odd).validate());
        assertTrue(e.getMessage().contains("EGRESSMON_FLOWIQ_BACKFILL_SLICE") && e.getMessage().contains("whole multiple")
                && e.getMessage().contains("EGRESSMON_FLOWIQ_SIZE"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> complete().withFlowiq(FlowiqSettings.defaults().withSlice(Duration.ofSeconds(10))).validate());
        assertTrue(e.getMessage().contains("EGRESSMON_FLOWIQ_SLICE"), e.getMessage());
        assertEquals(odd.withEnabled(false), complete().withFlowiq(odd).withFlowiqEnabled(false).validate().flowiq());
    }

    @Test
    @DisplayName("a malformed value names the variable and the expected form")
    void malformedValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IngestConfig.fromEnv(Map.of("EGRESSMON_POLL_INTERVAL", "soon")));
        assertTrue(e.getMessage().contains("EGRESSMON_POLL_INTERVAL") && e.getMessage().contains("PT60S"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> IngestConfig.fromEnv(Map.of("EGRESSMON_COPILOT_INSECURE", "maybe")));
        assertTrue(e.getMessage().contains("EGRESSMON_COPILOT_INSECURE"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> IngestConfig.fromEnv(Map.of("EGRESSMON_BATCH_SIZE", "many")));
        assertTrue(e.getMessage().contains("EGRESSMON_BATCH_SIZE"), e.getMessage());
    }

    @Test
    @DisplayName("validation lists every missing setting with the variable that fixes it")
    void validationSaysWhatToFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IngestConfig.defaults().validate());
        for (String name : new String[] {"COPILOT_URL", "USERNAME", "PASSWORD", "EGRESSMON_BOOTSTRAP_SERVERS",
                                         "EGRESSMON_SCHEMA_REGISTRY_URL"}) {
            assertTrue(e.getMessage().contains(name), name + " in: " + e.getMessage());
        }
        IngestConfig ok = complete();
        assertSame(ok, ok.validate(), "a complete configuration passes and is returned");
    }

    @Test
    @DisplayName("validation refuses out-of-range numbers and a CA file together with insecure")
    void validationRanges() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> complete().withBatchSize(0).withPollInterval(Duration.ZERO).validate());
        assertTrue(e.getMessage().contains("EGRESSMON_BATCH_SIZE") && e.getMessage().contains("EGRESSMON_POLL_INTERVAL"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> complete().withInsecure(true).withCaFile(dir.resolve("missing.pem")).validate());
        assertTrue(e.getMessage().contains("EGRESSMON_COPILOT_CA_FILE") && e.getMessage().contains("not a readable file"),
                e.getMessage());
    }

    @Test
    @DisplayName("the password never shows: not in toString, not in validation messages")
    void passwordHidden() {
        IngestConfig c = complete().withBatchSize(0);
        assertFalse(c.toString().contains("s3cret"), c.toString());
        assertTrue(c.toString().contains("***"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::validate);
        assertFalse(e.getMessage().contains("s3cret"));
    }

    @Test
    @DisplayName(".env files: comments, export, quotes, inline comments; both conventions of the original scripts")
    void envFiles() throws IOException {
        Path a = Files.writeString(dir.resolve(".env"), """
                # Either naming convention works:
                COPILOT_URL=https://cplt.example.com
                USERNAME=admin
                PASSWORD="pa ss#word"

                export EGRESSMON_BACKFILL=P7D   # a week
                EGRESSMON_POLL_INTERVAL='PT30S'
                """);
        Map<String, String> env = IngestConfig.readEnvFile(a);
        assertEquals(Map.of("COPILOT_URL", "https://cplt.example.com", "USERNAME", "admin", "PASSWORD", "pa ss#word",
                "EGRESSMON_BACKFILL", "P7D", "EGRESSMON_POLL_INTERVAL", "PT30S"), env);
        assertEquals(Duration.ofDays(7), IngestConfig.fromEnv(env).backfill());

        Path b = Files.writeString(dir.resolve(".env.avx"), """
                AVIATRIX_COPILOT_IP=cplt.example.com
                AVIATRIX_USERNAME=admin
                AVIATRIX_PASSWORD=secret
                """);
        IngestConfig c = IngestConfig.fromEnv(IngestConfig.readEnvFile(b));
        assertEquals(URI.create("https://cplt.example.com"), c.copilotUrl());
        assertEquals("admin", c.username());
        assertEquals("secret", c.password().reveal());
    }

    @Test
    @DisplayName("a malformed .env line is reported by file and line number, without echoing the line")
    void envFileErrors() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.env"), "USERNAME=admin\nhunter2\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IngestConfig.readEnvFile(bad));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("bad.env"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
        Path open = Files.writeString(dir.resolve("open.env"), "PASSWORD=\"never closed\n");
        e = assertThrows(IllegalArgumentException.class, () -> IngestConfig.readEnvFile(open));
        assertTrue(e.getMessage().contains("not closed"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> IngestConfig.readEnvFile(dir.resolve("none.env")));
        assertTrue(e.getMessage().contains("none.env"), e.getMessage());
    }
}
