package io.egressmon.ingest.counters;

import io.egressmon.ingest.copilot.GatewayPerformance;
import io.egressmon.ingest.copilot.InterfaceMinMax;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A small stand-in for CoPilot's performance API over counters sampled at every whole minute, with
 * resets and gaps, and the exact truth to compare with. The min/max it answers are computed from
 * the samples in {@code [start, end]}, like CoPilot does.
 */
final class MinuteCounters implements SliceReader.PerformanceSource {
    /** gateway → interface → minute → {rx, tx}. */
    private final Map<String, Map<String, NavigableMap<Instant, long[]>>> samples = new TreeMap<>();
    final List<List<String>> requests = Collections.synchronizedList(new ArrayList<>());
    private UnaryOperator<Map<String, InterfaceMinMax>> tamper = UnaryOperator.identity();
    private final Set<String> failing = new HashSet<>();

    /** An interface sampled every minute of {@code [from, to]}, except inside {@code gaps}; at each reset the counter restarts. */
    MinuteCounters series(String gateway, String iface, Instant from, Instant to, long seed, List<Instant> resets,
                          List<Instant[]> gaps) {
        return series(gateway, iface, from, to, seed, resets, gaps, false);
    }

    /** An interface created at {@code from} (a whole minute): its first sample reads zero. */
    MinuteCounters created(String gateway, String iface, Instant from, Instant to, long seed) {
        return series(gateway, iface, from, to, seed, List.of(), List.of(), true);
    }

    private MinuteCounters series(String gateway, String iface, Instant from, Instant to, long seed, List<Instant> resets,
                                  List<Instant[]> gaps, boolean fromZero) {
        Random random = new Random(seed);
        NavigableMap<Instant, long[]> series = new TreeMap<>();
        long rx = fromZero ? 0 : 1_000_000L * (1 + random.nextInt(50));
        long tx = fromZero ? 0 : 1_000_000L * (1 + random.nextInt(50));
        boolean first = fromZero;
        boolean restart = false;
        for (Instant t = from; !t.isAfter(to); t = t.plus(Duration.ofMinutes(1))) {
            Instant now = t;
            if (resets.stream().anyMatch(r -> !r.isAfter(now) && r.isAfter(now.minus(Duration.ofMinutes(1))))) {
                restart = true;
            }
            if (gaps.stream().anyMatch(g -> !now.isBefore(g[0]) && now.isBefore(g[1]))) {
                continue;
            }
            long drx = 1_000 + random.nextInt(100_000);
            long dtx = 1_000 + random.nextInt(100_000);
            if (first) {
                first = false;
            } else if (restart) {
                rx = drx;
                tx = dtx;
                restart = false;
            } else {
                rx += drx;
                tx += dtx;
            }
            series.put(t, new long[] {rx, tx});
        }
        samples.computeIfAbsent(gateway, k -> new TreeMap<>()).put(iface, series);
        return this;
    }

    MinuteCounters steady(String gateway, String iface, Instant from, Instant to, long seed) {
        return series(gateway, iface, from, to, seed, List.of(), List.of());
    }

    /** A gateway CoPilot knows but has no samples of. */
    MinuteCounters silent(String gateway) {
        samples.computeIfAbsent(gateway, k -> new TreeMap<>());
        return this;
    }

    /** Changes every answer before it is returned (e.g. blanks a value). */
    MinuteCounters tamper(UnaryOperator<Map<String, InterfaceMinMax>> tamper) {
        this.tamper = tamper;
        return this;
    }

    /** Requests that include this gateway fail. */
    MinuteCounters failFor(String gateway) {
        failing.add(gateway);
        return this;
    }

    @Override
    public Future<List<GatewayPerformance>> fetch(List<String> gateways, Instant start, Instant end) {
        requests.add(List.copyOf(gateways));
        if (gateways.stream().anyMatch(failing::contains)) {
            return Future.failedFuture(new IllegalStateException("CoPilot said no"));
        }
        Instant from = ceilMinute(start);
        Instant to = end.truncatedTo(ChronoUnit.MINUTES);
        List<GatewayPerformance> out = new ArrayList<>();
        for (String gateway : gateways) {
            Map<String, InterfaceMinMax> ifaces = new LinkedHashMap<>();
            samples.getOrDefault(gateway, Map.of()).forEach((iface, series) -> {
                if (from.isAfter(to)) {
                    return;
                }
                NavigableMap<Instant, long[]> in = series.subMap(from, true, to, true);
                if (in.isEmpty()) {
                    return;
                }
                long rxMin = Long.MAX_VALUE;
                long rxMax = Long.MIN_VALUE;
                long txMin = Long.MAX_VALUE;
                long txMax = Long.MIN_VALUE;
                for (long[] v : in.values()) {
                    rxMin = Math.min(rxMin, v[0]);
                    rxMax = Math.max(rxMax, v[0]);
                    txMin = Math.min(txMin, v[1]);
                    txMax = Math.max(txMax, v[1]);
                }
                ifaces.put(iface, new InterfaceMinMax(rxMin, rxMax, txMin, txMax));
            });
            out.add(new GatewayPerformance(gateway, tamper.apply(ifaces)));
        }
        return Future.succeededFuture(out);
    }

    /**
     * What a reader of every minute's sample adds up over {@code (from, to]}: {@code v − previous}, or
     * {@code v} when the counter went down (or had no previous sample).
     */
    long truth(String gateway, String iface, Metric metric, Instant from, Instant to) {
        NavigableMap<Instant, long[]> series = samples.getOrDefault(gateway, Map.of()).get(iface);
        if (series == null) {
            return 0;
        }
        int k = metric.ordinal();
        long sum = 0;
        Map.Entry<Instant, long[]> previous = series.floorEntry(from);
        for (Map.Entry<Instant, long[]> e : series.subMap(from, false, to, true).entrySet()) {
            long v = e.getValue()[k];
            if (previous == null) {
                sum += v;
            } else {
                long p = previous.getValue()[k];
                sum += v >= p ? v - p : v;
            }
            previous = e;
        }
        return sum;
    }

    /** The sample at a whole minute: {rx, tx}. */
    long[] sample(String gateway, String iface, Instant at) {
        return samples.get(gateway).get(iface).get(at);
    }

    Set<String> gateways() {
        return samples.keySet();
    }

    Set<String> interfaces(String gateway) {
        return samples.getOrDefault(gateway, Map.of()).keySet();
    }

    private static Instant ceilMinute(Instant t) {
        Instant floor = t.truncatedTo(ChronoUnit.MINUTES);
        return floor.equals(t) ? t : floor.plus(Duration.ofMinutes(1));
    }
}
