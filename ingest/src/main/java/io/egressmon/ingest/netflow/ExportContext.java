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

    /** An exporter's uptime counts milliseconds in 32 bits: it wraps to 0 every 2^32 ms (49.7 days). */
    private static final long UPTIME_WRAP = 1L << 32;

    /**
     * Epoch ms of the uptime {@code uptimeMs} (a flow's FIRST/LAST_SWITCHED) on an exporter whose uptime
     * was 0 at {@code baseMs}, in an export sent at {@code exportMs}. A flow that started before the
     * counter last wrapped carries an uptime above the export's own; read plainly, it would lie ~49.7 days
     * after the export. Anything more than half a wrap (24.8 days) after the export lies one wrap earlier,
     * as nfdump reads it too. (softflowd replaying a pcap older than its own start sends exactly that.)
     */
    static long uptimeToEpochMs(long baseMs, long uptimeMs, long exportMs) {
        long at = baseMs + uptimeMs;
        return at - exportMs > UPTIME_WRAP / 2 ? at - UPTIME_WRAP : at;
    }
}
