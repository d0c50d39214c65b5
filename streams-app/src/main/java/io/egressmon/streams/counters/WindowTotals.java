package io.egressmon.streams.counters;

import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.avro.SpokeBandwidthWindow;
import io.egressmon.avro.SpokeDelta;
import io.egressmon.avro.SpokeTotals;
import java.time.Duration;

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

    public static RawTotals of(SpokeDelta d) {
        return new RawTotals(d.getEth0RxBytes(), d.getEth0TxBytes(), d.getTunnelRxBytes(), d.getTunnelTxBytes(),
                d.getResets());
    }

    /** The raw fields of a window record (its clamped fields are deliberately not read back). */
    public static RawTotals of(SpokeBandwidthWindow w) {
        return new RawTotals(w.getEth0RxBytes(), w.getEth0TxBytes(), w.getTunnelRxBytes(), w.getTunnelTxBytes(),
                w.getResets());
    }

    public static SpokeTotals toAvro(RawTotals t) {
        return new SpokeTotals(t.eth0Rx(), t.eth0Tx(), t.tunnelRx(), t.tunnelTx(), t.resets(), 0L, 0L);
    }

    /**
     * {@code totals} of a window {@code size} long with {@code delta} added. A delta whose whole
     * increase began before the window and was spread into it from its very start adds the whole
     * increase to {@code open_start_bytes}; one that continues after the window's end adds it to
     * {@code open_end_bytes}: that is how much a period with an edge there may misplace, since the
     * spread put those bytes on either side of the edge in proportion to time, a guess.
     */
    public static SpokeTotals add(SpokeTotals totals, SpokeDelta delta, Duration size) {
        RawTotals sum = of(totals).plus(of(delta));
        long unit = size.toMillis();
        long from = delta.getFrom().toEpochMilli();
        long to = delta.getTo().toEpochMilli();
        long spanFrom = delta.getSpanFrom() == 0 ? from : delta.getSpanFrom();
        long spanTo = delta.getSpanTo() == 0 ? to : delta.getSpanTo();
        long openStart = totals.getOpenStartBytes() + (spanFrom < from && from % unit == 0 ? delta.getSpanBytes() : 0);
        long openEnd = totals.getOpenEndBytes() + (spanTo > to && to % unit == 0 ? delta.getSpanBytes() : 0);
        return new SpokeTotals(sum.eth0Rx(), sum.eth0Tx(), sum.tunnelRx(), sum.tunnelTx(), sum.resets(), openStart, openEnd);
    }
}
