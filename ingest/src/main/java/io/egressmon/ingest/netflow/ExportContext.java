package io.egressmon.ingest.netflow;

import java.net.InetAddress;

/**
 * What a data set's records are read against, taken from the message header it came in (and kept with
 * the set when it waits for its template).
 *
 * @param exporter     who sent it
 * @param protocol     NetFlow v9 or IPFIX
 * @param domain       v9 source id or IPFIX observation domain id
 * @param exportMs     the header's export time, epoch ms
 * @param uptimeBaseMs epoch ms at which the exporter's sysUpTime was 0, from the v9 header
 *                     ({@code unixSecs * 1000 - sysUptime}); {@link #UNKNOWN} for IPFIX, whose header
 *                     has no uptime
 */
record ExportContext(InetAddress exporter, ExportProtocol protocol, long domain, long exportMs, long uptimeBaseMs) {
    static final long UNKNOWN = Long.MIN_VALUE;
}
