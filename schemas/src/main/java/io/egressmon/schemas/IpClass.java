package io.egressmon.schemas;

/**
 * Which side of the egress boundary an IPv4 address is on, as the original scripts' FlowIQ filter
 * draws it: RFC1918 (10/8, 172.16/12, 192.168/16) is internal, CGNAT (100.64/10) is neither internal
 * nor internet, everything else is public — including look-alikes such as 100.128.0.1, 172.32.0.1 and
 * 192.169.0.1. One definition for the simulator, the ingest, the topology and the reports.
 */
public enum IpClass {
    INTERNAL, CGNAT, PUBLIC;

    /** The class of a dotted-quad IPv4 address; anything else (IPv6, garbage) is PUBLIC only if it parses. */
    public static IpClass of(String ip) {
        long address = parseIpv4(ip);
        if (inCidr(address, 10L << 24, 8) || inCidr(address, (172L << 24) | (16L << 16), 12)
                || inCidr(address, (192L << 24) | (168L << 16), 16)) {
            return INTERNAL;
        }
        if (inCidr(address, (100L << 24) | (64L << 16), 10)) {
            return CGNAT;
        }
        return PUBLIC;
    }

    /**
     * Whether {@code ip} lies in 100.64.0.0/10. An IPv6 address never does: the collector's flows carry
     * IPv6 talkers, and their rows are marked like any other (throws only for text that is no address).
     */
    public static boolean isCgnat(String ip) {
        return (ip == null || ip.indexOf(':') < 0) && of(ip) == CGNAT;
    }

    /** True when {@code ip} lies in {@code cidr} ("a.b.c.d/len" or a bare address). */
    public static boolean inCidr(String ip, String cidr) {
        int slash = cidr.indexOf('/');
        long network = parseIpv4(slash < 0 ? cidr : cidr.substring(0, slash));
        int length = slash < 0 ? 32 : Integer.parseInt(cidr.substring(slash + 1).trim());
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("bad prefix length in '" + cidr + "'");
        }
        return inCidr(parseIpv4(ip), network, length);
    }

    /** The address as an unsigned 32-bit number; throws IllegalArgumentException naming the bad text. */
    public static long parseIpv4(String ip) {
        if (ip == null) {
            throw new IllegalArgumentException("no IPv4 address (null)");
        }
        String[] parts = ip.trim().split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: '" + ip + "'");
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not an IPv4 address: '" + ip + "'");
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: '" + ip + "'");
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    private static boolean inCidr(long address, long network, int length) {
        long mask = length == 0 ? 0 : (0xFFFFFFFFL << (32 - length)) & 0xFFFFFFFFL;
        return (address & mask) == (network & mask);
    }
}
