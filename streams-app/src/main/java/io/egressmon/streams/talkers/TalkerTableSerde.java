package io.egressmon.streams.talkers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
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

    /**
     * Avro binary of {@link #SCHEMA}, written straight into an array (what Avro's encoder does, without
     * its buffering and stream): a commit writes every changed table, thousands of entries each.
     */
    static byte[] write(TalkerTable table) {
        IpCounts counts = table.counts(); // in slot order: order is no part of the value, so no sort per write
        Out out = new Out(HEADER.length + 32 + counts.size() * 28);
        out.raw(HEADER, HEADER.length);
        out.varLong(table.capacity()); // an Avro int is written as a long of the same value
        out.varLong(table.totalBytes());
        out.varLong(table.missingBound());
        out.bool(table.truncated());
        if (counts.size() > 0) {
            out.varLong(counts.size()); // one block of all entries, then the empty block that ends an array
            byte[] ip = new byte[15];
            for (int s = 0; s < counts.slots(); s++) {
                if (!counts.used(s)) {
                    continue;
                }
                if (counts.isIpv4(s)) {
                    int n = counts.ipv4Text(s, ip);
                    out.varLong(n); // an Avro string: its length, then its UTF-8 bytes
                    out.raw(ip, n);
                } else {
                    byte[] text = counts.ip(s).getBytes(StandardCharsets.UTF_8);
                    out.varLong(text.length);
                    out.raw(text, text.length);
                }
                out.varLong(counts.bytes(s));
                out.varLong(counts.error(s));
                out.varLong(counts.packets(s));
            }
        }
        out.varLong(0);
        return out.toByteArray();
    }

    /** A growing byte array with Avro's zig-zag variable-length longs. */
    private static final class Out {
        private byte[] buf;
        private int size;

        Out(int expected) {
            buf = new byte[expected];
        }

        void varLong(long value) {
            room(10);
            long n = (value << 1) ^ (value >> 63);
            while ((n & ~0x7FL) != 0) {
                buf[size++] = (byte) ((n & 0x7F) | 0x80);
                n >>>= 7;
            }
            buf[size++] = (byte) n;
        }

        void bool(boolean value) {
            room(1);
            buf[size++] = (byte) (value ? 1 : 0);
        }

        void raw(byte[] bytes, int length) {
            room(length);
            System.arraycopy(bytes, 0, buf, size, length);
            size += length;
        }

        private void room(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }
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
