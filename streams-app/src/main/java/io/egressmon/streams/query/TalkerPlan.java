package io.egressmon.streams.query;

import io.egressmon.api.Period;
import io.egressmon.api.talkers.TalkerSource;
import io.egressmon.streams.flows.FlowTalkersTopology;
import io.egressmon.streams.query.PeriodPlan.Span;
import io.egressmon.streams.talkers.TalkerTable;
import io.egressmon.streams.talkers.TalkersTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Which talker windows make up a period (design.md, "FlowIQ top talkers"): whole UTC days from the
 * daily store, the partial days at the edges from the hourly store.
 *
 * <ul>
 *   <li>The period moves onto the hour grid, since a table cannot be split in proportion to time the
 *       way a byte counter can (its ranking would not follow): the end moves up to the next whole
 *       hour, so the live hour counts whole (it holds only what arrived so far anyway); a period of
 *       whole hours ({@code days=N}) keeps its length, any other also moves its start down.</li>
 *   <li>An edge whose hours are older than the hourly store keeps ({@link #hourlySince()}) moves
 *       further, onto the day grid, and that day is read from the daily store.</li>
 * </ul>
 * {@link #start()} and {@link #end()} are the bounds really covered; answers report them. The plan is
 * a pure function of {@code (start, end, hourlySince)}, so an instance that fans a query out sends
 * those three values and every instance reads exactly the same windows.
 *
 * <p>Flows ({@link TalkerSource#NETFLOW}) have a minute store too: their period moves onto the minute
 * grid instead, edges read from minute windows while those are retained ({@link #minuteSince()}).
 *
 * @param source      whose stores are read
 * @param start       effective start (inclusive), on the hour grid (flows: the minute grid)
 * @param end         effective end (exclusive), on the same grid
 * @param hourlySince the oldest hourly window start still trusted to be in the hourly store
 * @param minuteSince flows only (else null): the oldest minute window start still trusted to be in the minute store
 * @param days        ranges of daily window starts read whole (none, or one)
 * @param hours       ranges of hourly window starts read whole (the edges, at most two)
 * @param minutes     flows only: ranges of minute window starts read whole (the edges, at most two)
 */
public record TalkerPlan(TalkerSource source, Instant start, Instant end, Instant hourlySince, Instant minuteSince,
                         List<Span> days, List<Span> hours, List<Span> minutes) {

    /** Margin between a store's retention and what we trust to be in it (stream time may run ahead of us). */
    public static final Duration HOURLY_SAFETY = Duration.ofHours(1);

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration HOUR = TalkersTopology.HOUR;
    private static final Duration DAY = TalkersTopology.DAY;

    public TalkerPlan {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(hourlySince, "hourlySince");
        if ((source == TalkerSource.NETFLOW) != (minuteSince != null)) {
            throw new IllegalArgumentException("minuteSince is for flows, and flows need it");
        }
        days = List.copyOf(days);
        hours = List.copyOf(hours);
        minutes = List.copyOf(minutes);
    }

    /** The oldest hourly window start trusted to be retained at {@code now} (both sources keep hours as long). */
    public static Instant hourlySince(Instant now) {
        return now.minus(TalkersTopology.HOURLY_RETENTION).plus(HOURLY_SAFETY);
    }

    /** The oldest minute window start of the flows trusted to be retained at {@code now}. */
    public static Instant minuteSince(Instant now) {
        return now.minus(FlowTalkersTopology.MINUTE_RETENTION).plus(HOURLY_SAFETY);
    }

    /** The FlowIQ plan for {@code [start, end)} given the hourly store holds windows from {@code hourlySince} on. */
    public static TalkerPlan of(Instant start, Instant end, Instant hourlySince) {
        return of(TalkerSource.FLOWIQ, start, end, hourlySince, null);
    }

    /** The plan for {@code source}; {@code minuteSince} for flows only. */
    public static TalkerPlan of(TalkerSource source, Instant start, Instant end, Instant hourlySince, Instant minuteSince) {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("period start " + start + " is not before its end " + end);
        }
        boolean flows = source == TalkerSource.NETFLOW;
        Duration grain = flows ? MINUTE : HOUR;
        Instant e = Period.ceil(end, grain);
        Duration length = Duration.between(start, end);
        Instant s = length.toMillis() % grain.toMillis() == 0 ? e.minus(length) : Period.floor(start, grain);
        if (flows) {
            if (s.isBefore(minuteSince)) {
                s = Period.floor(s, HOUR);
            }
            if (e.minus(MINUTE).isBefore(minuteSince)) {
                e = Period.ceil(e, HOUR);
            }
        }
        if (s.isBefore(hourlySince)) {
            s = Period.floor(s, DAY);
            if (!e.isAfter(s.plus(DAY))) {
                e = s.plus(DAY); // the whole period lies in that one day: read the day
            }
        }
        if (e.minus(HOUR).isBefore(hourlySince)) {
            e = Period.ceil(e, DAY);
        }
        List<List<Span>> spans = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        cover(s, e, flows ? List.of(DAY, HOUR, MINUTE) : List.of(DAY, HOUR), 0, spans);
        return new TalkerPlan(source, s, e, hourlySince, minuteSince, spans.get(0), spans.get(1), spans.get(2));
    }

    /**
     * Covers {@code [s, e)} (on the last grain's grid) with the whole {@code grains[i]} windows inside
     * it, and the edges left over with the next, finer grain.
     */
    private static void cover(Instant s, Instant e, List<Duration> grains, int i, List<List<Span>> out) {
        if (!s.isBefore(e)) {
            return;
        }
        if (i == grains.size() - 1) {
            out.get(i).add(new Span(s, e));
            return;
        }
        Instant a = Period.ceil(s, grains.get(i));
        Instant b = Period.floor(e, grains.get(i));
        if (a.isBefore(b)) {
            out.get(i).add(new Span(a, b));
            cover(s, a, grains, i + 1, out);
            cover(b, e, grains, i + 1, out);
        } else {
            cover(s, e, grains, i + 1, out);
        }
    }

    /** The finest grain this plan reads: a minute, an hour, or a day. */
    public Duration resolution() {
        return !minutes.isEmpty() ? MINUTE : !hours.isEmpty() ? HOUR : DAY;
    }

    /**
     * One whole-window range of the plan and the store it is read from.
     *
     * @param store  the window store
     * @param window its window size
     * @param span   the window starts read, on that size's grid
     */
    public record StoreSpan(String store, Duration window, Span span) {
        public StoreSpan {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(span, "span");
        }
    }

    /** The plan's ranges with their stores: the days, then the hours, then the minutes. */
    public List<StoreSpan> storeSpans() {
        boolean flows = source == TalkerSource.NETFLOW;
        List<StoreSpan> out = new ArrayList<>();
        for (Span d : days) {
            out.add(new StoreSpan(flows ? FlowTalkersTopology.STORE_1D : TalkersTopology.STORE_1D, DAY, d));
        }
        for (Span h : hours) {
            out.add(new StoreSpan(flows ? FlowTalkersTopology.STORE_1H : TalkersTopology.STORE_1H, HOUR, h));
        }
        for (Span m : minutes) {
            out.add(new StoreSpan(FlowTalkersTopology.STORE_1M, MINUTE, m));
        }
        return out;
    }

    /**
     * Hands every table of the planned windows to {@code sink} with its store key
     * ({@code gateway|ROLE}); a key appears once per window it has data in.
     */
    public void forEachTable(TalkerWindowReader reader, BiConsumer<String, TalkerTable> sink) {
        for (StoreSpan s : storeSpans()) {
            reader.forEach(s.store(), s.span().from(), s.span().to(), sink);
        }
    }
}
