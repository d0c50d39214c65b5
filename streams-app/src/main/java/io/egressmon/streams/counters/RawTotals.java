package io.egressmon.streams.counters;

import io.egressmon.avro.SpokeBandwidthWindow;
import io.egressmon.avro.SpokeDelta;
import io.egressmon.avro.SpokeTotals;

/**
 * Raw counter increases of one spoke over some period: bytes through eth0 and through all its
 * {@code tun-} interfaces, and how many interface counters restarted. This is the only place where
 * the seed's classification (internal vs. egress) is computed.
 *
 * <p>Raw totals add up: the totals of a period are the {@link #plus sum} of the totals of any
 * windows that tile it. The derived values do not. {@link #egressRx()} and {@link #egressTx()}
 * clamp at zero, and a clamp does not distribute over a sum: {@code max(0, a) + max(0, b) >=
 * max(0, a + b)}. A window in which tunnel traffic exceeds eth0 traffic (tunnel bytes counted in
 * one window, the matching eth0 bytes sampled into the next) would be clamped to zero egress and its
 * negative difference thrown away, so summing per-window egress over-counts egress. Hence: sum the
 * raw fields over the windows of the period that is asked for, then derive once, for that period.
 */
public record RawTotals(long eth0Rx, long eth0Tx, long tunnelRx, long tunnelTx, int resets) {

    public static final RawTotals ZERO = new RawTotals(0, 0, 0, 0, 0);

    public RawTotals plus(RawTotals o) {
        return new RawTotals(eth0Rx + o.eth0Rx, eth0Tx + o.eth0Tx, tunnelRx + o.tunnelRx, tunnelTx + o.tunnelTx,
                resets + o.resets);
    }

    public static RawTotals of(SpokeTotals t) {
        return t == null ? ZERO
                : new RawTotals(t.getEth0RxBytes(), t.getEth0TxBytes(), t.getTunnelRxBytes(), t.getTunnelTxBytes(),
                        t.getResets());
    }

    public static RawTotals of(SpokeDelta d) {
        return new RawTotals(d.getEth0RxBytes(), d.getEth0TxBytes(), d.getTunnelRxBytes(), d.getTunnelTxBytes(),
                d.getResets());
    }

    /** The raw fields of a window record (its clamped fields are deliberately not read back). */
    public static RawTotals of(SpokeBandwidthWindow w) {
        return new RawTotals(w.getEth0RxBytes(), w.getEth0TxBytes(), w.getTunnelRxBytes(), w.getTunnelTxBytes(),
                w.getResets());
    }

    public SpokeTotals toSpokeTotals() {
        return new SpokeTotals(eth0Rx, eth0Tx, tunnelRx, tunnelTx, resets);
    }

    /** Bytes received over transit tunnels. */
    public long internalRx() {
        return tunnelRx;
    }

    /** Bytes sent over transit tunnels. */
    public long internalTx() {
        return tunnelTx;
    }

    /**
     * Bytes received on eth0 that did not come from or go to a tunnel, clamped at zero. Tunnel
     * traffic is encapsulated and itself crosses eth0 in both directions, so both tunnel directions
     * are subtracted (the seed's formula). Meaningful only for the period these totals cover; see
     * the class comment for why this is never summed across windows.
     */
    public long egressRx() {
        return Math.max(0, eth0Rx - tunnelBoth());
    }

    /** Bytes sent on eth0 that were not tunnel traffic, clamped at zero, for this period only. */
    public long egressTx() {
        return Math.max(0, eth0Tx - tunnelBoth());
    }

    public long tunnelBoth() {
        return tunnelRx + tunnelTx;
    }
}
