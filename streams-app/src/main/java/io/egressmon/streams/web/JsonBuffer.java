package io.egressmon.streams.web;

import io.egressmon.api.ApiJson;
import io.vertx.core.buffer.Buffer;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An answer's JSON as the bytes a response sends: written in blocks as Jackson encodes it, then
 * copied once into a buffer of its size. A 500-spoke answer is a few hundred kilobytes; written as a
 * {@code String} first it was made four times over (characters, the string, its UTF-8 bytes, the
 * response's buffer), the largest allocation of a query (docs/benchmarks.md).
 */
final class JsonBuffer extends OutputStream {
    /** The first block: most answers (one spoke, an error) fit; each next one doubles what is written, up to the largest. */
    private static final int FIRST_BLOCK = 1024;
    private static final int LARGEST_BLOCK = 64 * 1024;

    private final List<byte[]> full = new ArrayList<>();
    private byte[] block = new byte[FIRST_BLOCK];
    private int used;
    /** Bytes in {@link #full}. */
    private int written;

    private JsonBuffer() {
    }

    /** {@code answer} as compact JSON (ApiJson's mapping) in UTF-8. */
    static Buffer of(Object answer) {
        JsonBuffer out = new JsonBuffer();
        ApiJson.write(answer, out);
        return out.toBuffer();
    }

    @Override
    public void write(int b) {
        if (used == block.length) {
            next();
        }
        block[used++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        while (length > 0) {
            if (used == block.length) {
                next();
            }
            int n = Math.min(length, block.length - used);
            System.arraycopy(bytes, offset, block, used, n);
            used += n;
            offset += n;
            length -= n;
        }
    }

    private void next() {
        full.add(block);
        written += block.length;
        block = new byte[Math.min(written, LARGEST_BLOCK)];
        used = 0;
    }

    private Buffer toBuffer() {
        Buffer buffer = Buffer.buffer(written + used);
        for (byte[] b : full) {
            buffer.appendBytes(b);
        }
        return buffer.appendBytes(block, 0, used);
    }
}
