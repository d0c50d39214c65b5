package io.egressmon.ingest.counters;

import io.egressmon.avro.PollWatermark;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How far the counter poll got for one gateway, and the last reading of each of its interfaces (to
 * spot a reset in the next slice). Written to {@code ingest.watermarks} in the slice's transaction.
 */
public record Watermark(String gateway, Instant polledUntil, Map<String, Counters> last) {

    public Watermark {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(polledUntil, "polledUntil");
        last = Collections.unmodifiableMap(new TreeMap<>(last));
    }

    public PollWatermark toAvro() {
        return new PollWatermark(gateway, polledUntil, Counters.toAvro(last));
    }

    public static Watermark fromAvro(PollWatermark w) {
        return new Watermark(w.getGateway(), w.getPolledUntil(), Counters.fromAvro(w.getLast()));
    }
}
