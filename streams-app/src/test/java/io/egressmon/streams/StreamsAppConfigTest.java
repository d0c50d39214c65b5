package io.egressmon.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Streams app configuration")
class StreamsAppConfigTest {

    private static StreamsAppConfig runnable() {
        return StreamsAppConfig.defaults().withBootstrapServers("localhost:9092").withSchemaRegistryUrl("http://localhost:8081");
    }

    @Test
    @DisplayName("defaults bind the REST API to loopback:8080 with 6 partitions, RF 1 and no standbys")
    void defaults() {
        StreamsAppConfig c = StreamsAppConfig.defaults();
        assertEquals("egressmon-streams", c.applicationId());
        assertEquals("127.0.0.1", c.httpHost());
        assertEquals(8080, c.httpPort());
        assertEquals(6, c.partitions());
        assertEquals(1, c.replicationFactor());
        assertEquals(0, c.numStandbyReplicas());
        assertNull(c.stateDir());
        assertEquals("http://127.0.0.1:8080", c.advertisedUrlFor(8080));
    }

    @Test
    @DisplayName("reads every setting from the design's environment names; blank values keep the default")
    void fromEnv() {
        StreamsAppConfig c = StreamsAppConfig.fromEnv(Map.ofEntries(
                Map.entry("EGRESSMON_BOOTSTRAP_SERVERS", "k1:9092,k2:9092"),
                Map.entry("EGRESSMON_SCHEMA_REGISTRY_URL", "http://registry:8081"),
                Map.entry("EGRESSMON_APPLICATION_ID", "egress-test"),
                Map.entry("EGRESSMON_STATE_DIR", "/var/lib/egressmon"),
                Map.entry("EGRESSMON_HTTP_HOST", "0.0.0.0"),
                Map.entry("EGRESSMON_HTTP_PORT", "9000"),
                Map.entry("EGRESSMON_ADVERTISED_URL", "http://streams-1:9000"),
                Map.entry("EGRESSMON_PARTITIONS", "12"),
                Map.entry("EGRESSMON_REPLICATION_FACTOR", "3"),
                Map.entry("EGRESSMON_NUM_STANDBY_REPLICAS", "1"),
                Map.entry("EGRESSMON_COMMIT_INTERVAL", "PT1S")));
        assertEquals(new StreamsAppConfig("k1:9092,k2:9092", "http://registry:8081", "egress-test",
                Path.of("/var/lib/egressmon"), "0.0.0.0", 9000, "http://streams-1:9000", 12, 3, 1, Duration.ofSeconds(1)), c);
        assertEquals(c, c.validate());
        assertEquals("http://streams-1:9000", c.advertisedUrlFor(12345), "an explicit advertised URL wins");
        assertEquals(8080, StreamsAppConfig.fromEnv(Map.of("EGRESSMON_HTTP_PORT", "  ")).httpPort());
    }

    @Test
    @DisplayName("an unreadable variable is refused by name")
    void unreadableEnv() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StreamsAppConfig.fromEnv(Map.of("EGRESSMON_HTTP_PORT", "eighty")));
        assertTrue(e.getMessage().contains("EGRESSMON_HTTP_PORT"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StreamsAppConfig.fromEnv(Map.of("EGRESSMON_COMMIT_INTERVAL", "1s")));
        assertTrue(e.getMessage().contains("EGRESSMON_COMMIT_INTERVAL"), e.getMessage());
    }

    @Test
    @DisplayName("validation lists every problem with the variable that fixes it")
    void validation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StreamsAppConfig.defaults().withHttpPort(70000).withPartitions(0).validate());
        String m = e.getMessage();
        assertTrue(m.contains("EGRESSMON_BOOTSTRAP_SERVERS"), m);
        assertTrue(m.contains("EGRESSMON_SCHEMA_REGISTRY_URL"), m);
        assertTrue(m.contains("EGRESSMON_HTTP_PORT"), m);
        assertTrue(m.contains("EGRESSMON_PARTITIONS"), m);
    }

    @Test
    @DisplayName("binding every interface requires an advertised URL other instances can dial")
    void wildcardNeedsAdvertisedUrl() {
        String m = assertThrows(IllegalArgumentException.class, () -> runnable().withHttpHost("0.0.0.0").validate()).getMessage();
        assertTrue(m.contains("EGRESSMON_ADVERTISED_URL"), m);
        runnable().withHttpHost("0.0.0.0").withAdvertisedUrl("http://10.0.0.5:8080").validate();
    }

    @Test
    @DisplayName("an advertised URL must be plain http://host:port")
    void advertisedUrlShape() {
        for (String bad : new String[] {"https://a:1", "http://a:1/api", "a:1", "http://:8080"}) {
            String m = assertThrows(IllegalArgumentException.class, () -> runnable().withAdvertisedUrl(bad).validate()).getMessage();
            assertTrue(m.contains("EGRESSMON_ADVERTISED_URL"), bad + ": " + m);
        }
    }

    @Test
    @DisplayName("the Kafka Streams settings: exactly-once v2, application.server from the advertised URL, state dir, RF, standbys")
    void streamsProperties() {
        var props = StreamsApp.streamsProperties(runnable().withReplicationFactor(3).withNumStandbyReplicas(1)
                .withCommitInterval(Duration.ofMillis(250)), new HostInfo("streams-1", 9000),
                Path.of("/tmp/x"));
        assertEquals("exactly_once_v2", props.get("processing.guarantee"));
        assertEquals("streams-1:9000", props.get("application.server"));
        assertEquals(3, props.get("replication.factor"));
        assertEquals(1, props.get("num.standby.replicas"));
        assertEquals(250L, props.get("commit.interval.ms"));
        assertEquals("egressmon-streams", props.get("application.id"));
    }

    @Test
    @DisplayName("the CoPilot URL for the FlowIQ links: COPILOT_URL, else AVIATRIX_COPILOT_IP as https://host; empty when unknown")
    void copilotUrl() {
        assertEquals("https://cplt.example.com/monitor/flow-iq/flowiq/overview",
                StreamsAppConfig.fromEnv(Map.of("COPILOT_URL", "https://cplt.example.com/")).copilotFlowiqUrl());
        assertEquals("https://10.1.2.3/monitor/flow-iq/flowiq/overview",
                StreamsAppConfig.fromEnv(Map.of("AVIATRIX_COPILOT_IP", "10.1.2.3")).copilotFlowiqUrl());
        assertEquals("http://127.0.0.1:4443", StreamsAppConfig.fromEnv(Map.of("COPILOT_URL", "http://127.0.0.1:4443",
                "AVIATRIX_COPILOT_IP", "other.example.com")).copilotUrl(), "COPILOT_URL wins");
        assertEquals("", StreamsAppConfig.defaults().copilotFlowiqUrl());
        String m = assertThrows(IllegalArgumentException.class,
                () -> StreamsAppConfig.fromEnv(Map.of("COPILOT_URL", "https://"))).getMessage();
        assertTrue(m.contains("COPILOT_URL"), m);
    }

    @Test
    @DisplayName("top talkers: top-N 10 and tables of 4096 IPs by default, both settable and validated by name")
    void talkers() {
        assertEquals(10, StreamsAppConfig.defaults().talkers().topN());
        assertEquals(4096, StreamsAppConfig.defaults().talkers().capacity());
        StreamsAppConfig c = StreamsAppConfig.fromEnv(Map.of("EGRESSMON_TALKERS_TOP_N", "25", "EGRESSMON_TALKERS_CAPACITY", "10000"));
        assertEquals(25, c.talkers().topN());
        assertEquals(10000, c.talkers().capacity());
        String m = assertThrows(IllegalArgumentException.class,
                () -> runnable().withTalkersTopN(0).withTalkersCapacity(5).validate()).getMessage();
        assertTrue(m.contains("EGRESSMON_TALKERS_TOP_N") && m.contains("EGRESSMON_TALKERS_CAPACITY"), m);
    }
}
