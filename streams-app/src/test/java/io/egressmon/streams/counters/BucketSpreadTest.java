package io.egressmon.streams.counters;

import io.egressmon.api.bandwidth.RawTotals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.streams.counters.BucketSpread.Piece;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Spreading an increase over aligned buckets")
class BucketSpreadTest {
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final long BUCKET = FIVE_MINUTES.toMillis();

    private static long ms(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    @DisplayName("For any interval and amount, the pieces tile the interval, stay in their buckets and sum exactly")
    void piecesSumExactly() {
        Random random = new Random(20260101);
        long base = ms("2026-01-01T00:00:00Z");
        for (int i = 0; i < 3_000; i++) {
            long from = base + random.nextLong(Duration.ofDays(30).toMillis());
            long to = from + 1 + random.nextLong(Duration.ofDays(2).toMillis());
            RawTotals delta = new RawTotals(random.nextLong(1_000_000_000_000_000L), random.nextLong(1_000),
                    random.nextInt(3) == 0 ? 0 : random.nextLong(Long.MAX_VALUE / 4), random.nextLong(100),
                    random.nextInt(3));

            List<Piece> pieces = BucketSpread.spread(from, to, delta, FIVE_MINUTES);

            String where = "case " + i + " (" + from + ", " + to + "] " + delta;
            assertEquals(from, pieces.get(0).from(), where);
            assertEquals(to, pieces.get(pieces.size() - 1).to(), where);
            for (int p = 0; p < pieces.size(); p++) {
                Piece piece = pieces.get(p);
                assertTrue(piece.from() < piece.to(), where);
                if (p > 0) {
                    assertEquals(pieces.get(p - 1).to(), piece.from(), where);
                }
                long bucketStart = Math.floorDiv(piece.timestamp(), BUCKET) * BUCKET;
                assertTrue(piece.from() >= bucketStart && piece.to() <= bucketStart + BUCKET, where);
                assertWithinOneOfExactShare(delta.eth0Rx(), piece, from, to, piece.totals().eth0Rx(), where);
                assertWithinOneOfExactShare(delta.tunnelRx(), piece, from, to, piece.totals().tunnelRx(), where);
            }
            assertEquals(delta, pieces.stream().map(Piece::totals).reduce(RawTotals.ZERO, RawTotals::plus), where);
        }
    }

    private static void assertWithinOneOfExactShare(long total, Piece piece, long from, long to, long actual, String where) {
        double exact = (double) total * (piece.to() - piece.from()) / (to - from);
        // double rounding of 18-digit values is far below one byte of tolerance at these magnitudes
        assertTrue(Math.abs(actual - exact) <= 1 + exact * 1e-12, () -> where + ": piece " + piece + " exact " + exact);
    }

    @Test
    @DisplayName("An interval from one bucket boundary to the next is one piece, timestamped in that bucket's last millisecond")
    void boundaryToBoundary() {
        List<Piece> pieces = BucketSpread.spread(ms("2026-01-01T10:00:00Z"), ms("2026-01-01T10:05:00Z"),
                new RawTotals(10, 20, 30, 40, 1), FIVE_MINUTES);

        assertEquals(List.of(new Piece(ms("2026-01-01T10:00:00Z"), ms("2026-01-01T10:05:00Z"),
                new RawTotals(10, 20, 30, 40, 1))), pieces);
        assertEquals(ms("2026-01-01T10:04:59.999Z"), pieces.get(0).timestamp());
    }

    @Test
    @DisplayName("Counter resets are not split: they all go to the last piece, where the reading revealed them")
    void resetsGoToTheLastPiece() {
        List<Piece> pieces = BucketSpread.spread(ms("2026-01-01T10:00:00Z"), ms("2026-01-01T10:30:00Z"),
                new RawTotals(600, 0, 0, 0, 2), FIVE_MINUTES);

        assertEquals(6, pieces.size());
        ToLongFunction<Piece> resets = p -> p.totals().resets();
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 2L), pieces.stream().map(resets::applyAsLong).toList());
        pieces.forEach(p -> assertEquals(100, p.totals().eth0Rx()));
    }

    @Test
    @DisplayName("Huge amounts over a 400-day interval do not overflow")
    void noOverflow() {
        long from = ms("2025-01-01T00:00:00Z");
        long to = from + Duration.ofDays(400).toMillis();
        RawTotals delta = new RawTotals(Long.MAX_VALUE / 2, Long.MAX_VALUE / 3, 0, 0, 0);

        List<Piece> pieces = BucketSpread.spread(from, to, delta, FIVE_MINUTES);

        assertEquals(400 * 288, pieces.size());
        assertEquals(delta, pieces.stream().map(Piece::totals).reduce(RawTotals.ZERO, RawTotals::plus));
        pieces.forEach(p -> assertTrue(p.totals().eth0Rx() >= 0));
    }

    @Test
    @DisplayName("floor(a·b/c) is exact where a·b overflows a long")
    void floorMulDiv() {
        assertEquals(7, BucketSpread.floorMulDiv(10, 7, 10));
        assertEquals(3, BucketSpread.floorMulDiv(10, 1, 3));
        assertEquals(Long.MAX_VALUE / 3, BucketSpread.floorMulDiv(Long.MAX_VALUE, 1_000_000_007L, 3_000_000_021L));
        assertThrows(IllegalArgumentException.class, () -> BucketSpread.floorMulDiv(-1, 1, 2));
    }

    @Test
    @DisplayName("An empty or backwards interval is refused")
    void emptyIntervalRefused() {
        assertThrows(IllegalArgumentException.class, () -> BucketSpread.spread(5, 5, RawTotals.ZERO, FIVE_MINUTES));
        assertThrows(IllegalArgumentException.class, () -> BucketSpread.spread(6, 5, RawTotals.ZERO, FIVE_MINUTES));
    }
}
