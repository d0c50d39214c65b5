package io.egressmon.streams.counters;

import io.egressmon.avro.PollWatermark;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of the {@code counter-last-readings} store: a gateway's last readings as a
 * {@link PollWatermark} ({@code polled_until} = the last snapshot's {@code sampled_at}, {@code last}
 * = last reading per interface and metric).
 *
 * <p>It uses Avro's single-object encoding (a marker and the schema's fingerprint, then Avro binary)
 * rather than the registry's wire format: this state never leaves the topology, so it needs no
 * registry round trip, and the fingerprint still makes a changelog written with another schema
 * fail loudly instead of being misread.
 */
final class LastReadingsSerde implements Serde<PollWatermark> {

    @Override
    public Serializer<PollWatermark> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                ByteBuffer buffer = PollWatermark.getEncoder().encode(value);
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            } catch (IOException | AvroRuntimeException e) {
                throw new SerializationException("cannot write last readings of " + value.getGateway()
                        + " for " + topic + ": " + e, e);
            }
        };
    }

    @Override
    public Deserializer<PollWatermark> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return PollWatermark.getDecoder().decode(bytes);
            } catch (IOException | AvroRuntimeException e) {
                throw new SerializationException("cannot read last readings (" + bytes.length + " bytes) from "
                        + topic + ": " + e, e);
            }
        };
    }
}
