package io.egressmon.ingest.counters;

import io.egressmon.avro.InterfaceCounters;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

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

    /** Readings by interface name, as the Avro records carry them (snapshots and watermarks alike). */
    public static Map<String, InterfaceCounters> toAvro(Map<String, Counters> byInterface) {
        Map<String, InterfaceCounters> map = new LinkedHashMap<>();
        byInterface.forEach((name, c) -> map.put(name, c.toAvro()));
        return map;
    }

    /** The readings of an Avro record, by interface name. */
    public static Map<String, Counters> fromAvro(Map<String, InterfaceCounters> byInterface) {
        Map<String, Counters> map = new TreeMap<>();
        byInterface.forEach((name, c) -> map.put(name, fromAvro(c)));
        return map;
    }
}
