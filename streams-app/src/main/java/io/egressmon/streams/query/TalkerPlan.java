package io.egressmon.streams.query;

import io.egressmon.api.Period;
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
 * @param start       effective start (inclusive), on the hour grid
 * @param end         effective end (exclusive), on the hour grid
 * @param hourlySince the oldest hourly window start still trusted to be in {@code talkers-1h}
 * @param days        ranges of daily window starts read whole (none, or one)
 * @param hours       ranges of hourly window starts read whole (the edges, at most two)
 */
public record TalkerPlan(Instant start, Instant end, Instant hourlySince, List<Span> days, List<Span> hours) {

    /** Margin between the hourly store's retention and what we trust to be in it (stream time may run ahead of us). */
    public static final Duration HOURLY_SAFETY = Duration.ofHours(1);

    private static final Duration HOUR = TalkersTopology.HOUR;
    private static final Duration DAY = TalkersTopology.DAY;

    public TalkerPlan {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(hourlySince, "hourlySince");
        days = List.copyOf(days);
        hours = List.copyOf(hours);
    }

    /** The oldest hourly window start trusted to be retained at {@code now}. */
    public static Instant hourlySince(Instant now) {
        return now.minus(TalkersTopology.HOURLY_RETENTION).plus(HOURLY_SAFETY);
    }

    /** The plan for {@code [start, end)} given the hourly store holds windows from {@code hourlySince} on. */
    public static TalkerPlan of(Instant start, Instant end, Instant hourlySince) {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("period start " + start + " is not before its end " + end);
        }
        Instant e = Period.ceil(end, HOUR);
        Duration length = Duration.between(start, end);
        Instant s = length.toMillis() % HOUR.toMillis() == 0 ? e.minus(length) : Period.floor(start, HOUR);
        if (s.isBefore(hourlySince)) {
            s = Period.floor(s, DAY);
            if (!e.isAfter(s.plus(DAY))) {
                e = s.plus(DAY); // the whole period lies in that one day: read the day
            }
        }
        if (e.minus(HOUR).isBefore(hourlySince)) {
            e = Period.ceil(e, DAY);
        }
        Instant firstDay = Period.ceil(s, DAY);
        Instant lastDay = Period.floor(e, DAY);
        List<Span> days = new ArrayList<>();
        List<Span> hours = new ArrayList<>();
        if (firstDay.isBefore(lastDay)) {
            days.add(new Span(firstDay, lastDay));
            if (s.isBefore(firstDay)) {
                hours.add(new Span(s, firstDay));
            }
            if (lastDay.isBefore(e)) {
                hours.add(new Span(lastDay, e));
            }
        } else {
            hours.add(new Span(s, e)); // no whole day inside
        }
        return new TalkerPlan(s, e, hourlySince, days, hours);
    }

    /**
     * Hands every table of the planned windows to {@code sink} with its store key
     * ({@code gateway|ROLE}); a key appears once per window it has data in.
     */
    public void forEachTable(TalkerWindowReader reader, BiConsumer<String, TalkerTable> sink) {
        for (Span d : days) {
            reader.forEach(TalkersTopology.STORE_1D, d.from(), d.to(), sink);
        }
        for (Span h : hours) {
            reader.forEach(TalkersTopology.STORE_1H, h.from(), h.to(), sink);
        }
    }
}
