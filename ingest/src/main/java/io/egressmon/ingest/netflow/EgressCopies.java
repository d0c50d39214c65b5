package io.egressmon.ingest.netflow;

/**
 * What to do with a flow record its exporter marked egress (IPFIX/NetFlow v9 IE 61 flowDirection = 1).
 * The mark means two different things: Open vSwitch samples every packet twice, at its ingress and at
 * its egress port, so its egress record repeats bytes already counted; softflowd (and most probes)
 * mark the reverse half of a two-way conversation egress, and that record is traffic of its own.
 */
public enum EgressCopies {
    /**
     * Drop egress records only from exporters known to send every packet at ingress and egress: an
     * observation domain whose templates carry VMware's enterprise elements (number
     * {@value #OPEN_VSWITCH_ENTERPRISE}) is Open vSwitch's. The default.
     */
    AUTO,
    /** Drop every record marked egress (an exporter of your own that double-exports). */
    DROP,
    /** Count every record, whatever its direction. */
    COUNT;

    /** VMware's private enterprise number, on Open vSwitch's tunnel and virtual-observation elements. */
    public static final long OPEN_VSWITCH_ENTERPRISE = 6876;
}
