package io.egressmon.ingest.netflow;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * Reads one UDP datagram's payload from one exporter. A decoder keeps per-exporter state (templates,
 * held sets, sampling rates) and is used by one thread at a time.
 */
public interface DatagramDecoder {
    /**
     * Decodes {@code datagram} (position to limit), passing flows and drops to {@code sink}.
     *
     * @param receivedAtMs when the datagram arrived, epoch ms (for hold expiry and relative times)
     * @return null when the datagram was read (even if it held only templates, or some of its records
     *         were dropped), else why it was not (flows already handed on before the problem stay handed on)
     */
    Malformed decode(InetAddress exporter, ByteBuffer datagram, long receivedAtMs, FlowSink sink);
}
