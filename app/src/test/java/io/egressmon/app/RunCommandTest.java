package io.egressmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.egressmon.config.KafkaSettings;
import io.egressmon.config.Settings;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How many partitions `run` asks of its embedded broker's topics. */
class RunCommandTest {
    private static final String PARTITIONS = KafkaSettings.PARTITIONS.name();

    @Test
    @DisplayName("a new embedded broker gets 3 partitions per topic; one with topics keeps theirs")
    void embeddedDefault() {
        Settings unset = Settings.of(Map.of());
        assertEquals("3", RunCommand.withEmbeddedPartitions(unset, OptionalInt.empty()).value(PARTITIONS));
        assertEquals("6", RunCommand.withEmbeddedPartitions(unset, OptionalInt.of(6)).value(PARTITIONS));
        assertEquals("1", RunCommand.withEmbeddedPartitions(unset, OptionalInt.of(1)).value(PARTITIONS));
    }

    @Test
    @DisplayName("EGRESSMON_PARTITIONS, when set, is left as it is")
    void setting() {
        Settings set = Settings.of(Map.of(PARTITIONS, "12"));
        assertEquals("12", RunCommand.withEmbeddedPartitions(set, OptionalInt.empty()).value(PARTITIONS));
        assertEquals("12", RunCommand.withEmbeddedPartitions(set, OptionalInt.of(6)).value(PARTITIONS));
    }
}
