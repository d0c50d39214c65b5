package io.egressmon.streams.query;

import io.egressmon.api.Period;
import io.egressmon.streams.counters.BandwidthTopology;
import io.egressmon.api.bandwidth.GatewayPeriod;
import io.egressmon.api.bandwidth.RawTotals;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which windows add up to a period, and how (design.md, "The arithmetic").
 *
 * <ul>
 *   <li>The whole hours inside the period come from 1-hour windows.</li>
 *   <li>The partial hours at the edges come from 5-minute windows while those are retained (an edge
 *       at or after {@link #fineSince()}). Such an edge is first moved onto the 5-minute grid — the
 *       start down, the end up — so the period covers whole windows; {@link #start()} and
 *       {@link #end()} report the moved bounds. The live windows (the current 5 minutes and hour)
 *       are read like any other: they hold what has arrived so far.</li>
 *   <li>An edge older than the 5-minute retention falls inside an hourly window that reaches beyond
 *       the period. That window is counted in proportion to its overlap with the period, which is
 *       exact only if traffic was steady during that hour; it is the same assumption the topology
 *       makes when it spreads a coarse reading over the buckets it covers, and the error is bounded
 *       by one hour of traffic per edge. The bounds stay as asked.</li>
 * </ul>
 *
 * The plan is a pure function of {@code (start, end, fineSince)}, so an instance that fans a query
 * out sends those three values and every instance reads exactly the same windows.
 *
 * @param start     effective start (inclusive)
 * @param end       effective end (exclusive)
 * @param fineSince the oldest window start still trusted to be in the 5-minute store
 * @param hourly    ranges of 1-hour window starts read whole
 * @param fine      ranges of 5-minute window starts read whole
 * @param partial   hourly windows read in proportion to their overlap with the period
 */
public record PeriodPlan(Instant start, Instant end, Instant fineSince,
                         List<Span> hourly, List<Span> fine, List<PartialHour> partial) {

    /**
     * Margin between the 5-minute store's retention and what we trust to be in it: the store drops
     * windows by stream time, which can run ahead of our clock when a producer's clock does.
     */
    public static final Duration FINE_SAFETY = Duration.ofHours(1);

    private static final Duration FINE = BandwidthTopology.FINE;
    private static final Duration HOUR = BandwidthTopology.HOURLY;

    /** Window starts in {@code [from, to)}. */
    public record Span(Instant from, Instant to) {
        public Span {
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("empty span " + from + " .. " + to);
            }
        }
    }

    /** The 1-hour window starting at {@code hourStart}, of which {@code overlap} lies inside the period. */
    public record PartialHour(Instant hourStart, Duration overlap) {
    }

    public PeriodPlan {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(fineSince, "fineSince");
        hourly = List.copyOf(hourly);
        fine = List.copyOf(fine);
        partial = List.copyOf(partial);
    }

    /** The oldest 5-minute window start trusted to be retained at {@code now}. */
    public static Instant fineSince(Instant now) {
        return now.minus(BandwidthTopology.FINE_RETENTION).plus(FINE_SAFETY);
    }

    /** The plan for {@code [start, end)} given the 5-minute store holds windows from {@code fineSince} on. */
    public static PeriodPlan of(Instant start, Instant end, Instant fineSince) {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("period start " + start + " is not before its end " + end);
        }
        Instant s = start;
        Instant e = end;
        if (!Period.floor(s, FINE).isBefore(fineSince)) {
            s = Period.floor(s, FINE);
        }
        if (!Period.floor(e.minusMillis(1), FINE).isBefore(fineSince)) {
            e = Period.ceil(e, FINE);
        }
        Instant firstWholeHour = Period.ceil(s, HOUR);
        Instant endOfWholeHours = Period.floor(e, HOUR);

        List<Span> hourly = new ArrayList<>();
        List<Span> edges = new ArrayList<>();
        if (firstWholeHour.isAfter(endOfWholeHours)) {
            edges.add(new Span(s, e)); // the period lies inside one hour
        } else {
            if (firstWholeHour.isBefore(endOfWholeHours)) {
                hourly.add(new Span(firstWholeHour, endOfWholeHours));
            }
            if (s.isBefore(firstWholeHour)) {
                edges.add(new Span(s, firstWholeHour));
            }
            if (endOfWholeHours.isBefore(e)) {
                edges.add(new Span(endOfWholeHours, e));
            }
        }
        List<Span> fine = new ArrayList<>();
        List<PartialHour> partial = new ArrayList<>();
        for (Span edge : edges) {
            boolean retained = !edge.from().isBefore(fineSince);
            boolean aligned = edge.from().equals(Period.floor(edge.from(), FINE)) && edge.to().equals(Period.floor(edge.to(), FINE));
            if (retained && aligned) {
                fine.add(edge);
            } else {
                partial.add(new PartialHour(Period.floor(edge.from(), HOUR), Duration.between(edge.from(), edge.to())));
            }
        }
        return new PeriodPlan(s, e, fineSince, hourly, fine, partial);
    }

    /**
     * Per gateway (sorted by name): raw totals over the period, how far they may be off, and how far
     * it was processed (its progress mark, read first: the windows read after hold at least that).
     *
     * <p>The error bound of a gateway is what its period edges may misplace: at an edge read from a
     * window boundary, the bytes of increases that straddle it (a reading interval crossing the
     * edge, split in proportion to time: {@code open_start_bytes} of the first window,
     * {@code open_end_bytes} of the last); at an edge inside a prorated hour, the whole hour's bytes.
     */
    public Map<String, GatewayPeriod> read(WindowReader reader) {
        Map<String, Instant> progress = reader.progress();
        Map<String, RawTotals> totals = new HashMap<>();
        Map<String, Long> bounds = new HashMap<>();
        for (Span span : hourly) {
            addAll(totals, reader.sum(Grain.HOURLY, span.from(), span.to()));
        }
        for (Span span : fine) {
            addAll(totals, reader.sum(Grain.FINE, span.from(), span.to()));
        }
        for (PartialHour p : partial) {
            Map<String, RawTotals> hour = reader.sum(Grain.HOURLY, p.hourStart(), p.hourStart().plus(HOUR));
            hour.forEach((gateway, t) -> {
                totals.merge(gateway, scale(t, p.overlap(), HOUR), RawTotals::plus);
                bounds.merge(gateway, bytes(t), Long::sum);
            });
        }
        Grain first = grainAt(start, true);
        if (first != null) {
            reader.open(first, start, WindowReader.Edge.START).forEach((g, b) -> bounds.merge(g, b, Long::sum));
        }
        Grain last = grainAt(end, false);
        if (last != null) {
            reader.open(last, end.minus(last.size()), WindowReader.Edge.END).forEach((g, b) -> bounds.merge(g, b, Long::sum));
        }
        Map<String, GatewayPeriod> out = new TreeMap<>();
        totals.forEach((gateway, t) -> out.put(gateway,
                new GatewayPeriod(t, bounds.getOrDefault(gateway, 0L), progress.get(gateway), true)));
        progress.forEach((gateway, at) -> out.putIfAbsent(gateway, new GatewayPeriod(RawTotals.ZERO, 0, at, false)));
        return out;
    }

    /**
     * The grain of the whole window that has {@code edge} as its start ({@code atStart}) or its end,
     * among the windows this plan reads whole; null when the edge falls inside a prorated hour.
     */
    private Grain grainAt(Instant edge, boolean atStart) {
        for (Span span : fine) {
            if (atStart ? span.from().equals(edge) : span.to().equals(edge)) {
                return Grain.FINE;
            }
        }
        for (Span span : hourly) {
            if (atStart ? span.from().equals(edge) : span.to().equals(edge)) {
                return Grain.HOURLY;
            }
        }
        return null;
    }

    /** The finest grain this plan reads: 5 minutes when any edge comes from 5-minute windows. */
    public Duration resolution() {
        return fine.isEmpty() ? HOUR : FINE;
    }

    private static long bytes(RawTotals t) {
        return t.eth0Rx() + t.eth0Tx() + t.tunnelRx() + t.tunnelTx();
    }

    /** True when every edge is read from 5-minute windows (nothing is prorated). */
    public boolean exact() {
        return partial.isEmpty();
    }

    /**
     * {@code totals * part / whole}, rounded down per field. Resets are kept whole: a count cannot be
     * split, and we cannot tell in which part of the hour the counter restarted.
     */
    static RawTotals scale(RawTotals totals, Duration part, Duration whole) {
        long p = part.toMillis();
        long w = whole.toMillis();
        return new RawTotals(mulDiv(totals.eth0Rx(), p, w), mulDiv(totals.eth0Tx(), p, w),
                mulDiv(totals.tunnelRx(), p, w), mulDiv(totals.tunnelTx(), p, w), totals.resets());
    }

    private static long mulDiv(long value, long part, long whole) {
        return BigInteger.valueOf(value).multiply(BigInteger.valueOf(part)).divide(BigInteger.valueOf(whole)).longValueExact();
    }

    static void addAll(Map<String, RawTotals> into, Map<String, RawTotals> more) {
        more.forEach((gateway, totals) -> into.merge(gateway, totals, RawTotals::plus));
    }
}
