package io.egressmon.api.bandwidth;

/**
 * Internal and egress bytes, received and sent: what the reports print. The egress values are a
 * spoke's own clamped ones (or sums of them); they are never derived again from summed counters,
 * which would let one spoke's tunnel bytes cancel another spoke's egress.
 */
public record Bandwidth(long internalRxBytes, long internalTxBytes, long egressRxBytes, long egressTxBytes) {

    public static final Bandwidth ZERO = new Bandwidth(0, 0, 0, 0);

    public Bandwidth plus(Bandwidth o) {
        return new Bandwidth(internalRxBytes + o.internalRxBytes, internalTxBytes + o.internalTxBytes,
                egressRxBytes + o.egressRxBytes, egressTxBytes + o.egressTxBytes);
    }

    /** Internal RX + TX + egress RX + TX: the "Total" line of the text report. */
    public long totalBytes() {
        return internalRxBytes + internalTxBytes + egressRxBytes + egressTxBytes;
    }
}
