package io.egressmon.ingest.netflow;

/**
 * Why a datagram (or a part of it) could not be read. Every datagram is counted once, either as
 * decoded or under one of these reasons, per exporter; the listener goes on with the next one.
 */
public enum Malformed {
    /** Shorter than its header, or a set/sample/record runs past the datagram's end. */
    TRUNCATED,
    /** A version number this port does not read (e.g. NetFlow v7 on the NetFlow port, sFlow v4). */
    UNKNOWN_VERSION,
    /** A header's length or count field contradicts the datagram (IPFIX length ≠ datagram size, v5 count > 30…). */
    BAD_LENGTH,
    /** A set id below 256 that is not a template, options template or (IPFIX) reserved value; a flowset length under 4. */
    BAD_SET,
    /** A template with no fields, a field of length 0 (not variable), a record longer than 65535, a scope count of 0. */
    BAD_TEMPLATE,
    /** A record whose values cannot be a flow (address of the wrong length, end before start beyond repair…). */
    BAD_RECORD,
    /** An sFlow address or header type this decoder does not read, or a sample whose inner lengths contradict. */
    BAD_SAMPLE
}
