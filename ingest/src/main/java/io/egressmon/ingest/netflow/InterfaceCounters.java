package io.egressmon.ingest.netflow;

/**
 * The generic interface counters (RFC 2863 ifTable) of one sFlow counter sample (sFlow v5, counter
 * record enterprise 0 format 1).
 *
 * @param domain     sFlow source id (type and index) with the sub-agent id
 * @param ifIndex    the interface
 * @param ifSpeed    bits per second
 * @param inOctets   octets received since the interface started counting
 * @param outOctets  octets sent
 * @param inPackets  unicast + multicast + broadcast packets received
 * @param outPackets unicast + multicast + broadcast packets sent
 * @param atMs       when the agent read them (datagram uptime mapped to the receive time), epoch ms
 */
public record InterfaceCounters(long domain, long ifIndex, long ifSpeed, long inOctets, long outOctets,
                                long inPackets, long outPackets, long atMs) {
}
