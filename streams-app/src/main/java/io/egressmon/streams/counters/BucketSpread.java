package io.egressmon.streams.counters;

import io.egressmon.api.bandwidth.RawTotals;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a counter increase measured over {@code (from, to]} across the aligned buckets that
 * interval covers, in proportion to the time each bucket overlaps it.
 *
 * <p>A reading only says how many bytes passed between two instants, not when; spreading by time
 * is the assumption of a steady rate, which makes a coarse 6-hour backfill slice read as a smooth
 * series instead of one spike in its last bucket. The split is exact in integers: piece {@code i}
 * gets {@code floor(total * end_i / span) - floor(total * start_i / span)} where {@code start_i,
 * end_i} are the piece's offsets into the interval, so the pieces telescope to exactly {@code
 * total} (no byte lost or created) and each is within one byte of its exact share.
 */
final class BucketSpread {

    /** One bucket's share: bytes over {@code (from, to]}, with {@code from, to} inside one bucket. */
    record Piece(long from, long to, RawTotals totals) {
        /** The record timestamp for this piece: its last millisecond, which lies inside its bucket. */
        long timestamp() {
            return to - 1;
        }
    }

    private BucketSpread() {
    }

    /**
     * Pieces of {@code delta} over {@code (fromMs, toMs]}, one per {@code bucket}-aligned bucket, in
     * time order. An interval ending exactly on a bucket boundary does not reach into the next
     * bucket. The {@code resets} of the delta all go to the last piece: a reset is observed at the
     * reading that closes the interval, and a count cannot be split.
     */
    static List<Piece> spread(long fromMs, long toMs, RawTotals delta, Duration bucket) {
        if (toMs <= fromMs) {
            throw new IllegalArgumentException("empty interval (" + fromMs + ", " + toMs + "]");
        }
        long size = bucket.toMillis();
        long span = toMs - fromMs;
        long first = Math.floorDiv(fromMs, size);
        long last = Math.floorDiv(toMs - 1, size);
        List<Piece> pieces = new ArrayList<>((int) Math.min(last - first + 1, 10_000));
        for (long b = first; b <= last; b++) {
            long pieceFrom = Math.max(fromMs, b * size);
            long pieceTo = Math.min(toMs, (b + 1) * size);
            long startOffset = pieceFrom - fromMs;
            long endOffset = pieceTo - fromMs;
            RawTotals share = new RawTotals(
                    share(delta.eth0Rx(), startOffset, endOffset, span),
                    share(delta.eth0Tx(), startOffset, endOffset, span),
                    share(delta.tunnelRx(), startOffset, endOffset, span),
                    share(delta.tunnelTx(), startOffset, endOffset, span),
                    b == last ? delta.resets() : 0);
            pieces.add(new Piece(pieceFrom, pieceTo, share));
        }
        return pieces;
    }

    private static long share(long total, long startOffset, long endOffset, long span) {
        return floorMulDiv(total, endOffset, span) - floorMulDiv(total, startOffset, span);
    }

    /** {@code floor(a * b / c)} for {@code a >= 0}, {@code 0 <= b <= c}, without overflowing. */
    static long floorMulDiv(long a, long b, long c) {
        if (a < 0 || b < 0 || b > c) {
            throw new IllegalArgumentException("floorMulDiv(" + a + ", " + b + ", " + c + ")");
        }
        if (Math.multiplyHigh(a, b) == 0 && a * b >= 0) {
            return a * b / c;
        }
        return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(c)).longValueExact();
    }
}
