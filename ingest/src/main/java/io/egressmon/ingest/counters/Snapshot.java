package io.egressmon.ingest.counters;

import io.egressmon.avro.CounterSnapshot;
import io.egressmon.avro.SnapshotKind;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Readings of some of a gateway's counters at one instant, as written to
 * {@code copilot.counter-snapshots}.
 *
 * @param sliceStart the poll slice this snapshot was read in (not the bisected sub-range)
 * @param interfaces only the interfaces (and metrics) that were read
 */
public record Snapshot(String gateway, Instant sampledAt, Instant sliceStart, Instant sliceEnd, Kind kind,
                       Map<String, Counters> interfaces) {

    public enum Kind {
        /** First reading of a gateway, interface or metric: no delta before it. */
        BASELINE,
        /** End of a slice that reached the present. */
        LIVE,
        /** End of a coarse catch-up slice. */
        BACKFILL,
        /** A reading placed by the bisection around a counter reset. */
        BISECT,
        /**
         * No usable reading in the slice (a gateway without metrics, or none this time): no interfaces,
         * only how far the gateway was polled, so the streams app can tell "not read yet" from "no data".
         */
        PROGRESS
    }

    /** The progress mark of a gateway polled over {@code slice} without a usable reading. */
    public static Snapshot progress(String gateway, Instant sliceStart, Instant sliceEnd) {
        return new Snapshot(gateway, sliceEnd, sliceStart, sliceEnd, Kind.PROGRESS, Map.of());
    }

    public Snapshot {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(sampledAt, "sampledAt");
        Objects.requireNonNull(kind, "kind");
        interfaces = Collections.unmodifiableMap(new TreeMap<>(interfaces));
    }

    public CounterSnapshot toAvro() {
        return CounterSnapshot.newBuilder()
                .setGateway(gateway)
                .setSampledAt(sampledAt)
                .setSliceStart(sliceStart)
                .setSliceEnd(sliceEnd)
                .setKind(SnapshotKind.valueOf(kind.name()))
                .setInterfaces(Counters.toAvro(interfaces))
                .build();
    }

    public static Snapshot fromAvro(CounterSnapshot s) {
        Kind kind = s.getKind() == SnapshotKind.UNKNOWN ? Kind.LIVE : Kind.valueOf(s.getKind().name());
        return new Snapshot(s.getGateway(), s.getSampledAt(), s.getSliceStart(), s.getSliceEnd(), kind,
                Counters.fromAvro(s.getInterfaces()));
    }
}
