package io.egressmon.ingest.netflow;

/**
 * Records or sets that were read but not turned into flows, counted per exporter. A decoded datagram
 * can still drop some of its parts for these reasons; none of them makes the datagram malformed.
 */
public enum Dropped {
    /** A data set whose template never came within the hold time, or was pushed out of a full hold. */
    NO_TEMPLATE,
    /** A flow record the exporter marked egress while its ingress copy is counted (Open vSwitch's double export). */
    EGRESS_COPY,
    /** A data record without the fields a flow needs (no addresses, or no byte count). */
    NOT_A_FLOW,
    /** An sFlow flow sample whose raw header is not IPv4 or IPv6 (ARP, LLDP…). */
    NOT_IP
}
