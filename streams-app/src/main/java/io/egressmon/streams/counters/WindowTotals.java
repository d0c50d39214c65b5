package io.egressmon.streams.counters;

import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.avro.SpokeBandwidthWindow;
import io.egressmon.avro.SpokeTotals;

/** The topology's Avro records of raw totals, mapped to and from {@link RawTotals} in this one place. */
public final class WindowTotals {
    private WindowTotals() {
    }

    /** A window store's value; a missing window is zero. */
    public static RawTotals of(SpokeTotals t) {
        return t == null ? RawTotals.ZERO
                : new RawTotals(t.getEth0RxBytes(), t.getEth0TxBytes(), t.getTunnelRxBytes(), t.getTunnelTxBytes(),
                        t.getResets());
    }

    /** The raw fields of a window record (its clamped fields are deliberately not read back). */
    public static RawTotals of(SpokeBandwidthWindow w) {
        return new RawTotals(w.getEth0RxBytes(), w.getEth0TxBytes(), w.getTunnelRxBytes(), w.getTunnelTxBytes(),
                w.getResets());
    }

    public static SpokeTotals toAvro(RawTotals t) {
        return new SpokeTotals(t.eth0Rx(), t.eth0Tx(), t.tunnelRx(), t.tunnelTx(), t.resets(), 0L, 0L);
    }
}
