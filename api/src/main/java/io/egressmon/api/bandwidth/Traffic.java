package io.egressmon.api.bandwidth;

/**
 * One spoke's traffic over a period or series step: the derived values first (clamped once, for
 * exactly these totals), then the raw ones they came from. Made by {@link RawTotals#traffic()}.
 */
public record Traffic(long internalRxBytes, long internalTxBytes, long egressRxBytes, long egressTxBytes,
                      long eth0RxBytes, long eth0TxBytes, long tunnelRxBytes, long tunnelTxBytes, int resets) {

    public Bandwidth bandwidth() {
        return new Bandwidth(internalRxBytes, internalTxBytes, egressRxBytes, egressTxBytes);
    }
}
