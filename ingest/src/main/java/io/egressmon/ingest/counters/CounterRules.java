package io.egressmon.ingest.counters;

import io.egressmon.ingest.copilot.InterfaceMinMax;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pure arithmetic of reading cumulative counters from CoPilot's min/max (design.md, "Counter
 * readings"). Between resets a counter only grows, so over a range without a reset {@code min} is
 * the reading at its start and {@code max} the one at its end; {@code min < L} (L = the last
 * reading) means the counter restarted somewhere in the range or right before it.
 *
 * <p>A metric is read only when both its min and max are known; otherwise it is left out and its
 * last reading stays as it was.
 */
public final class CounterRules {
    private CounterRules() {
    }

    /** True if some interface and metric with a last reading shows {@code min < L} in {@code range}. */
    public static boolean hasReset(Map<String, Counters> last, Map<String, InterfaceMinMax> range) {
        for (Map.Entry<String, InterfaceMinMax> e : range.entrySet()) {
            Counters l = last.get(e.getKey());
            if (l == null) {
                continue;
            }
            for (Metric m : Metric.values()) {
                Long lm = l.get(m);
                if (lm != null && m.readable(e.getValue()) && m.min(e.getValue()) < lm) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first readings of metrics seen for the first time (readable, no last reading): their min. */
    public static Map<String, Counters> baseline(Map<String, Counters> last, Map<String, InterfaceMinMax> range) {
        Map<String, Counters> out = new TreeMap<>();
        range.forEach((iface, mm) -> {
            Counters l = last.get(iface);
            Counters reading = new Counters(null, null);
            for (Metric m : Metric.values()) {
                if (m.readable(mm) && (l == null || l.get(m) == null)) {
                    reading = reading.with(m, m.min(mm));
                }
            }
            if (!reading.isEmpty()) {
                out.put(iface, reading);
            }
        });
        return out;
    }

    /** Readings at the end of a range without a reset: the max of every readable metric. */
    public static Map<String, Counters> maxima(Map<String, InterfaceMinMax> range) {
        Map<String, Counters> out = new TreeMap<>();
        range.forEach((iface, mm) -> {
            Counters reading = new Counters(null, null);
            for (Metric m : Metric.values()) {
                if (m.readable(mm)) {
                    reading = reading.with(m, m.max(mm));
                }
            }
            if (!reading.isEmpty()) {
                out.put(iface, reading);
            }
        });
        return out;
    }

    /**
     * Readings of a bisection leaf (a range no longer than the minimum slice). For a metric with a
     * reset ({@code min < L}): if {@code max >= L}, the max is the last reading before the reset (at
     * the leaf's middle) and the min the first after it (at the leaf's end); otherwise every sample
     * in the leaf is after the reset and the max is read at the end. Other metrics: max at the end.
     */
    public static Leaf leaf(Map<String, Counters> last, Map<String, InterfaceMinMax> range) {
        Map<String, Counters> middle = new TreeMap<>();
        Map<String, Counters> end = new TreeMap<>();
        range.forEach((iface, mm) -> {
            Counters l = last.get(iface);
            Counters mid = new Counters(null, null);
            Counters fin = new Counters(null, null);
            for (Metric m : Metric.values()) {
                if (!m.readable(mm)) {
                    continue;
                }
                Long lm = l == null ? null : l.get(m);
                long min = m.min(mm);
                long max = m.max(mm);
                if (lm != null && min < lm && max >= lm) {
                    mid = mid.with(m, max);
                    fin = fin.with(m, min);
                } else {
                    fin = fin.with(m, max);
                }
            }
            if (!mid.isEmpty()) {
                middle.put(iface, mid);
            }
            if (!fin.isEmpty()) {
                end.put(iface, fin);
            }
        });
        return new Leaf(middle, end);
    }

    /** The readings of a bisection leaf: those to place at its middle, and those at its end. */
    public record Leaf(Map<String, Counters> middle, Map<String, Counters> end) {
    }

    /** {@code last} with every metric that {@code readings} holds replaced by the newer value. */
    public static Map<String, Counters> advance(Map<String, Counters> last, Map<String, Counters> readings) {
        if (readings.isEmpty()) {
            return last;
        }
        Map<String, Counters> out = new TreeMap<>(last);
        readings.forEach((iface, r) -> {
            Counters c = out.getOrDefault(iface, new Counters(null, null));
            for (Metric m : Metric.values()) {
                if (r.get(m) != null) {
                    c = c.with(m, r.get(m));
                }
            }
            out.put(iface, c);
        });
        return out;
    }

    /** Whether any metric in the range can be read at all. */
    public static boolean anyReadable(Map<String, InterfaceMinMax> range) {
        for (InterfaceMinMax mm : range.values()) {
            for (Metric m : Metric.values()) {
                if (m.readable(mm)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Where to split {@code [a, b]}: its middle, on a whole minute when the range spans two minutes or
     * more (CoPilot samples about once a minute, slices start on whole minutes), else on a whole
     * second; always strictly inside the range.
     */
    public static Instant split(Instant a, Instant b) {
        Duration length = Duration.between(a, b);
        Instant middle = a.plus(length.dividedBy(2));
        Instant m;
        if (length.compareTo(Duration.ofMinutes(2)) >= 0) {
            m = middle.truncatedTo(ChronoUnit.MINUTES);
        } else if (length.compareTo(Duration.ofSeconds(2)) >= 0) {
            m = middle.truncatedTo(ChronoUnit.SECONDS);
        } else {
            m = middle.truncatedTo(ChronoUnit.MILLIS);
        }
        return m.isAfter(a) && m.isBefore(b) ? m : middle;
    }
}
