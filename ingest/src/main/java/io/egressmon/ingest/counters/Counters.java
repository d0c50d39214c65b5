package io.egressmon.ingest.counters;

import io.egressmon.avro.InterfaceCounters;

/**
 * Readings of one interface's two cumulative byte counters at one instant. A null value means "not
 * read" (CoPilot gave nothing usable for that metric), never zero.
 */
public record Counters(Long rx, Long tx) {

    public static Counters of(long rx, long tx) {
        return new Counters(rx, tx);
    }

    public boolean isEmpty() {
        return rx == null && tx == null;
    }

    public Long get(Metric metric) {
        return metric == Metric.RX ? rx : tx;
    }

    public Counters with(Metric metric, Long value) {
        return metric == Metric.RX ? new Counters(value, tx) : new Counters(rx, value);
    }

    public InterfaceCounters toAvro() {
        return new InterfaceCounters(rx, tx);
    }

    public static Counters fromAvro(InterfaceCounters c) {
        return new Counters(c.getRxBytes(), c.getTxBytes());
    }
}
