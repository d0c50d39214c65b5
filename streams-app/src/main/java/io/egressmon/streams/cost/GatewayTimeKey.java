package io.egressmon.streams.cost;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.utils.Bytes;

/**
 * The keys of the cost query stores ({@link CostQueryStores}): a gateway's name in UTF-8, a 0 byte,
 * then a number of hours or days since the epoch, 4 bytes big-endian. Gateway first, so a gateway's
 * period is one range; the 0 byte ends the name, so {@code a} and {@code a-b} never interleave.
 */
public final class GatewayTimeKey {
    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 86_400_000L;

    private GatewayTimeKey() {
    }

    /** The key of {@code gateway} (its UTF-8 bytes) at {@code index}. */
    public static Bytes of(byte[] gateway, int index) {
        byte[] key = new byte[gateway.length + 5];
        System.arraycopy(gateway, 0, key, 0, gateway.length);
        key[gateway.length] = 0;
        ByteBuffer.wrap(key, gateway.length + 1, 4).putInt(index);
        return Bytes.wrap(key);
    }

    public static Bytes of(String gateway, int index) {
        return of(gateway.getBytes(StandardCharsets.UTF_8), index);
    }

    /** The number after the name. */
    public static int index(byte[] key) {
        return ByteBuffer.wrap(key, key.length - 4, 4).getInt();
    }

    /** The gateway's name. */
    public static String gateway(byte[] key) {
        return new String(key, 0, key.length - 5, StandardCharsets.UTF_8);
    }

    /** Hours since the epoch of the hour holding {@code t}. */
    public static int hour(Instant t) {
        return (int) Math.floorDiv(t.toEpochMilli(), HOUR_MS);
    }

    /** Days since the epoch of the UTC day holding {@code t}. */
    public static int day(Instant t) {
        return (int) Math.floorDiv(t.toEpochMilli(), DAY_MS);
    }

    public static Instant ofHour(int hour) {
        return Instant.ofEpochMilli(hour * HOUR_MS);
    }

    public static Instant ofDay(int day) {
        return Instant.ofEpochMilli(day * DAY_MS);
    }
}
