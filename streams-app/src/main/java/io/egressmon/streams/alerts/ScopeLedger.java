package io.egressmon.streams.alerts;

import io.egressmon.cost.Forecast;
import io.egressmon.cost.ScopeSpend;
import io.egressmon.cost.SpikeRule;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one scope has spent, as the alert rules and the budgets' standings need it: the cost of each
 * recent hour (enough for the forecast's 7 days and the spike's baseline, {@link #hoursKept}) and the
 * total of each month with how far it is priced. Not thread-safe: one task owns a scope.
 */
public final class ScopeLedger {
    /** A month's cost so far and the end of its last priced hour. */
    public record MonthSpend(BigDecimal usd, Instant pricedUntil) {
        public MonthSpend {
            Objects.requireNonNull(usd, "usd");
            Objects.requireNonNull(pricedUntil, "pricedUntil");
        }

        /** {@code usd;pricedUntil (epoch ms)}, as the months' store holds it. */
        public String text() {
            return usd.toPlainString() + ";" + pricedUntil.toEpochMilli();
        }

        public static MonthSpend parse(String text) {
            int cut = text.indexOf(';');
            return new MonthSpend(new BigDecimal(text.substring(0, cut)), Instant.ofEpochMilli(Long.parseLong(text.substring(cut + 1))));
        }
    }

    private final TreeMap<Instant, BigDecimal> hours;
    private final TreeMap<YearMonth, MonthSpend> months;
    private final Duration hoursKept;

    /** @param hoursKept how far before the scope's latest hour its hours are kept ({@link #hoursKept(SpikeRule)}) */
    public ScopeLedger(Map<Instant, BigDecimal> hours, Map<YearMonth, MonthSpend> months, Duration hoursKept) {
        this.hours = new TreeMap<>(hours);
        this.months = new TreeMap<>(months);
        this.hoursKept = hoursKept;
    }

    /**
     * The hours a scope keeps before its latest: the spike's baseline before a day of the month before
     * the latest (a late hour of last month is judged too), the forecast's 7 days within it.
     */
    public static Duration hoursKept(SpikeRule rule) {
        return Duration.ofDays(rule.baselineDays() + 33L);
    }

    /** The first hour kept: hours before it are deleted and no longer added to. */
    public Instant keptFrom() {
        return hours.isEmpty() ? Instant.MIN : hours.lastKey().minus(hoursKept);
    }

    /**
     * Adds {@code usd} to the hour starting at {@code hour} and to its month.
     *
     * @return false when the hour is older than those kept: counted in its month only
     */
    boolean add(Instant hour, BigDecimal usd) {
        YearMonth month = YearMonth.from(hour.atZone(ZoneOffset.UTC));
        Instant end = hour.plus(Duration.ofHours(1));
        months.merge(month, new MonthSpend(usd, end), (a, b) -> new MonthSpend(a.usd.add(b.usd),
                a.pricedUntil.isAfter(b.pricedUntil) ? a.pricedUntil : b.pricedUntil));
        if (hour.isBefore(keptFrom())) {
            return false;
        }
        hours.merge(hour, usd, BigDecimal::add);
        return true;
    }

    BigDecimal hour(Instant hour) {
        return hours.get(hour);
    }

    MonthSpend month(YearMonth month) {
        return months.get(month);
    }

    /** Removes and returns the hours older than {@link #keptFrom()}. */
    NavigableMap<Instant, BigDecimal> expire() {
        NavigableMap<Instant, BigDecimal> old = new TreeMap<>(hours.headMap(keptFrom(), false));
        old.keySet().forEach(hours::remove);
        return old;
    }

    /** {@code month}'s cost and how far it is priced; null when no hour of it is. */
    public MonthSpend spendOf(YearMonth month) {
        return months.get(month);
    }

    /**
     * What the alert rules judge of {@code month}, as of the end of its last priced hour: month-to-date,
     * the forecast from the 7 days before, and the daily cost of the spike's baseline and day (left
     * empty when the baseline reaches before the hours kept: not judged then). Null when no hour of the
     * month is priced.
     */
    public ScopeSpend spend(YearMonth month, SpikeRule rule) {
        MonthSpend m = months.get(month);
        if (m == null) {
            return null;
        }
        Instant asOf = m.pricedUntil;
        LocalDate day = LocalDate.ofInstant(asOf.minus(Duration.ofHours(1)), ZoneOffset.UTC);
        Instant baselineStart = day.minusDays(rule.baselineDays()).atStartOfDay().toInstant(ZoneOffset.UTC);
        SortedMap<LocalDate, BigDecimal> daily = new TreeMap<>();
        if (!baselineStart.isBefore(keptFrom())) {
            hours.subMap(baselineStart, true, asOf, false).forEach((hour, usd) ->
                    daily.merge(LocalDate.ofInstant(hour, ZoneOffset.UTC), usd, BigDecimal::add));
        }
        return new ScopeSpend(m.usd, forecast(month), daily);
    }

    /** The month-end forecast of {@code month} as of the end of its last priced hour; null when none is priced. */
    public Forecast forecast(YearMonth month) {
        MonthSpend m = months.get(month);
        if (m == null) {
            return null;
        }
        Instant asOf = m.pricedUntil;
        return Forecast.of(month, asOf, m.usd, hours.subMap(asOf.minus(Duration.ofDays(Forecast.BASIS_DAYS)), true, asOf, false));
    }
}
