package io.egressmon.streams;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Thread-safe counts of what the topology saw, skipped or dropped, one per constant of {@code E},
 * listed in declaration order under each constant's lower-cased name (as on {@code /health}). A
 * part of the topology extends it with its own enum of counters and names its readings.
 */
public abstract class Counts<E extends Enum<E>> {
    private final Map<E, LongAdder> adders;
    private final Map<E, String> names;
    /** Made once and held here: {@code /metrics}' function counters only hold their objects weakly. */
    private final Map<String, LongSupplier> readings = new LinkedHashMap<>();

    protected Counts(Class<E> type) {
        this.adders = new EnumMap<>(type);
        this.names = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            adders.put(e, new LongAdder());
            names.put(e, e.name().toLowerCase(Locale.ROOT));
            readings.put(names.get(e), adders.get(e)::sum);
        }
    }

    public void add(E counter, long n) {
        adders.get(counter).add(n);
    }

    public void increment(E counter) {
        adders.get(counter).increment();
    }

    public long get(E counter) {
        return adders.get(counter).sum();
    }

    /** All counters by snake_case name, in declaration order. */
    public Map<String, Long> asMap() {
        Map<String, Long> map = new LinkedHashMap<>();
        names.forEach((e, name) -> map.put(name, get(e)));
        return Collections.unmodifiableMap(map);
    }

    /** Each counter's name with a live reading of it (what {@code /metrics} reads at scrape time), in declaration order. */
    public Map<String, LongSupplier> readings() {
        return Collections.unmodifiableMap(readings);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + asMap();
    }
}
