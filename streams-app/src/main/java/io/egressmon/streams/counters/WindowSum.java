package io.egressmon.streams.counters;

import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.avro.SpokeTotals;

/**
 * One open window's running totals, added to in memory between commits ({@link OpenWindows}) and
 * stored as a {@link SpokeTotals}.
 */
final class WindowSum {
    private long eth0Rx;
    private long eth0Tx;
    private long tunnelRx;
    private long tunnelTx;
    private int resets;
    private long openStartBytes;
    private long openEndBytes;
    /** The largest record time added: the stored value's timestamp, as the DSL's aggregations kept it. */
    private long timestamp = Long.MIN_VALUE;
    /** Changed since it was last written. */
    boolean dirty;

    static WindowSum of(SpokeTotals t, long timestamp) {
        WindowSum sum = new WindowSum();
        sum.eth0Rx = t.getEth0RxBytes();
        sum.eth0Tx = t.getEth0TxBytes();
        sum.tunnelRx = t.getTunnelRxBytes();
        sum.tunnelTx = t.getTunnelTxBytes();
        sum.resets = t.getResets();
        sum.openStartBytes = t.getOpenStartBytes();
        sum.openEndBytes = t.getOpenEndBytes();
        sum.timestamp = timestamp;
        return sum;
    }

    /**
     * Adds the share {@code piece} over {@code (from, to]} of one increase over {@code (spanFrom,
     * spanTo]} of {@code spanBytes} bytes, to a window {@code unit} ms long. An increase that began
     * before the window and was spread into it from its very start adds its whole size to
     * {@code open_start_bytes}; one that goes on after the window's end adds it to
     * {@code open_end_bytes}: that is how much a period with an edge there may misplace, since the
     * spread put those bytes on either side of the edge in proportion to time, a guess.
     */
    void add(long from, long to, RawTotals piece, long spanFrom, long spanTo, long spanBytes, long unit) {
        eth0Rx += piece.eth0Rx();
        eth0Tx += piece.eth0Tx();
        tunnelRx += piece.tunnelRx();
        tunnelTx += piece.tunnelTx();
        resets += piece.resets();
        if (spanFrom < from && from % unit == 0) {
            openStartBytes += spanBytes;
        }
        if (spanTo > to && to % unit == 0) {
            openEndBytes += spanBytes;
        }
        timestamp = Math.max(timestamp, to - 1);
        dirty = true;
    }

    /** Writes eth0 rx/tx, tunnel rx/tx, resets, open start and open end bytes to {@code to} from {@code at} on. */
    void copyTo(long[] to, int at) {
        to[at] = eth0Rx;
        to[at + 1] = eth0Tx;
        to[at + 2] = tunnelRx;
        to[at + 3] = tunnelTx;
        to[at + 4] = resets;
        to[at + 5] = openStartBytes;
        to[at + 6] = openEndBytes;
    }

    RawTotals raw() {
        return new RawTotals(eth0Rx, eth0Tx, tunnelRx, tunnelTx, resets);
    }

    long timestamp() {
        return timestamp;
    }

    SpokeTotals toAvro() {
        return new SpokeTotals(eth0Rx, eth0Tx, tunnelRx, tunnelTx, resets, openStartBytes, openEndBytes);
    }
}
