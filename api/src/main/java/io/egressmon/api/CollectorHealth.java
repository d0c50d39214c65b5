package io.egressmon.api;

import java.util.List;
import java.util.Map;

/**
 * The flow collector's part of the ingest's {@code /health}: where it listens and what it received.
 *
 * @param listening   bound UDP addresses
 * @param totals      over all exporters: datagrams, decoded, malformed_REASON, dropped_REASON, flows, written_flows, failed_flows
 * @param kernelDrops datagrams the kernel dropped on full receive buffers; null where the system does not say
 * @param decoderErrors datagrams a decoder failed on (a bug; also counted malformed)
 * @param exporters   the same counts per exporter address
 * @param interfaceCounters the latest sFlow generic interface counters per {@code agent/ifIndex}:
 *                    {@code in_octets}, {@code out_octets}, {@code in_packets}, {@code out_packets},
 *                    {@code if_speed}, {@code at_ms}
 */
public record CollectorHealth(List<String> listening, Map<String, Long> totals, Long kernelDrops, long decoderErrors,
                              Map<String, Map<String, Long>> exporters, Map<String, Map<String, Long>> interfaceCounters) {
    public CollectorHealth {
        listening = List.copyOf(listening);
        totals = Map.copyOf(totals);
        exporters = Map.copyOf(exporters);
        interfaceCounters = Map.copyOf(interfaceCounters);
    }
}
