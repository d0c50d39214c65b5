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
        int id = registry.register(subjectFor(topic, isKey), record.getSchema());
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(MAGIC);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            new SpecificDatumWriter<T>(record.getSchema()).write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot write " + type.getSimpleName() + " for topic " + topic + ": " + e, e);
        }
        return out.toByteArray();
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
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null);
        try {
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot read " + type.getSimpleName() + " (schema id " + writerId
                    + ") from topic " + topic + ": " + e, e);
        }
    }
}
