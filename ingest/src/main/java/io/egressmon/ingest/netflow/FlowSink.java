package io.egressmon.ingest.netflow;

import java.net.InetAddress;

/**
 * Where decoders put what they read. Called on the decoding thread only; implementations need not be
 * thread-safe.
 */
public interface FlowSink {
    /** One decoded flow from {@code exporter}. */
    void flow(InetAddress exporter, Flow flow);

    /** {@code count} records or sets from {@code exporter} were read and not turned into flows. */
    void dropped(InetAddress exporter, Dropped reason, long count);

    /** An sFlow counter sample's generic interface counters; ignored unless overridden. */
    default void interfaceCounters(InetAddress exporter, InterfaceCounters counters) {
    }
}
