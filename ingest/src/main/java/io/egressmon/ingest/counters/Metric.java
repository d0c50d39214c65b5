package io.egressmon.ingest.counters;

import io.egressmon.ingest.copilot.InterfaceMinMax;

/** The two counters of an interface. */
public enum Metric {
    RX, TX;

    Long min(InterfaceMinMax mm) {
        return this == RX ? mm.rxMin() : mm.txMin();
    }

    Long max(InterfaceMinMax mm) {
        return this == RX ? mm.rxMax() : mm.txMax();
    }

    /** Both ends known: only then can a range be checked for a reset and read. */
    boolean readable(InterfaceMinMax mm) {
        return min(mm) != null && max(mm) != null;
    }
}
