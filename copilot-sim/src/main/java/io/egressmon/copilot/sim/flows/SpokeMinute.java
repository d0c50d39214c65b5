package io.egressmon.copilot.sim.flows;

import java.time.Instant;
import java.util.List;

/**
 * What one spoke's exporter saw and sent for one minute {@code [minute, minute + 60 s)}.
 *
 * @param counterEgressRxBytes the spoke's egress by its counters over the minute, received
 *                             ({@code eth0 − Σ tunnels}, as {@code GroundTruth} computes it)
 * @param counterEgressTxBytes likewise, sent
 * @param observed             every flow before sampling: the egress ones carry exactly the counters'
 *                             egress, the rest (CGNAT, east-west) FlowIQ's own bytes
 * @param exported             what goes on the wire: {@code observed} itself when unsampled, else the
 *                             sampled packets' bytes and counts (flows with none left out)
 */
public record SpokeMinute(SpokeExporter exporter, Instant minute, long counterEgressRxBytes,
                          long counterEgressTxBytes, List<WireFlow> observed, List<WireFlow> exported) {

    public SpokeMinute {
        observed = List.copyOf(observed);
        exported = List.copyOf(exported);
    }

    public long counterEgressBytes() {
        return counterEgressRxBytes + counterEgressTxBytes;
    }
}
