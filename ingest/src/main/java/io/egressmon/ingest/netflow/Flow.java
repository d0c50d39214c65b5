package io.egressmon.ingest.netflow;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One flow as every decoder hands it on, whatever the wire format: the 5-tuple, its bytes and packets
 * <em>already multiplied</em> by {@code samplingRate} (the rate used is kept so a reader can tell a
 * measured figure from an estimate), and when it was seen.
 *
 * <p>Bytes are IP-layer bytes (IP header included), as NetFlow, IPFIX, nfdump and softflowd count
 * them; an sFlow sample's frame length is reduced to its IP packet's length.
 *
 * @param protocol     the wire format the flow came in
 * @param domain       NetFlow v9 source id, IPFIX observation domain id, sFlow sub-agent and source id; 0 for v5
 * @param srcAddr      source IP (IPv4 or IPv6)
 * @param dstAddr      destination IP (same family)
 * @param srcPort      TCP/UDP source port; 0 for other protocols
 * @param dstPort      TCP/UDP destination port; for ICMP/ICMPv6 {@code type << 8 | code} (NetFlow v5's and nfdump's convention)
 * @param ipProtocol   IP protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6…)
 * @param bytes        IP bytes, × samplingRate
 * @param packets      packets, × samplingRate
 * @param samplingRate 1 when unsampled; N for 1-in-N
 * @param startMs      first packet, epoch milliseconds
 * @param endMs        last packet, epoch milliseconds ({@code >= startMs})
 * @param direction    as the exporter observed it (IPFIX IE 61), {@link ObservedDirection#UNKNOWN} when not said
 * @param inputIf      input interface index (SNMP ifIndex), 0 when unknown
 * @param outputIf     output interface index, 0 when unknown
 * @param tcpFlags     cumulative TCP flags, 0 when unknown
 */
public record Flow(ExportProtocol protocol, long domain, InetAddress srcAddr, InetAddress dstAddr,
                   int srcPort, int dstPort, int ipProtocol, long bytes, long packets, long samplingRate,
                   long startMs, long endMs, ObservedDirection direction, int inputIf, int outputIf, int tcpFlags) {

    public Flow {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(srcAddr, "srcAddr");
        Objects.requireNonNull(dstAddr, "dstAddr");
        Objects.requireNonNull(direction, "direction");
        if (samplingRate < 1) {
            throw new IllegalArgumentException("samplingRate must be at least 1, got " + samplingRate);
        }
        if (bytes < 0 || packets < 0) {
            throw new IllegalArgumentException("bytes and packets must not be negative, got " + bytes + " and " + packets);
        }
        if (endMs < startMs) {
            throw new IllegalArgumentException("endMs " + endMs + " before startMs " + startMs);
        }
    }
}
