package io.egressmon.ingest.netflow;

/**
 * Where on its interface the exporter saw a flow (IPFIX IE 61 flowDirection, NetFlow v9 field 61).
 * Open vSwitch exports every packet twice, once each way: only one of the two may be counted.
 */
public enum ObservedDirection {
    INGRESS, EGRESS, UNKNOWN
}
