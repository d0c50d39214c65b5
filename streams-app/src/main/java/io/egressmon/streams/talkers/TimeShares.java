package io.egressmon.streams.talkers;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * An amount (bytes, packets) counted over {@code [start, end)} shared between the windows of a grid
 * it touches, in proportion to time: nothing is known about when inside the interval it flowed, so
 * steady traffic is assumed. The last piece takes what rounding left, so nothing is lost or invented.
 */
public final class TimeShares {
    private TimeShares() {
    }

    /**
     * The pieces {@code {piece start, amount}}: the first starts at {@code start}, each other at a
     * multiple of {@code grid} (epoch ms); one piece when the interval lies in one grid window.
     */
    public static List<long[]> split(long start, long end, long amount, long grid) {
        long firstBoundary = Math.floorDiv(start, grid) * grid + grid;
        if (end <= firstBoundary) {
            return List.of(new long[] {start, amount});
        }
        List<long[]> pieces = new ArrayList<>();
        BigInteger total = BigInteger.valueOf(amount);
        BigInteger length = BigInteger.valueOf(end - start);
        long given = 0;
        for (long from = start; from < end; from = Math.floorDiv(from, grid) * grid + grid) {
            long to = Math.min(end, Math.floorDiv(from, grid) * grid + grid);
            long share = to == end ? amount - given
                    : total.multiply(BigInteger.valueOf(to - from)).divide(length).longValueExact();
            pieces.add(new long[] {from, share});
            given += share;
        }
        return pieces;
    }
}
