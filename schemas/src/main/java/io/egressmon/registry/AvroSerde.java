package io.egressmon.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro specific records in the Confluent wire format: magic byte 0, the 4-byte big-endian schema id
 * from the registry, then Avro binary. Subjects follow the topic-name strategy
 * ({@code <topic>-value}, or {@code -key} for keys). A null value (a tombstone) stays null.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
    public static final byte MAGIC = 0;

    private final Class<T> type;
    private final Schema readerSchema;
    private final SchemaRegistry registry;
    private final boolean isKey;
    private final Map<Integer, SpecificDatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();
    private final Map<String, Writing> writingByTopic = new ConcurrentHashMap<>();

    /** Per thread, the buffer and encoder records are written with: reused, as serialising never nests. */
    private static final ThreadLocal<Output> OUTPUT = ThreadLocal.withInitial(Output::new);
    /** A thread keeps its buffer for records up to this size; a larger one's goes with it. */
    private static final int MAX_KEPT_BUFFER = 1 << 20;
    /** Per thread, the decoder last used: reading never nests either. */
    private static final ThreadLocal<BinaryDecoder> DECODER = new ThreadLocal<>();

    private static final class Output {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        BinaryEncoder encoder;
    }

    /** What a topic's records are written with: the schema they bring, its id as framed, and its writer. */
    private record Writing(Schema schema, byte[] framing, SpecificDatumWriter<SpecificRecord> writer) {
    }

    public AvroSerde(Class<T> type, SchemaRegistry registry) {
        this(type, registry, false);
    }

    public AvroSerde(Class<T> type, SchemaRegistry registry, boolean isKey) {
        this.type = type;
        this.readerSchema = SpecificData.get().getSchema(type);
        this.registry = registry;
        this.isKey = isKey;
    }

    public static String subjectFor(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }

    @Override
    public Serializer<T> serializer() {
        return this::serialize;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this::deserialize;
    }

    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        Writing writing = writingFor(topic, record.getSchema());
        Output output = OUTPUT.get();
        output.bytes.reset();
        output.bytes.write(MAGIC);
        output.bytes.write(writing.framing, 0, writing.framing.length);
        try {
            output.encoder = EncoderFactory.get().binaryEncoder(output.bytes, output.encoder);
            writing.writer.write(record, output.encoder);
            output.encoder.flush();
        } catch (IOException | RuntimeException e) {
            OUTPUT.remove();
            throw new SerializationException("cannot write " + type.getSimpleName() + " for topic " + topic + ": " + e, e);
        }
        byte[] bytes = output.bytes.toByteArray();
        if (bytes.length > MAX_KEPT_BUFFER) {
            OUTPUT.remove();
        }
        return bytes;
    }

    /**
     * The schema id and writer for {@code topic}: registered once, not per record (a stream thread
     * writes hundreds of thousands of records a second through one serde), and again whenever the
     * record brings another schema.
     */
    private Writing writingFor(String topic, Schema schema) {
        Writing writing = writingByTopic.get(topic);
        if (writing == null || writing.schema != schema) {
            int id = registry.register(subjectFor(topic, isKey), schema);
            writing = new Writing(schema, ByteBuffer.allocate(4).putInt(id).array(), new SpecificDatumWriter<>(schema));
            writingByTopic.put(topic, writing);
        }
        return writing;
    }

    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length < 5 || bytes[0] != MAGIC) {
            throw new SerializationException("not a Confluent-framed Avro value on topic " + topic
                    + " (" + bytes.length + " bytes, first byte " + (bytes.length == 0 ? "none" : bytes[0]) + ")");
        }
        int writerId = ByteBuffer.wrap(bytes, 1, 4).getInt();
        SpecificDatumReader<T> reader;
        try {
            reader = readersByWriterId.computeIfAbsent(writerId,
                    id -> new SpecificDatumReader<>(registry.schemaById(id), readerSchema));
        } catch (SchemaRegistryException e) {
            // "Schema not found" is permanent: the value names a schema that does not exist, so it
            // is bad input. Any other failure (registry down, 5xx, a wrong URL's bare 404) stays a
            // SchemaRegistryException: the value may be fine, and a handler that skips bad records
            // must not skip it.
            if (e.status() == 404 && e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND) {
                throw new SerializationException("cannot read " + type.getSimpleName() + " from topic " + topic
                        + ": schema id " + writerId + " is unknown to the registry (" + e.getMessage() + ")", e);
            }
            throw e;
        }
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, DECODER.get());
        DECODER.set(decoder);
        try {
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot read " + type.getSimpleName() + " (schema id " + writerId
                    + ") from topic " + topic + ": " + e, e);
        }
    }
}
