package io.egressmon.streams.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.avro.InterfaceCounters;
import io.egressmon.avro.PollWatermark;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The last-readings state serde")
class LastReadingsSerdeTest {
    private final LastReadingsSerde serde = new LastReadingsSerde();

    @Test
    @DisplayName("A gateway's last readings survive a round trip, null metrics included")
    void roundTrip() {
        PollWatermark state = new PollWatermark("spoke-a", Instant.parse("2026-01-01T10:05:00Z"),
                Map.of("eth0", new InterfaceCounters(123_456_789_012L, null), "tun-t1", new InterfaceCounters(1L, 2L)));

        byte[] bytes = serde.serializer().serialize("changelog", state);

        assertEquals(state, serde.deserializer().deserialize("changelog", bytes));
    }

    @Test
    @DisplayName("A tombstone stays a tombstone")
    void nullStaysNull() {
        assertNull(serde.serializer().serialize("changelog", null));
        assertNull(serde.deserializer().deserialize("changelog", null));
    }

    @Test
    @DisplayName("Bytes that are not last readings fail loudly, naming the topic")
    void garbageFails() {
        SerializationException e = assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize("app-counter-last-readings-changelog",
                        "not avro".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("app-counter-last-readings-changelog"), e.getMessage());
    }
}
