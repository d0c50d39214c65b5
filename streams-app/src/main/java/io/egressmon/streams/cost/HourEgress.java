package io.egressmon.streams.cost;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One spoke's internet egress of one hour, as the cost part passes it to the account's task: what
 * pricing needs of a final hourly window and nothing else (the account, provider and region are in
 * the key, {@link BillingKey}).
 *
 * @param bytes the hourly window's {@code egress_tx_bytes}, never negative
 */
record HourEgress(String gateway, Instant hourStart, long bytes) {
    /** The first byte of every encoded value: a later format gets another. */
    private static final byte FORMAT = 1;

    HourEgress {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(hourStart, "hourStart");
        if (bytes < 0) {
            throw new IllegalArgumentException("egress bytes cannot be negative: " + bytes);
        }
    }

    /**
     * The repartition topic's value serde: format byte, hour start (epoch ms), bytes, then the
     * gateway's UTF-8 — a few dozen bytes instead of the window's Avro record through the registry.
     */
    static Serde<HourEgress> serde() {
        Serializer<HourEgress> serializer = (topic, e) -> {
            if (e == null) {
                return null;
            }
            byte[] name = e.gateway.getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(1 + 8 + 8 + name.length).put(FORMAT).putLong(e.hourStart.toEpochMilli())
                    .putLong(e.bytes).put(name).array();
        };
        Deserializer<HourEgress> deserializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            if (data.length < 17 || data[0] != FORMAT) {
                throw new SerializationException("not an hour's egress (format " + FORMAT + ") on " + topic + ": "
                        + data.length + " bytes, first " + (data.length == 0 ? "none" : data[0]));
            }
            ByteBuffer in = ByteBuffer.wrap(data, 1, data.length - 1);
            Instant start = Instant.ofEpochMilli(in.getLong());
            long bytes = in.getLong();
            return new HourEgress(new String(data, 17, data.length - 17, StandardCharsets.UTF_8), start, bytes);
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
