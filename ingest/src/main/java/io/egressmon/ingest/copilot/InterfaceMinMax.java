package io.egressmon.ingest.copilot;

/**
 * What the performance API says about one interface over a queried range: min and max of the
 * samples of its two cumulative byte counters. Any of them is null when CoPilot gave no usable value.
 */
public record InterfaceMinMax(Long rxMin, Long rxMax, Long txMin, Long txMax) {

    public static final InterfaceMinMax NONE = new InterfaceMinMax(null, null, null, null);

    public boolean isEmpty() {
        return rxMin == null && rxMax == null && txMin == null && txMax == null;
    }
}
