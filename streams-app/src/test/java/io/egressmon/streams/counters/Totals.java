package io.egressmon.streams.counters;

import io.egressmon.api.bandwidth.RawTotals;

/** Test data: the raw totals a window should hold. */
final class Totals {
    private Totals() {
    }

    static RawTotals totals(long eth0Rx, long eth0Tx, long tunnelRx, long tunnelTx, int resets) {
        return new RawTotals(eth0Rx, eth0Tx, tunnelRx, tunnelTx, resets);
    }

    /** Only eth0 grew, without reset. */
    static RawTotals eth0(long rx, long tx) {
        return totals(rx, tx, 0, 0, 0);
    }
}
