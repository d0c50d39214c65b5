package io.egressmon.streams.cost;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One spoke's internet egress of one hour, as the cost part passes it to the account's task: what
 * pricing needs of a final hourly window and nothing else (the account, provider and region are in
 * the key, {@link BillingKey}). They travel in batches, one per account and commit ({@link HourBatcher}).
 *
 * @param bytes the hourly window's {@code egress_tx_bytes}, never negative
 */
record HourEgress(String gateway, Instant hourStart, long bytes) {
    /** The first byte of every encoded batch: a later format gets another. */
    private static final byte FORMAT = 1;

    HourEgress {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(hourStart, "hourStart");
        if (bytes < 0) {
            throw new IllegalArgumentException("egress bytes cannot be negative: " + bytes);
        }
    }

    /**
     * The repartition topic's value serde: format byte, count, then per hour its start (epoch ms),
     * bytes, and the gateway's UTF-8 length and bytes — a few dozen bytes per hour instead of the
     * window's Avro record through the registry.
     */
    static Serde<List<HourEgress>> batchSerde() {
        Serializer<List<HourEgress>> serializer = (topic, batch) -> {
            if (batch == null) {
                return null;
            }
            List<byte[]> names = new ArrayList<>(batch.size());
            int size = 1 + 4;
            for (HourEgress e : batch) {
                byte[] name = e.gateway.getBytes(StandardCharsets.UTF_8);
                names.add(name);
                size += 8 + 8 + 4 + name.length;
            }
            ByteBuffer out = ByteBuffer.allocate(size).put(FORMAT).putInt(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                HourEgress e = batch.get(i);
                out.putLong(e.hourStart.toEpochMilli()).putLong(e.bytes).putInt(names.get(i).length).put(names.get(i));
            }
            return out.array();
        };
        Deserializer<List<HourEgress>> deserializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                ByteBuffer in = ByteBuffer.wrap(data);
                if (in.get() != FORMAT) {
                    throw new SerializationException("not a batch of hours' egress (format " + FORMAT + ") on " + topic);
                }
                int count = in.getInt();
                List<HourEgress> batch = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    Instant start = Instant.ofEpochMilli(in.getLong());
                    long bytes = in.getLong();
                    byte[] name = new byte[in.getInt()];
                    in.get(name);
                    batch.add(new HourEgress(new String(name, StandardCharsets.UTF_8), start, bytes));
                }
                if (in.hasRemaining()) {
                    throw new SerializationException(in.remaining() + " bytes after a batch of " + count + " hours on " + topic);
                }
                return batch;
            } catch (java.nio.BufferUnderflowException | NegativeArraySizeException | IllegalArgumentException e) {
                throw new SerializationException("a truncated or malformed batch of hours' egress on " + topic + " ("
                        + data.length + " bytes)", e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
