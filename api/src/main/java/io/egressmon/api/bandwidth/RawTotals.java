package io.egressmon.api.bandwidth;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Raw counter increases of one spoke over some period: bytes through eth0 and through all its
 * {@code tun-} interfaces, and how many interface counters restarted. This is the only place where
 * the original scripts' classification (internal vs. egress) is computed ({@link #traffic()}).
 *
 * <p>Raw totals add up: the totals of a period are the {@link #plus sum} of the totals of any
 * windows that tile it. The derived values do not. Egress clamps at zero, and a clamp does not
 * distribute over a sum: {@code max(0, a) + max(0, b) >= max(0, a + b)}. A window in which tunnel
 * traffic exceeds eth0 traffic (tunnel bytes counted in one window, the matching eth0 bytes sampled
 * into the next) would be clamped to zero egress and its negative difference thrown away, so summing
 * per-window egress over-counts egress. Hence: sum the raw fields over the windows of the period that
 * is asked for, then derive once, for that period.
 */
public record RawTotals(@JsonProperty("eth0_rx_bytes") long eth0Rx,
                        @JsonProperty("eth0_tx_bytes") long eth0Tx,
                        @JsonProperty("tunnel_rx_bytes") long tunnelRx,
                        @JsonProperty("tunnel_tx_bytes") long tunnelTx,
                        int resets) {

    public static final RawTotals ZERO = new RawTotals(0, 0, 0, 0, 0);

    public RawTotals plus(RawTotals o) {
        return new RawTotals(eth0Rx + o.eth0Rx, eth0Tx + o.eth0Tx, tunnelRx + o.tunnelRx, tunnelTx + o.tunnelTx,
                resets + o.resets);
    }

    /**
     * The derived values with the raw ones. Internal = the tunnels' bytes; egress = eth0 bytes that
     * did not come from or go to a tunnel, clamped at zero. Tunnel traffic is encapsulated and itself crosses eth0 in both directions, so
     * both tunnel directions are subtracted (the original scripts' formula). Meaningful only for the
     * period these totals cover; see the class comment for why this is never summed across windows.
     */
    public Traffic traffic() {
        return new Traffic(internalRx(), internalTx(), egressRx(), egressTx(), eth0Rx, eth0Tx, tunnelRx, tunnelTx, resets);
    }

    /** Bytes received over transit tunnels. */
    public long internalRx() {
        return tunnelRx;
    }

    /** Bytes sent over transit tunnels. */
    public long internalTx() {
        return tunnelTx;
    }

    /** Bytes received on eth0 that were not tunnel traffic, clamped at zero, for this period only. */
    public long egressRx() {
        return Math.max(0, eth0Rx - tunnelRx - tunnelTx);
    }

    /** Bytes sent on eth0 that were not tunnel traffic, clamped at zero, for this period only. */
    public long egressTx() {
        return Math.max(0, eth0Tx - tunnelRx - tunnelTx);
    }
}
