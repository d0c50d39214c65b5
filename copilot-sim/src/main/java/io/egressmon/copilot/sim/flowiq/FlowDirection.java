package io.egressmon.copilot.sim.flowiq;

/** Which way a flow record goes, seen from the spoke: out of it to the peer, or into it from the peer. */
public enum FlowDirection {
    /** {@code src_addr} is the spoke's host, {@code dst_addr} the peer. */
    OUTBOUND,
    /** {@code src_addr} is the peer, {@code dst_addr} the spoke's host. */
    INBOUND
}
