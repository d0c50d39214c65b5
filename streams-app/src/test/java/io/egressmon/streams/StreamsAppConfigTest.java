package io.egressmon.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.config.ConfigException;
import io.egressmon.config.KafkaSettings;
import io.egressmon.config.Settings;
import io.egressmon.streams.alerts.BudgetSettings;
import io.egressmon.streams.alerts.webhook.WebhookSettings;
import io.egressmon.streams.cost.CostSettings;
import io.egressmon.streams.flows.FlowSettings;
import io.egressmon.streams.talkers.TalkerSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Streams app configuration")
class StreamsAppConfigTest {

    /** Name, value, name, value… */
    static StreamsAppConfig config(String... pairs) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return StreamsAppConfig.from(Settings.of(values));
    }

    @Test
    @DisplayName("defaults bind the REST API to loopback:8080 with 6 partitions, RF 1 and no standbys")
    void defaults() {
        StreamsAppConfig c = config();
        assertEquals("egressmon-streams", c.applicationId());
        assertEquals("127.0.0.1", c.httpHost());
        assertEquals(8080, c.httpPort());
        assertEquals(new KafkaSettings(null, null, 6, 1), c.kafka());
        assertEquals(0, c.numStandbyReplicas());
        assertNull(c.stateDir());
        assertEquals(Duration.ofSeconds(1), c.commitInterval(), "one commit a second: talker tables are written whole at each");
        assertEquals(Duration.ofSeconds(15), c.catchUpCommitInterval());
        assertTrue(c.paced());
        assertEquals(64, c.rocksDbMemoryMib());
        assertEquals(1, c.streamThreads());
        assertEquals("http://127.0.0.1:8080", c.advertisedUrlFor(8080));
    }

    @Test
    @DisplayName("reads every setting from its environment name; blank values keep the default")
    void settings() {
        StreamsAppConfig c = config("EGRESSMON_BOOTSTRAP_SERVERS", "k1:9092,k2:9092",
                "EGRESSMON_SCHEMA_REGISTRY_URL", "http://registry:8081/", "EGRESSMON_APPLICATION_ID", "egress-test",
                "EGRESSMON_STATE_DIR", "/var/lib/egressmon", "EGRESSMON_HTTP_HOST", "0.0.0.0", "EGRESSMON_HTTP_PORT", "9000",
                "EGRESSMON_ADVERTISED_URL", "http://streams-1:9000", "EGRESSMON_PARTITIONS", "12",
                "EGRESSMON_REPLICATION_FACTOR", "3", "EGRESSMON_NUM_STANDBY_REPLICAS", "1", "EGRESSMON_STREAM_THREADS", "2",
                "EGRESSMON_COMMIT_INTERVAL", "PT1S", "EGRESSMON_CATCHUP_COMMIT_INTERVAL", "20s",
                "EGRESSMON_TALKERS_TOP_N", "25", "EGRESSMON_TALKERS_CAPACITY", "10000", "EGRESSMON_ROCKSDB_MEMORY_MIB", "256");
        assertEquals(new StreamsAppConfig(new KafkaSettings("k1:9092,k2:9092", "http://registry:8081", 12, 3), "egress-test",
                Path.of("/var/lib/egressmon"), "0.0.0.0", 9000, "http://streams-1:9000", 1, 2, Duration.ofSeconds(1), Duration.ofSeconds(20), null, 256,
                new TalkerSettings(10000, 25), FlowSettings.DEFAULTS, CostSettings.DEFAULTS, BudgetSettings.NONE, WebhookSettings.NONE), c);
        assertEquals("http://streams-1:9000", c.advertisedUrlFor(12345), "an explicit advertised URL wins");
        assertEquals(8080, config("EGRESSMON_HTTP_PORT", "  ").httpPort());
        assertEquals(Duration.ofSeconds(1), config("EGRESSMON_COMMIT_INTERVAL", "1s").commitInterval(), "6h and PT6H alike");
    }

    @Test
    @DisplayName("a commit interval that would outlast the transaction timeout stops the start, naming the setting")
    void commitIntervalUnderTheTransactionTimeout() {
        ConfigException catchUp = assertThrows(ConfigException.class, () -> config("EGRESSMON_CATCHUP_COMMIT_INTERVAL", "2m"));
        assertTrue(catchUp.getMessage().contains("EGRESSMON_CATCHUP_COMMIT_INTERVAL=PT2M must be under PT2M"), catchUp.getMessage());
        ConfigException live = assertThrows(ConfigException.class, () -> config("EGRESSMON_COMMIT_INTERVAL", "3m"));
        assertTrue(live.getMessage().contains("EGRESSMON_COMMIT_INTERVAL=PT3M"), "unpaced: the live one counts: " + live.getMessage());
        assertEquals(Duration.ofSeconds(119), config("EGRESSMON_CATCHUP_COMMIT_INTERVAL", "119s").catchUpCommitInterval());
    }

    @Test
    @DisplayName("a price table that cannot be used stops the start, naming the setting, the file's line and the fix")
    void badPriceTable(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path prices = dir.resolve("prices.yaml");
        java.nio.file.Files.writeString(prices, "providers:\n  aws:\n    inter_az: {usd: -1}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> config("EGRESSMON_PRICES", prices.toString()));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.getMessage().contains("EGRESSMON_PRICES=" + prices), e.getMessage());
        assertTrue(e.getMessage().contains(prices + ":3:"), "the file and line: " + e.getMessage());
        ConfigException missing = assertThrows(ConfigException.class,
                () -> config("EGRESSMON_PRICES", dir.resolve("absent.yaml").toString()));
        assertTrue(missing.getMessage().contains("absent.yaml"), missing.getMessage());
    }

    /** The inventory a budgets file is checked against at start. */
    private static final java.util.List<io.egressmon.cost.GatewaySite> KNOWN = java.util.List.of(
            io.egressmon.cost.GatewaySite.of("spoke-a", "AWS", "us-east-1", "acct-1", "grp-a"));

    /** The start's budgets load of {@code yaml}: the ConfigException it stops with, checked to name the setting and file. */
    private static ConfigException badBudgets(Path dir, String yaml) throws Exception {
        Path budgets = dir.resolve("budgets.yaml");
        java.nio.file.Files.writeString(budgets, yaml);
        StreamsAppConfig c = config("EGRESSMON_BUDGETS", budgets.toString());
        ConfigException e = assertThrows(ConfigException.class, () -> c.budgets().load(KNOWN));
        assertTrue(e.getMessage().contains("EGRESSMON_BUDGETS=" + budgets), e.getMessage());
        return e;
    }

    @Test
    @DisplayName("a budget on a scope no known gateway has stops the start, naming the file's line")
    void budgetOnUnknownScope(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        ConfigException e = badBudgets(dir, "budgets:\n  - {scope: account, name: acct-1, monthly_usd: 10}\n"
                + "  - {scope: account, name: no-such-account, monthly_usd: 10}\n");
        assertTrue(e.getMessage().contains("budgets.yaml:3:"), e.getMessage());
        assertTrue(e.getMessage().contains("no-such-account"), e.getMessage());
    }

    @Test
    @DisplayName("an unknown scope kind stops the start, naming the file's line and the nearest kind")
    void unknownScopeKind(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        ConfigException e = badBudgets(dir, "budgets:\n  - {scope: acount, name: acct-1, monthly_usd: 10}\n");
        assertTrue(e.getMessage().contains("budgets.yaml:2:"), e.getMessage());
        assertTrue(e.getMessage().contains("account"), "the nearest kind: " + e.getMessage());
    }

    @Test
    @DisplayName("a negative monthly_usd stops the start, naming the file's line")
    void negativeMonthlyUsd(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        ConfigException e = badBudgets(dir, "budgets:\n  - {scope: gateway, name: spoke-a, monthly_usd: -5}\n");
        assertTrue(e.getMessage().contains("budgets.yaml:2:"), e.getMessage());
        assertTrue(e.getMessage().contains("monthly_usd"), e.getMessage());
    }

    @Test
    @DisplayName("a budgets file that cannot be read stops the start before anything runs; none means no budgets")
    void budgetsFileMissing(@org.junit.jupiter.api.io.TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> config("EGRESSMON_BUDGETS", dir.resolve("absent.yaml").toString()));
        assertTrue(e.getMessage().contains("EGRESSMON_BUDGETS=") && e.getMessage().contains("absent.yaml"), e.getMessage());
        assertEquals(io.egressmon.cost.BudgetConfig.NONE, config().budgets().load(KNOWN));
    }

    @Test
    @DisplayName("every problem is listed with the setting that fixes it")
    void problems() {
        ConfigException e = assertThrows(ConfigException.class, () -> config("EGRESSMON_HTTP_PORT", "70000",
                "EGRESSMON_PARTITIONS", "0", "EGRESSMON_TALKERS_TOP_N", "0", "EGRESSMON_TALKERS_CAPACITY", "5",
                "EGRESSMON_APPLICATION_ID", "a b"));
        assertEquals(5, e.problems().size(), e.problems().toString());
        for (String name : new String[] {"EGRESSMON_HTTP_PORT='70000' must be between 0 and 65535",
                "EGRESSMON_PARTITIONS='0'", "EGRESSMON_TALKERS_TOP_N='0'", "EGRESSMON_TALKERS_CAPACITY='5'",
                "EGRESSMON_APPLICATION_ID='a b'"}) {
            assertTrue(e.getMessage().contains(name), name + " in " + e.getMessage());
        }
    }

    @Test
    @DisplayName("binding every interface requires an advertised URL other instances can dial")
    void wildcardNeedsAdvertisedUrl() {
        String m = assertThrows(ConfigException.class, () -> config("EGRESSMON_HTTP_HOST", "0.0.0.0")).getMessage();
        assertTrue(m.contains("EGRESSMON_ADVERTISED_URL"), m);
        config("EGRESSMON_HTTP_HOST", "0.0.0.0", "EGRESSMON_ADVERTISED_URL", "http://10.0.0.5:8080");
    }

    @Test
    @DisplayName("an advertised URL must be plain http://host:port")
    void advertisedUrlShape() {
        for (String bad : new String[] {"https://a:1", "http://a:1/api", "a:1", "http://:8080"}) {
            String m = assertThrows(ConfigException.class, () -> config("EGRESSMON_ADVERTISED_URL", bad)).getMessage();
            assertTrue(m.contains("EGRESSMON_ADVERTISED_URL"), bad + ": " + m);
        }
    }

    @Test
    @DisplayName("the Kafka Streams settings: exactly-once v2, application.server from the advertised URL, state dir, RF, standbys")
    void streamsProperties() {
        var props = StreamsApp.streamsProperties(config("EGRESSMON_BOOTSTRAP_SERVERS", "k:9092",
                        "EGRESSMON_REPLICATION_FACTOR", "3", "EGRESSMON_NUM_STANDBY_REPLICAS", "1",
                        "EGRESSMON_COMMIT_INTERVAL", "250ms"),
                new HostInfo("streams-1", 9000), Path.of("/tmp/x"));
        assertEquals("exactly_once_v2", props.get("processing.guarantee"));
        assertEquals("streams-1:9000", props.get("application.server"));
        assertEquals(3, props.get("replication.factor"));
        assertEquals(1, props.get("num.standby.replicas"));
        assertEquals(15_000L, props.get("commit.interval.ms"), "Kafka Streams commits at the catch-up interval by itself");
        var unpaced = StreamsApp.streamsProperties(config("EGRESSMON_BOOTSTRAP_SERVERS", "k:9092",
                "EGRESSMON_COMMIT_INTERVAL", "250ms", "EGRESSMON_CATCHUP_COMMIT_INTERVAL", "100ms"), new HostInfo("streams-1", 9000), Path.of("/tmp/x"));
        assertEquals(250L, unpaced.get("commit.interval.ms"), "a catch-up interval shorter than the live one is not used");
        assertEquals("egressmon-streams", props.get("application.id"));
    }

    @Test
    @DisplayName("state that survives any stop and outages waited out: transactional state stores, answers from committed state, "
            + "one produce request in flight, two-minute transactions")
    void restartSafeProperties() {
        var props = StreamsApp.streamsProperties(config("EGRESSMON_BOOTSTRAP_SERVERS", "k:9092"),
                new HostInfo("streams-1", 9000), Path.of("/tmp/x"));
        assertEquals(true, props.get("enable.transactional.statestores"));
        assertEquals("READ_COMMITTED", props.get("default.interactive.query.isolation.level"));
        assertEquals(1, props.get("producer.max.in.flight.requests.per.connection"));
        assertEquals(120_000, props.get("producer.transaction.timeout.ms"), "a two-minute outage is waited out");
        assertEquals(120_000, props.get("producer.max.block.ms"));
    }

    @Test
    @DisplayName("the CoPilot URL for the FlowIQ links: COPILOT_URL, else AVIATRIX_COPILOT_IP as https://host; empty when unknown")
    void copilotUrl() {
        assertEquals("https://cplt.example.com/monitor/flow-iq/flowiq/overview",
                config("COPILOT_URL", "https://cplt.example.com/").copilotFlowiqUrl());
        assertEquals("https://10.1.2.3/monitor/flow-iq/flowiq/overview",
                config("AVIATRIX_COPILOT_IP", "10.1.2.3").copilotFlowiqUrl());
        assertEquals(URI.create("http://127.0.0.1:4443"), config("COPILOT_URL", "http://127.0.0.1:4443",
                "AVIATRIX_COPILOT_IP", "other.example.com").copilotUrl(), "COPILOT_URL wins");
        assertEquals("", config().copilotFlowiqUrl());
        String m = assertThrows(ConfigException.class, () -> config("COPILOT_URL", "https:///x")).getMessage();
        assertTrue(m.contains("COPILOT_URL"), m);
    }

    @Test
    @DisplayName("top talkers: top-N 10 and tables of 4096 IPs by default")
    void talkers() {
        assertEquals(TalkerSettings.DEFAULTS, config().talkers());
    }
}
