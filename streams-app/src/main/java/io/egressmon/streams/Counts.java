package io.egressmon.streams;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Thread-safe counts of what the topology saw, skipped or dropped, one per constant of {@code E},
 * listed in declaration order under each constant's lower-cased name (as on {@code /health}). A
 * part of the topology extends it with its own enum of counters and names its readings.
 */
public abstract class Counts<E extends Enum<E>> {
    private final Class<E> type;
    private final Map<E, LongAdder> adders;

    protected Counts(Class<E> type) {
        this.type = type;
        this.adders = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            adders.put(e, new LongAdder());
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
        for (E e : type.getEnumConstants()) {
            map.put(e.name().toLowerCase(Locale.ROOT), get(e));
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + asMap();
    }
}
