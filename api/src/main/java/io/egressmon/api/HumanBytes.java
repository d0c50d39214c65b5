package io.egressmon.api;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Byte counts the way the original report scripts print them (1024-based, units spelled KB/MB/GB/TB).
 *
 * <p>The originals use Python f-strings such as {@code f"{b / 1024**3:.2f} GB"}: the quotient is a
 * double, and Python formats the double's <em>exact</em> binary value rounded half-even. Java's
 * {@code String.format} rounds the shortest decimal representation half-up instead, which differs on
 * values such as 2.5 KB ("2 KB" in Python, "3 KB" in Java), so the rounding goes through
 * {@link BigDecimal#BigDecimal(double)}, which keeps the exact binary value.
 */
public final class HumanBytes {
    private static final long KIB = 1L << 10;
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;
    private static final long TIB = 1L << 40;

    private HumanBytes() {
    }

    /** {@code ≥ 1 TiB → "x.xx TB"; ≥ 1 GiB → "x.xx GB"; ≥ 1 MiB → "x.x MB"; ≥ 1 KiB → "x KB"; else "N B"}. */
    public static String format(long bytes) {
        if (bytes >= TIB) {
            return scaled(bytes, TIB, 2) + " TB";
        }
        if (bytes >= GIB) {
            return scaled(bytes, GIB, 2) + " GB";
        }
        if (bytes >= MIB) {
            return scaled(bytes, MIB, 1) + " MB";
        }
        if (bytes >= KIB) {
            return scaled(bytes, KIB, 0) + " KB";
        }
        return bytes + " B";
    }

    /**
     * Python's {@code b / unit} is int/int true division, correctly rounded to a double; dividing a
     * double by a power of two is exact, so {@code (double) bytes / unit} yields the same double.
     */
    private static String scaled(long bytes, long unit, int decimals) {
        double quotient = (double) bytes / unit;
        return new BigDecimal(quotient).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }
}
