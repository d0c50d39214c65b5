package io.egressmon.streams.talkers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The talker table store serde")
class TalkerTableSerdeTest {
    private final TalkerTableSerde serde = new TalkerTableSerde();

    private static TalkerTable sample() {
        TalkerTable t = TalkerTable.empty(3);
        for (String ip : new String[] {"8.8.8.8", "1.1.1.1", "100.64.0.1", "9.9.9.9"}) {
            t = t.add(ip, ip.length() * 1_000_000_000L, ip.startsWith("9"));
        }
        return t;
    }

    @Test
    @DisplayName("round-trips a table with its errors, missing bound and truncation")
    void roundTrip() {
        TalkerTable t = sample();
        assertEquals(t, serde.deserializer().deserialize("changelog", serde.serializer().serialize("changelog", t)));
        TalkerTable empty = TalkerTable.empty(4096);
        assertEquals(empty, serde.deserializer().deserialize("t", serde.serializer().serialize("t", empty)));
        assertNull(serde.serializer().serialize("t", null));
        assertNull(serde.deserializer().deserialize("t", null));
    }

    @Test
    @DisplayName("round-trips IPv4 addresses, IPv6 and non-canonical texts alike")
    void mixedAddresses() {
        TalkerTable t = TalkerTable.empty(10).add("2001:db8::1", 70, 2, false).add("010.0.0.1", 50, false)
                .add("10.0.0.1", 40, false).add("0.0.0.0", 1, false).add("255.255.255.255", 9, 1, false);
        TalkerTable read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", t));
        assertEquals(t, read);
        assertEquals(t.entries(), read.entries());
    }

    @Test
    @DisplayName("writes real Avro single-object encoding that any Avro reader with the schema understands")
    void plainAvro() throws Exception {
        byte[] bytes = serde.serializer().serialize("t", sample());
        BinaryMessageDecoder<GenericRecord> decoder = new BinaryMessageDecoder<>(GenericData.get(), TalkerTableSerde.SCHEMA);
        GenericRecord r = decoder.decode(ByteBuffer.wrap(bytes));
        assertEquals(3, r.get("capacity"));
        assertEquals(sample().missingBound(), r.get("missing_bound"));
        assertEquals(true, r.get("truncated"));
        assertEquals(3, ((java.util.List<?>) r.get("entries")).size());
    }

    @Test
    @DisplayName("writes byte for byte what Avro's own encoder writes for the same record, large counts included")
    void sameBytesAsAvro() throws Exception {
        TalkerTable t = TalkerTable.mergeAll(3, java.util.List.of(
                TalkerTable.empty(3).add("2001:db8::1", Long.MAX_VALUE / 4, 1L << 40, false).add("10.0.0.1", 0, false)
                        .add("203.0.113.200", 1L << 33, 127, true),
                TalkerTable.empty(3).add("198.51.100.7", 64, false).add("10.0.0.1", 63, 128, false)));
        assertTrue(t.missingBound() > 0, "trimmed: errors and a missing bound to write");
        byte[] ours = serde.serializer().serialize("t", t);
        GenericRecord decoded = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), TalkerTableSerde.SCHEMA)
                .decode(ByteBuffer.wrap(ours));
        byte[] avro = new org.apache.avro.message.BinaryMessageEncoder<GenericRecord>(GenericData.get(), TalkerTableSerde.SCHEMA)
                .encode(decoded).array();
        assertArrayEquals(avro, ours);
        byte[] empty = serde.serializer().serialize("t", TalkerTable.empty(5));
        assertArrayEquals(new org.apache.avro.message.BinaryMessageEncoder<GenericRecord>(GenericData.get(), TalkerTableSerde.SCHEMA)
                .encode(new BinaryMessageDecoder<GenericRecord>(GenericData.get(), TalkerTableSerde.SCHEMA)
                        .decode(ByteBuffer.wrap(empty))).array(), empty);
    }

    @Test
    @DisplayName("keeps every entry's packets, and reads tables written before entries had packets (as 0)")
    void packets() throws Exception {
        TalkerTable withPackets = TalkerTable.empty(10).add("8.8.8.8", 1500, 3, false).add("10.0.0.5", 60, 1, false);
        TalkerTable read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", withPackets));
        assertEquals(3, read.get("8.8.8.8").orElseThrow().packets());

        GenericRecord old = new GenericData.Record(TalkerTableSerde.SCHEMA_WITHOUT_PACKETS);
        old.put("capacity", 10);
        old.put("total_bytes", 1500L);
        old.put("missing_bound", 0L);
        old.put("truncated", false);
        GenericRecord entry = new GenericData.Record(TalkerTableSerde.SCHEMA_WITHOUT_PACKETS.getField("entries").schema()
                .getElementType());
        entry.put("ip", "8.8.8.8");
        entry.put("bytes", 1500L);
        entry.put("error", 0L);
        old.put("entries", java.util.List.of(entry));
        byte[] written = new org.apache.avro.message.BinaryMessageEncoder<GenericRecord>(GenericData.get(),
                TalkerTableSerde.SCHEMA_WITHOUT_PACKETS).encode(old).array();
        TalkerTable legacy = serde.deserializer().deserialize("talkers-1h-changelog", written);
        assertEquals(1500, legacy.get("8.8.8.8").orElseThrow().bytes());
        assertEquals(0, legacy.get("8.8.8.8").orElseThrow().packets());
    }

    @Test
    @DisplayName("refuses bytes written with another schema or cut short, naming the topic")
    void refusesForeignBytes() {
        byte[] bytes = serde.serializer().serialize("t", sample());
        byte[] otherSchema = bytes.clone();
        otherSchema[5] ^= 0x55;
        SerializationException e = assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize("talkers-1h-changelog", otherSchema));
        assertEquals(true, e.getMessage().contains("talkers-1h-changelog"));
        assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize("t", Arrays.copyOf(bytes, bytes.length - 3)));
    }
}
