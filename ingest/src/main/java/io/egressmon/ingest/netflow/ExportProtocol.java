package io.egressmon.ingest.netflow;

/** The wire formats the collector reads. */
public enum ExportProtocol {
    NETFLOW_V5, NETFLOW_V9, IPFIX, SFLOW_V5
}
