package io.egressmon.streams.flows;

import java.nio.ByteBuffer;

/**
 * One spelling per address, so a talker table never holds an IP twice: IPv4 dotted quad, IPv6 as RFC
 * 5952 recommends (lower case, leading zeros dropped, the longest run of two or more zero groups
 * written {@code ::}).
 */
final class IpText {
    private IpText() {
    }

    /** A flow record's address field as its own bytes (the record's buffer is left as it was). */
    static byte[] bytes(ByteBuffer address) {
        ByteBuffer b = address.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** @throws IllegalArgumentException unless {@code a} is 4 or 16 bytes */
    static String of(byte[] a) {
        if (a.length == 4) {
            return (a[0] & 0xFF) + "." + (a[1] & 0xFF) + "." + (a[2] & 0xFF) + "." + (a[3] & 0xFF);
        }
        if (a.length != 16) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + a.length);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((a[2 * i] & 0xFF) << 8) | (a[2 * i + 1] & 0xFF);
        }
        int bestStart = -1, bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(g[i]));
        }
        return out.toString();
    }
}
