package io.egressmon.streams.cost;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The binary form of the cost query stores' rows: longs and ints fixed, decimals as scale and
 * two's-complement unscaled bytes, strings as UTF-8, each variable part after its length. A format
 * byte leads every row, so a changed layout fails loudly rather than misreads.
 */
final class RowCodec {
    private RowCodec() {
    }

    static int size(BigDecimal d) {
        return 4 + 2 + (d.unscaledValue().bitLength() / 8 + 1);
    }

    static int size(byte[] utf8) {
        return 2 + utf8.length;
    }

    static void put(ByteBuffer b, BigDecimal d) {
        byte[] unscaled = d.unscaledValue().toByteArray();
        b.putInt(d.scale()).putShort((short) unscaled.length).put(unscaled);
    }

    static BigDecimal decimal(ByteBuffer b) {
        int scale = b.getInt();
        byte[] unscaled = new byte[b.getShort()];
        b.get(unscaled);
        return new BigDecimal(new BigInteger(unscaled), scale);
    }

    static void put(ByteBuffer b, byte[] utf8) {
        b.putShort((short) utf8.length).put(utf8);
    }

    static String string(ByteBuffer b) {
        byte[] utf8 = new byte[b.getShort() & 0xffff];
        b.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    static ByteBuffer open(byte[] row, byte format, String what) {
        ByteBuffer b = ByteBuffer.wrap(row);
        byte f = b.get();
        if (f != format) {
            throw new IllegalStateException(what + " row of format " + f + ", expected " + format
                    + ": the store was written by another version");
        }
        return b;
    }
}
