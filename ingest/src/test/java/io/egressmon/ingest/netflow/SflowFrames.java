package io.egressmon.ingest.netflow;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/** Packets as a wire would carry them, for sFlow raw header records. Checksums are left 0: nobody reads them. */
final class SflowFrames {
    static final int IPV4 = 0x0800, IPV6 = 0x86DD, ARP = 0x0806;

    private SflowFrames() {
    }

    /** An Ethernet II frame, with one 802.1Q tag per vlan (outermost first), padded to 60 bytes like a real one. */
    static byte[] ethernet(int etherType, byte[] payload, int... vlans) {
        ByteBuffer b = ByteBuffer.allocate(Math.max(60, 14 + 4 * vlans.length + payload.length));
        b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1});
        for (int i = 0; i < vlans.length; i++) {
            b.putShort((short) (i == 0 && vlans.length > 1 ? 0x88A8 : 0x8100)).putShort((short) vlans[i]);
        }
        b.putShort((short) etherType).put(payload);
        return b.array();
    }

    static byte[] ipv4(String src, String dst, int protocol, byte[] l4) {
        return ipv4(src, dst, protocol, 0, new byte[0], l4);
    }

    /** IPv4 with {@code options} (a multiple of 4 bytes) and the given flags/fragment offset field. */
    static byte[] ipv4(String src, String dst, int protocol, int fragmentField, byte[] options, byte[] l4) {
        int headerLength = 20 + options.length;
        return ByteBuffer.allocate(headerLength + l4.length)
                .put((byte) (0x40 | headerLength / 4)).put((byte) 0).putShort((short) (headerLength + l4.length))
                .putShort((short) 1).putShort((short) fragmentField).put((byte) 64).put((byte) protocol).putShort((short) 0)
                .put(address(src)).put(address(dst)).put(options).put(l4).array();
    }

    /** IPv6; {@code extensions} are whole extension headers whose first byte (next header) this fills in. */
    static byte[] ipv6(String src, String dst, int protocol, byte[] l4, Extension... extensions) {
        int extensionBytes = 0;
        for (Extension e : extensions) {
            extensionBytes += e.bytes.length;
        }
        ByteBuffer b = ByteBuffer.allocate(40 + extensionBytes + l4.length)
                .putInt(0x60000000).putShort((short) (extensionBytes + l4.length))
                .put((byte) (extensions.length > 0 ? extensions[0].type : protocol)).put((byte) 64)
                .put(address(src)).put(address(dst));
        for (int i = 0; i < extensions.length; i++) {
            byte[] bytes = extensions[i].bytes.clone();
            bytes[0] = (byte) (i + 1 < extensions.length ? extensions[i + 1].type : protocol);
            b.put(bytes);
        }
        return b.put(l4).array();
    }

    record Extension(int type, byte[] bytes) {
        static Extension hopByHop() {
            return new Extension(0, new byte[] {0, 0, 5, 2, 0, 0, 1, 0});
        }

        static Extension fragment(int offsetInEights, boolean more) {
            int field = offsetInEights << 3 | (more ? 1 : 0);
            return new Extension(44, new byte[] {0, 0, (byte) (field >> 8), (byte) field, 0, 0, 0, 7});
        }
    }

    static byte[] tcp(int srcPort, int dstPort, int flags, int payload) {
        return ByteBuffer.allocate(20 + payload).putShort((short) srcPort).putShort((short) dstPort).putInt(1).putInt(0)
                .put((byte) 0x50).put((byte) flags).putShort((short) 65535).array();
    }

    static byte[] udp(int srcPort, int dstPort, int payload) {
        return ByteBuffer.allocate(8 + payload).putShort((short) srcPort).putShort((short) dstPort)
                .putShort((short) (8 + payload)).array();
    }

    static byte[] icmp(int type, int code, int payload) {
        return ByteBuffer.allocate(8 + payload).put((byte) type).put((byte) code).array();
    }

    static byte[] arp() {
        return ByteBuffer.allocate(28).putShort((short) 1).putShort((short) IPV4).put((byte) 6).put((byte) 4)
                .putShort((short) 1).array();
    }

    static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
