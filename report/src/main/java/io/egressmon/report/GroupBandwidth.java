package io.egressmon.report;

import java.util.List;
import java.util.Objects;

/**
 * The sum of several spokes' bandwidth: one group of a {@code --group-by} report, or the aggregate of
 * all spokes. It sums the spokes' already clamped egress values; it never re-derives egress from
 * summed eth0 counters, which would let one spoke's tunnel bytes cancel another spoke's egress.
 */
public record GroupBandwidth(
        String name,
        List<String> gateways,
        long internalRxBytes,
        long internalTxBytes,
        long egressRxBytes,
        long egressTxBytes) {

    public GroupBandwidth {
        Objects.requireNonNull(name, "name");
        gateways = List.copyOf(gateways);
    }

    /** A group named {@code name} whose values are the sums of {@code members}' values, members in the given order. */
    public static GroupBandwidth of(String name, List<SpokeBandwidth> members) {
        long internalRx = 0;
        long internalTx = 0;
        long egressRx = 0;
        long egressTx = 0;
        for (SpokeBandwidth spoke : members) {
            internalRx += spoke.internalRxBytes();
            internalTx += spoke.internalTxBytes();
            egressRx += spoke.egressRxBytes();
            egressTx += spoke.egressTxBytes();
        }
        List<String> names = members.stream().map(SpokeBandwidth::gateway).toList();
        return new GroupBandwidth(name, names, internalRx, internalTx, egressRx, egressTx);
    }

    /** How many spokes the group holds. */
    public int spokes() {
        return gateways.size();
    }

    /** Internal RX + TX + egress RX + TX. */
    public long totalBytes() {
        return internalRxBytes + internalTxBytes + egressRxBytes + egressTxBytes;
    }
}
