package io.egressmon.streams.talkers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of the {@code talkers-1h} / {@code talkers-1d} window stores and their changelogs.
 *
 * <p>Besides its capacity, total and entries, a table carries two caveats
 * ({@link TalkerTable#missingBound()} and {@link TalkerTable#truncated()}); without them an answer
 * could not say it is approximate, so {@link #SCHEMA} holds them too, with defaults. Like {@code counter-last-readings}, this state never leaves the
 * topology, so it uses Avro's single-object encoding (marker, the schema's fingerprint, then Avro
 * binary) rather than a registry round trip; the fingerprint makes a changelog written with another
 * schema fail loudly instead of being misread. The encoding is written field by field (a table is
 * thousands of entries, updated for every input record), and is plain Avro binary of {@link #SCHEMA}:
 * any Avro reader with the schema reads it. Tables written before entries carried packets (their own
 * fingerprint) are still read, with packets 0.
 */
public final class TalkerTableSerde implements Serde<TalkerTable> {

    public static final Schema SCHEMA = schema(true);
    /**
     * The schema before entries carried packets (tables written by earlier versions, in changelogs and
     * local state): read as packets 0, never written.
     */
    static final Schema SCHEMA_WITHOUT_PACKETS = schema(false);

    private static Schema schema(boolean packets) {
        var entry = SchemaBuilder.record("TalkerStateEntry").namespace("io.egressmon.streams.talkers").fields()
                .requiredString("ip").requiredLong("bytes").requiredLong("error");
        if (packets) {
            entry = entry.name("packets").doc("packets added while the IP was in the table (flows; 0 for FlowIQ)")
                    .type().longType().longDefault(0);
        }
        return SchemaBuilder.record("TalkerTableState").namespace("io.egressmon.streams.talkers")
                .doc("A talkers window store value: a bounded IP -> bytes table plus missing_bound and truncated")
                .fields()
                .requiredInt("capacity")
                .requiredLong("total_bytes")
                .name("missing_bound").doc("no IP absent from entries had more bytes; 0 while exact")
                    .type().longType().longDefault(0)
                .name("truncated").doc("some input came from a FlowIQ answer cut at its size")
                    .type().booleanType().booleanDefault(false)
                .name("entries").type().array().items(entry.endRecord()).noDefault()
                .endRecord();
    }

    /** Avro single-object encoding: {@code C3 01}, then the schema's 64-bit fingerprint, little-endian. */
    static final byte[] HEADER = header(SchemaNormalization.parsingFingerprint64(SCHEMA));
    private static final byte[] HEADER_WITHOUT_PACKETS = header(SchemaNormalization.parsingFingerprint64(SCHEMA_WITHOUT_PACKETS));

    private static byte[] header(long fingerprint) {
        byte[] h = new byte[10];
        h[0] = (byte) 0xC3;
        h[1] = (byte) 0x01;
        for (int i = 0; i < 8; i++) {
            h[2 + i] = (byte) (fingerprint >>> (8 * i));
        }
        return h;
    }

    @Override
    public Serializer<TalkerTable> serializer() {
        return (topic, table) -> table == null ? null : write(table);
    }

    @Override
    public Deserializer<TalkerTable> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return read(bytes);
            } catch (IOException | AvroRuntimeException | IllegalArgumentException e) {
                throw new SerializationException("cannot read a talker table (" + bytes.length + " bytes) from "
                        + topic + ": " + e.getMessage(), e);
            }
        };
    }

    static byte[] write(TalkerTable table) {
        IpCounts counts = table.counts(); // in slot order: order is no part of the value, so no sort per write
        ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER.length + 16 + counts.size() * 24);
        out.writeBytes(HEADER);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        byte[] ip = new byte[15];
        try {
            encoder.writeInt(table.capacity());
            encoder.writeLong(table.totalBytes());
            encoder.writeLong(table.missingBound());
            encoder.writeBoolean(table.truncated());
            encoder.writeArrayStart();
            encoder.setItemCount(counts.size());
            for (int s = 0; s < counts.slots(); s++) {
                if (!counts.used(s)) {
                    continue;
                }
                encoder.startItem();
                if (counts.isIpv4(s)) {
                    encoder.writeBytes(ip, 0, counts.ipv4Text(s, ip)); // an Avro string is its length and UTF-8 bytes
                } else {
                    encoder.writeString(counts.ip(s));
                }
                encoder.writeLong(counts.bytes(s));
                encoder.writeLong(counts.error(s));
                encoder.writeLong(counts.packets(s));
            }
            encoder.writeArrayEnd();
            encoder.flush();
        } catch (IOException e) {
            throw new SerializationException("cannot write a talker table: " + e, e); // a memory stream does not fail
        }
        return out.toByteArray();
    }

    static TalkerTable read(byte[] bytes) throws IOException {
        boolean packets = startsWith(bytes, HEADER);
        if (!packets && !startsWith(bytes, HEADER_WITHOUT_PACKETS)) {
            throw new IllegalArgumentException("not a single-object encoded " + SCHEMA.getFullName()
                    + " (wrong marker or schema fingerprint)");
        }
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER.length, bytes.length - HEADER.length, null);
        int capacity = decoder.readInt();
        long total = decoder.readLong();
        long missing = decoder.readLong();
        boolean truncated = decoder.readBoolean();
        long n = decoder.readArrayStart();
        TalkerTable.Reader table = TalkerTable.reader(capacity, total, missing, truncated, n); // the first block: usually all
        for (; n != 0; n = decoder.arrayNext()) {
            for (long i = 0; i < n; i++) {
                table.entry(decoder.readString(), decoder.readLong(), decoder.readLong(), packets ? decoder.readLong() : 0);
            }
        }
        if (!decoder.isEnd()) {
            throw new IllegalArgumentException("trailing bytes after the talker table");
        }
        return table.table();
    }

    private static boolean startsWith(byte[] bytes, byte[] header) {
        return bytes.length >= header.length && Arrays.equals(bytes, 0, header.length, header, 0, header.length);
    }
}
