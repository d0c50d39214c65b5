package io.egressmon.copilot.sim.flows;

/** The wire formats a simulated spoke exports in. */
public enum ExportFormat {
    /** NetFlow version 9 (RFC 3954). */
    NETFLOW_V9,
    /** IPFIX (RFC 7011). */
    IPFIX
}
