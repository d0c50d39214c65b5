package io.egressmon.ingest.netflow;

import java.nio.ByteBuffer;

/**
 * The IP 5-tuple and IP length read from the first bytes of a sampled packet (sFlow's raw packet
 * header record): Ethernet with any number of 802.1Q/802.1ad tags, or a bare IPv4/IPv6 header; IPv4
 * options; IPv6 hop-by-hop, routing, fragment, destination-options and AH extension headers; TCP,
 * UDP and SCTP ports, ICMP and ICMPv6 type and code.
 *
 * <p>One instance is reused for every sample of a decoder (no allocation per packet): {@link #parse}
 * overwrites the fields, and the addresses stay in the caller's buffer at {@link #addressAt}.
 */
final class PacketHeader {
    /** What {@link #parse} found. */
    enum Outcome {
        /** An IPv4 or IPv6 packet: the fields are set. */
        IP,
        /** Not an IP packet (ARP, LLDP, MPLS, another link layer…). */
        NOT_IP,
        /** An IP packet whose header was cut before its addresses. */
        CUT
    }

    /** sampled_header.header_protocol values read here. */
    static final int ETHERNET = 1, IPV4 = 11, IPV6 = 12;

    private static final int ETHERTYPE_IPV4 = 0x0800, ETHERTYPE_IPV6 = 0x86DD;
    private static final int ICMP = 1, TCP = 6, UDP = 17, ICMPV6 = 58, SCTP = 132;
    private static final int HOP_BY_HOP = 0, ROUTING = 43, FRAGMENT = 44, AH = 51, DESTINATION_OPTIONS = 60;
    /** More extension headers than this is not a packet anyone sends; stop and keep what was read. */
    private static final int MAX_EXTENSION_HEADERS = 8;

    /** Buffer index of the source address; the destination follows it. */
    int addressAt;
    /** 4 for IPv4, 16 for IPv6. */
    int addressLength;
    int protocol;
    int srcPort;
    int dstPort;
    int tcpFlags;
    /** The IP packet's length, header included. */
    long ipBytes;

    /**
     * Reads the {@code length} header bytes at {@code at}.
     *
     * @param frameLength the sampled packet's length on the wire, before {@code stripped} bytes (e.g. the
     *                    FCS) were removed: the IP length when the IP header does not say it
     */
    Outcome parse(ByteBuffer b, int at, int length, int headerProtocol, long frameLength, long stripped) {
        int end = at + length;
        return switch (headerProtocol) {
            case ETHERNET -> ethernet(b, at, end, frameLength - stripped);
            case IPV4 -> ipv4(b, at, end, frameLength - stripped);
            case IPV6 -> ipv6(b, at, end, frameLength - stripped);
            default -> Outcome.NOT_IP;
        };
    }

    private Outcome ethernet(ByteBuffer b, int at, int end, long frameLength) {
        int typeAt = at + 12;
        while (typeAt + 2 <= end && isVlanTag(u16(b, typeAt))) {
            typeAt += 4;
        }
        if (typeAt + 2 > end) {
            return Outcome.CUT;
        }
        int ipAt = typeAt + 2;
        long ipLength = frameLength - (ipAt - at);
        return switch (u16(b, typeAt)) {
            case ETHERTYPE_IPV4 -> ipv4(b, ipAt, end, ipLength);
            case ETHERTYPE_IPV6 -> ipv6(b, ipAt, end, ipLength);
            default -> Outcome.NOT_IP;
        };
    }

    private static boolean isVlanTag(int etherType) {
        return etherType == 0x8100 || etherType == 0x88A8 || etherType == 0x9100;
    }

    /** @param lengthFromFrame the IP length the frame length implies, when the header's own is missing or 0 (TSO) */
    private Outcome ipv4(ByteBuffer b, int at, int end, long lengthFromFrame) {
        if (at < end && (b.get(at) & 0xF0) != 0x40) {
            return Outcome.NOT_IP;
        }
        if (end - at < 20) {
            return Outcome.CUT;
        }
        int headerLength = (b.get(at) & 0x0F) * 4;
        int totalLength = u16(b, at + 2);
        ipBytes = totalLength >= 20 ? totalLength : Math.max(0, lengthFromFrame);
        addressAt = at + 12;
        addressLength = 4;
        protocol = b.get(at + 9) & 0xFF;
        boolean laterFragment = (u16(b, at + 6) & 0x1FFF) != 0;
        transport(b, laterFragment || headerLength < 20 ? end : at + headerLength, end);
        return Outcome.IP;
    }

    private Outcome ipv6(ByteBuffer b, int at, int end, long lengthFromFrame) {
        if (at < end && (b.get(at) & 0xF0) != 0x60) {
            return Outcome.NOT_IP;
        }
        if (end - at < 40) {
            return Outcome.CUT;
        }
        int payloadLength = u16(b, at + 4);
        // a payload length of 0 is a jumbogram (or a TSO copy): the frame says how long it was
        ipBytes = payloadLength > 0 ? payloadLength + 40L : Math.max(0, lengthFromFrame);
        addressAt = at + 8;
        addressLength = 16;
        int next = b.get(at + 6) & 0xFF;
        int l4 = at + 40;
        for (int i = 0; i < MAX_EXTENSION_HEADERS && isExtension(next); i++) {
            if (end - l4 < 8) {
                l4 = end; // cut inside the chain: the protocol stays the extension header's number
                break;
            }
            int following = b.get(l4) & 0xFF;
            if (next == FRAGMENT && (u16(b, l4 + 2) & 0xFFF8) != 0) {
                next = following; // a later fragment: no transport header in it
                l4 = end;
                break;
            }
            if (next == FRAGMENT) {
                l4 += 8;
            } else if (next == AH) {
                l4 += ((b.get(l4 + 1) & 0xFF) + 2) * 4;
            } else {
                l4 += ((b.get(l4 + 1) & 0xFF) + 1) * 8;
            }
            next = following;
        }
        protocol = next;
        transport(b, Math.min(l4, end), end);
        return Outcome.IP;
    }

    private static boolean isExtension(int next) {
        return next == HOP_BY_HOP || next == ROUTING || next == FRAGMENT || next == AH || next == DESTINATION_OPTIONS;
    }

    /** Ports (or ICMP type and code) and TCP flags from the L4 header at {@code at}, 0 where cut or absent. */
    private void transport(ByteBuffer b, int at, int end) {
        srcPort = 0;
        dstPort = 0;
        tcpFlags = 0;
        int available = end - at;
        if ((protocol == TCP || protocol == UDP || protocol == SCTP) && available >= 4) {
            srcPort = u16(b, at);
            dstPort = u16(b, at + 2);
            if (protocol == TCP && available >= 14) {
                tcpFlags = b.get(at + 13) & 0xFF;
            }
        } else if ((protocol == ICMP && addressLength == 4 || protocol == ICMPV6 && addressLength == 16) && available >= 2) {
            dstPort = u16(b, at);
        }
    }

    private static int u16(ByteBuffer b, int at) {
        return b.getShort(at) & 0xFFFF;
    }
}
