package io.egressmon.ingest.netflow.exporters;

import java.net.InetAddress;

/**
 * One packet of a {@link TrafficPlan}: when it is sent, the Ethernet frame, and the IP-layer facts the
 * ground truth is made of.
 *
 * @param timestampMicros epoch microseconds
 * @param ipLength        the IP packet's length, IP header included (what NetFlow and IPFIX count)
 */
public record Packet(long timestampMicros, InetAddress src, InetAddress dst, int protocol, int ipLength, byte[] frame) {
}
