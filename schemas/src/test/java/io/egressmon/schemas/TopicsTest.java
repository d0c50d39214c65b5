package io.egressmon.schemas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.egressmon.avro.Gateway;
import io.egressmon.registry.LocalSchemaRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Topics are declared once and bound to their serdes")
class TopicsTest {
    private static final Gateway GATEWAY = Gateway.newBuilder().setGwName("spoke-1").setGwType("spoke")
            .setObservedAt(Instant.parse("2026-02-10T10:00:00Z")).build();

    private final LocalSchemaRegistry registry = new LocalSchemaRegistry();

    @Test
    @DisplayName("a bound topic writes Confluent frames with the id of subject <topic>-value, and reads them back")
    void valuesInTheWireFormat() {
        Topic<String, Gateway> inventory = Topics.INVENTORY.bind(registry);
        byte[] bytes = inventory.serializeValue(GATEWAY);
        assertEquals(0, bytes[0]);
        assertEquals(registry.version("copilot.inventory-value", "latest").id(), ByteBuffer.wrap(bytes, 1, 4).getInt());
        assertEquals(GATEWAY, inventory.deserializeValue(bytes));
        assertEquals(GATEWAY, inventory.valueSerde().deserializer().deserialize(inventory.name(), bytes));
    }

    @Test
    @DisplayName("keys are plain UTF-8 strings, and a tombstone stays null both ways")
    void keysAndTombstones() {
        Topic<String, Gateway> inventory = Topics.INVENTORY.bind(registry);
        assertArrayEquals("spoke-ü".getBytes(StandardCharsets.UTF_8),
                inventory.keySerde().serializer().serialize(inventory.name(), "spoke-ü"));
        assertNull(inventory.serializeValue(null));
        assertNull(inventory.deserializeValue(null));
    }

    @Test
    @DisplayName("a declaration and its bound topic have the plain topic name")
    void names() {
        assertEquals("copilot.inventory", Topics.INVENTORY.name());
        assertEquals("copilot.inventory", Topics.INVENTORY.bind(registry).name());
        assertEquals("copilot.inventory", Topics.INVENTORY.bind(registry).toString());
    }

    @Test
    @DisplayName("the topics are created as the pipeline needs them: which are compacted, kept 400, 60, 7 or 1 days, on one partition")
    void creation() {
        Map<String, String> compacted = Map.of("cleanup.policy", "compact");
        Map<String, String> sixtyDays = Map.of("retention.ms", "5184000000");
        assertEquals(List.of(
                new NewTopic("copilot.inventory", 6, (short) 3).configs(compacted),
                new NewTopic("copilot.counter-snapshots", 6, (short) 3).configs(sixtyDays),
                new NewTopic("ingest.watermarks", 1, (short) 3).configs(compacted),
                new NewTopic("bandwidth.spoke-windows", 6, (short) 3),
                new NewTopic("flowiq.talker-bytes", 6, (short) 3).configs(sixtyDays),
                new NewTopic("ingest.flowiq-watermarks", 1, (short) 3).configs(compacted),
                new NewTopic("talkers.top-n", 6, (short) 3),
                new NewTopic("flows.records", 6, (short) 3).configs(Map.of("retention.ms", "604800000")),
                new NewTopic("flows.coverage", 6, (short) 3),
                new NewTopic("flows.table", 6, (short) 3).configs(Map.of("retention.ms", "86400000")),
                new NewTopic("cost.spoke-hours", 6, (short) 3).configs(Map.of("retention.ms", "34560000000")),
                new NewTopic("egressmon.alerts", 6, (short) 3).configs(Map.of("retention.ms", "34560000000"))),
                TopicSetup.newTopics(6, (short) 3));
    }
}
