package io.egressmon.ingest.counters;

import io.egressmon.avro.InterfaceCounters;
import io.egressmon.avro.PollWatermark;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
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
        Map<String, InterfaceCounters> map = new LinkedHashMap<>();
        last.forEach((name, c) -> map.put(name, c.toAvro()));
        return new PollWatermark(gateway, polledUntil, map);
    }

    public static Watermark fromAvro(PollWatermark w) {
        Map<String, Counters> map = new TreeMap<>();
        w.getLast().forEach((name, c) -> map.put(name, Counters.fromAvro(c)));
        return new Watermark(w.getGateway(), w.getPolledUntil(), map);
    }
}
