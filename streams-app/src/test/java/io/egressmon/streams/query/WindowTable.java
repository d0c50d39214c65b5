package io.egressmon.streams.query;

import io.egressmon.api.bandwidth.RawTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** Window totals in memory, read like the stores: a test's stand-in for {@link LocalStores}. */
final class WindowTable implements WindowReader {
    private final Map<Grain, NavigableMap<Instant, Map<String, RawTotals>>> windows = new EnumMap<>(Grain.class);
    private final Map<String, Long> open = new TreeMap<>();
    private final Map<String, Instant> progress = new TreeMap<>();
    final List<String> reads = new ArrayList<>();

    WindowTable() {
        for (Grain g : Grain.values()) {
            windows.put(g, new TreeMap<>());
        }
    }

    WindowTable put(Grain grain, String windowStart, String gateway, RawTotals totals) {
        return put(grain, Instant.parse(windowStart), gateway, totals);
    }

    WindowTable put(Grain grain, Instant windowStart, String gateway, RawTotals totals) {
        windows.get(grain).computeIfAbsent(windowStart, k -> new TreeMap<>()).merge(gateway, totals, RawTotals::plus);
        return this;
    }

    /** Every window of {@code grain} in {@code [from, to)} gets {@code totals} for {@code gateway}. */
    WindowTable fill(Grain grain, String from, String to, String gateway, RawTotals totals) {
        Duration size = grain.size();
        for (Instant t = Instant.parse(from); t.isBefore(Instant.parse(to)); t = t.plus(size)) {
            put(grain, t, gateway, totals);
        }
        return this;
    }

    /** The {@code grain} window at {@code windowStart} of {@code gateway} has {@code bytes} open at {@code edge}. */
    WindowTable open(Grain grain, String windowStart, Edge edge, String gateway, long bytes) {
        open.put(grain + " " + Instant.parse(windowStart) + " " + edge + " " + gateway, bytes);
        return this;
    }

    /** {@code gateway} was processed up to {@code at}. */
    WindowTable progress(String gateway, String at) {
        progress.put(gateway, Instant.parse(at));
        return this;
    }

    @Override
    public Map<String, Long> open(Grain grain, Instant windowStart, Edge edge) {
        reads.add("open " + grain + " " + windowStart + " " + edge);
        Map<String, Long> out = new TreeMap<>();
        String prefix = grain + " " + windowStart + " " + edge + " ";
        open.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    @Override
    public Map<String, Instant> progress() {
        return Map.copyOf(progress);
    }

    @Override
    public Map<String, RawTotals> sum(Grain grain, Instant from, Instant to) {
        reads.add(grain + " " + from + " " + to);
        Map<String, RawTotals> out = new TreeMap<>();
        windows.get(grain).subMap(from, true, to, false).values()
                .forEach(byGateway -> PeriodPlan.addAll(out, byGateway));
        return out;
    }

    static RawTotals eth0Rx(long bytes) {
        return new RawTotals(bytes, 0, 0, 0, 0);
    }
}
