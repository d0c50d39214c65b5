package io.egressmon.cost;

import java.math.BigDecimal;

/** Test data in the units price lists speak: whole GB (10^9 bytes) and GiB (2^30 bytes), and dollars. */
final class Bytes {
    private Bytes() {
    }

    static long gb(long n) {
        return n * 1_000_000_000L;
    }

    static long gib(long n) {
        return n << 30;
    }

    static BigDecimal usd(String amount) {
        return new BigDecimal(amount);
    }
}
