package io.egressmon.streams.flows;

import java.util.List;

/**
 * Which side of the egress boundary a flow address is on (design.md, "Flows"). INTERNAL: the
 * configured private ranges (RFC 1918 and IPv6 ULA fc00::/7 by default); PUBLIC: the internet; OTHER:
 * neither — CGNAT (100.64/10, configurable), loopback, link-local, multicast, unspecified, broadcast,
 * documentation ranges stay public (they are routable in tests and nothing else uses them).
 */
public enum AddressClass {
    INTERNAL, PUBLIC, OTHER;

    /** The default internal ranges: RFC 1918 and IPv6 unique local addresses. */
    public static final List<String> DEFAULT_INTERNAL = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7");
    /** The default ranges that are neither internal nor internet: carrier-grade NAT (RFC 6598). */
    public static final List<String> DEFAULT_NEITHER = List.of("100.64.0.0/10");

    /** Classifies raw addresses (4 or 16 bytes) by configured ranges; immutable and thread-safe. */
    public record Classifier(List<Cidr> internal, List<Cidr> neither) {
        public Classifier {
            internal = List.copyOf(internal);
            neither = List.copyOf(neither);
        }

        public static Classifier defaults() {
            return of(DEFAULT_INTERNAL, DEFAULT_NEITHER);
        }

        /** @throws IllegalArgumentException naming a range that does not parse */
        public static Classifier of(List<String> internal, List<String> neither) {
            return new Classifier(internal.stream().map(Cidr::parse).toList(), neither.stream().map(Cidr::parse).toList());
        }

        public AddressClass of(byte[] address) {
            if (special(address)) {
                return OTHER;
            }
            for (Cidr c : neither) {
                if (c.contains(address)) {
                    return OTHER;
                }
            }
            for (Cidr c : internal) {
                if (c.contains(address)) {
                    return INTERNAL;
                }
            }
            return PUBLIC;
        }

        /** Loopback, link-local, multicast, unspecified and broadcast: never a talker on either side. */
        private static boolean special(byte[] a) {
            if (a.length == 4) {
                int b0 = a[0] & 0xFF, b1 = a[1] & 0xFF;
                boolean allOnes = (a[0] & a[1] & a[2] & a[3]) == (byte) 0xFF;
                return b0 == 0 || b0 == 127 || (b0 == 169 && b1 == 254) || b0 >= 224 || allOnes;
            }
            if (a.length == 16) {
                boolean zeroPrefix = true;
                for (int i = 0; i < 15; i++) {
                    zeroPrefix &= a[i] == 0;
                }
                int b0 = a[0] & 0xFF, b1 = a[1] & 0xFF;
                return zeroPrefix // :: and ::1
                        || b0 == 0xFF // multicast
                        || (b0 == 0xFE && (b1 & 0xC0) == 0x80); // fe80::/10 link-local
            }
            return true;
        }
    }

    /** An address range; bare addresses are /32 or /128. */
    public record Cidr(byte[] network, int length) {
        public static Cidr parse(String text) {
            int slash = text.indexOf('/');
            String host = slash < 0 ? text.strip() : text.substring(0, slash).strip();
            if (!host.matches("[0-9a-fA-F.:]+")) {
                throw new IllegalArgumentException("'" + text + "' is not an address range (e.g. 10.0.0.0/8 or fc00::/7)");
            }
            byte[] net;
            try {
                net = java.net.InetAddress.getByName(host).getAddress();
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException("'" + text + "' is not an address range (e.g. 10.0.0.0/8 or fc00::/7)");
            }
            int len;
            try {
                len = slash < 0 ? net.length * 8 : Integer.parseInt(text.substring(slash + 1).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length that is not a number");
            }
            if (len < 0 || len > net.length * 8) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0-" + net.length * 8);
            }
            return new Cidr(net, len);
        }

        public boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = length / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = length % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Cidr c && c.length == length && java.util.Arrays.equals(c.network, network);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(network) * 31 + length;
        }

        @Override
        public String toString() {
            try {
                return java.net.InetAddress.getByAddress(network).getHostAddress() + "/" + length;
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
