package io.egressmon.ingest.netflow.exporters;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * Builds Ethernet II frames around IPv4 or IPv6 packets carrying TCP, UDP, ICMP or ICMPv6, with every
 * checksum right (the IPv4 header's and the transport's, pseudo-header included), so that any exporter
 * or reader takes them as real traffic.
 */
public final class Frames {
    public static final int TCP = 6;
    public static final int UDP = 17;
    static final int ICMP = 1;
    static final int ICMPV6 = 58;

    private static final byte[] DST_MAC = {0x02, 0, 0, 0, 0, 0x02};
    private static final byte[] SRC_MAC = {0x02, 0, 0, 0, 0, 0x01};
    private static final int ETHERNET_HEADER = 14;

    private Frames() {
    }

    /** The IP packet's length (IP header included) for a transport payload of {@code payload} bytes. */
    public static int ipLength(InetAddress src, int protocol, int payload) {
        return ipHeaderLength(src) + transportHeaderLength(protocol) + payload;
    }

    /**
     * One frame. For ICMP/ICMPv6 an echo request is sent and {@code srcPort} is its identifier,
     * {@code dstPort} its sequence number.
     */
    public static byte[] frame(InetAddress src, InetAddress dst, int protocol, int srcPort, int dstPort,
                        int payload, int ipId) {
        if ((src instanceof Inet4Address) != (dst instanceof Inet4Address)) {
            throw new IllegalArgumentException("mixed address families: " + src + " -> " + dst);
        }
        int ipLength = ipLength(src, protocol, payload);
        ByteBuffer b = ByteBuffer.allocate(ETHERNET_HEADER + ipLength);
        b.put(DST_MAC).put(SRC_MAC).putShort((short) (src instanceof Inet4Address ? 0x0800 : 0x86dd));
        int ipStart = b.position();
        if (src instanceof Inet4Address) {
            b.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) ipId)
                .putShort((short) 0x4000).put((byte) 64).put((byte) protocol).putShort((short) 0)
                .put(src.getAddress()).put(dst.getAddress());
            b.putShort(ipStart + 10, (short) checksum(b.array(), ipStart, 20, 0));
        } else {
            b.putInt(0x6000_0000).putShort((short) (ipLength - 40)).put((byte) protocol).put((byte) 64)
                .put(src.getAddress()).put(dst.getAddress());
        }
        int l4Start = b.position();
        int l4Length = ipLength - (l4Start - ipStart);
        int checksumAt;
        switch (protocol) {
            case TCP -> {
                b.putShort((short) srcPort).putShort((short) dstPort).putInt(ipId * 1000).putInt(0)
                    .put((byte) 0x50).put((byte) 0x18).putShort((short) 0xffff).putShort((short) 0).putShort((short) 0);
                checksumAt = l4Start + 16;
            }
            case UDP -> {
                b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) l4Length).putShort((short) 0);
                checksumAt = l4Start + 6;
            }
            case ICMP, ICMPV6 -> {
                b.put((byte) (protocol == ICMP ? 8 : 128)).put((byte) 0).putShort((short) 0)
                    .putShort((short) srcPort).putShort((short) dstPort);
                checksumAt = l4Start + 2;
            }
            default -> throw new IllegalArgumentException("protocol " + protocol + " not built here");
        }
        for (int i = 0; i < payload; i++) {
            b.put((byte) ('a' + i % 26));
        }
        // IPv4's ICMP has no pseudo-header; TCP, UDP and ICMPv6 do.
        long pseudo = protocol == ICMP ? 0 : pseudoHeaderSum(src, dst, protocol, l4Length);
        int sum = checksum(b.array(), l4Start, l4Length, pseudo);
        b.putShort(checksumAt, (short) (protocol == UDP && sum == 0 ? 0xffff : sum));
        return b.array();
    }

    /** The ones' complement of the ones' complement sum of {@code length} bytes from {@code offset}, plus {@code initial}. */
    static int checksum(byte[] bytes, int offset, int length, long initial) {
        long sum = initial;
        for (int i = 0; i < length; i += 2) {
            int hi = bytes[offset + i] & 0xff;
            int lo = i + 1 < length ? bytes[offset + i + 1] & 0xff : 0;
            sum += (hi << 8) | lo;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    static long pseudoHeaderSum(InetAddress src, InetAddress dst, int protocol, int l4Length) {
        long sum = 0;
        for (byte[] a : new byte[][] {src.getAddress(), dst.getAddress()}) {
            for (int i = 0; i < a.length; i += 2) {
                sum += ((a[i] & 0xff) << 8) | (a[i + 1] & 0xff);
            }
        }
        return sum + protocol + (l4Length & 0xffff) + (l4Length >>> 16);
    }

    private static int ipHeaderLength(InetAddress address) {
        return address instanceof Inet4Address ? 20 : 40;
    }

    private static int transportHeaderLength(int protocol) {
        return switch (protocol) {
            case TCP -> 20;
            case UDP, ICMP, ICMPV6 -> 8;
            default -> throw new IllegalArgumentException("protocol " + protocol + " not built here");
        };
    }
}
