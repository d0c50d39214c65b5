package io.egressmon.streams.alerts;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * How much one hour's cost of a scope changed: what stage 1 of the alerts part hands stage 2
 * through the repartition topic, a commit's changes of one scope in one record.
 *
 * @param hourStart the hour (UTC)
 * @param usd       the change, exact; positive, negative (a spoke-hour priced again for less) or zero
 *                  (the spoke-hour's first record, of $0: it still tells how far the scope is priced)
 */
record HourDelta(Instant hourStart, BigDecimal usd) {
    /** The format byte in front of a batch, so that another encoding can be told apart later. */
    private static final byte FORMAT = 1;

    HourDelta {
        Objects.requireNonNull(hourStart, "hourStart");
        Objects.requireNonNull(usd, "usd");
    }

    /** A batch: the format byte, the count, then per change its hour (epoch ms) and the dollars as text. */
    static Serde<List<HourDelta>> batchSerde() {
        return Serdes.serdeFrom((topic, batch) -> batch == null ? null : write(batch),
                (topic, bytes) -> bytes == null ? null : read(bytes));
    }

    private static byte[] write(List<HourDelta> batch) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + batch.size() * 24);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(batch.size());
            for (HourDelta d : batch) {
                out.writeLong(d.hourStart.toEpochMilli());
                out.writeUTF(d.usd.toPlainString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static List<HourDelta> read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("a batch of hourly cost changes in format " + format + ", not " + FORMAT);
            }
            int n = in.readInt();
            List<HourDelta> batch = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                batch.add(new HourDelta(Instant.ofEpochMilli(in.readLong()), new BigDecimal(in.readUTF())));
            }
            return batch;
        } catch (IOException e) {
            throw new IllegalArgumentException("a truncated batch of hourly cost changes", e);
        }
    }
}
