package io.egressmon.copilot.sim.flows;

import io.egressmon.copilot.sim.flowiq.FlowRecord;

/**
 * One flow record as a spoke exports it: the fields of a FlowIQ record, the IP bytes and packets
 * (as counted on the wire: after sampling, for a sampled spoke), and the minute it covers.
 */
public record WireFlow(FlowRecord record, long bytes, long packets, long startMs, long endMs) {
}
