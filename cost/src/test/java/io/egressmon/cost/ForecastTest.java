package io.egressmon.cost;

import static io.egressmon.cost.Bytes.usd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The synthetic history: an hour costs $3 from 08:00 to 19:59 UTC and $1 otherwise (a day of $48),
 * plus a per-day offset for the 24-hour block it is in; offsets that add up to 0 leave each hour of
 * day's mean at $3 or $1.
 */
@DisplayName("The month-end forecast")
class ForecastTest {
    private static final YearMonth MARCH = YearMonth.of(2026, 3);

    @Test
    @DisplayName("adds to month-to-date each remaining hour's hour-of-day mean over the last 7 days, with the daily spread × √(remaining days)")
    void fullBasisMidDay() {
        Instant asOf = at("2026-03-28T12:00");
        // blocks of 24 h from 2026-03-21T12:00; per-hour offsets +.25 −.25 +.25 −.25 +.25 −.25 0 (sum 0)
        Map<Instant, BigDecimal> hourly = history(asOf, "0.25", "-0.25", "0.25", "-0.25", "0.25", "-0.25", "0");
        BigDecimal monthToDate = usd("1000.000000000123");
        Forecast f = Forecast.of(MARCH, asOf, monthToDate, hourly);

        // remaining: 2026-03-28T12:00 → 2026-04-01T00:00 = 12 + 3 × 24 = 84 hours
        assertEquals(84, f.remainingHours());
        // 28th 12–19h: 8 × $3 = 24; 20–23h: 4 × $1 = 4; 29th–31st: 3 × (12 × 3 + 12 × 1) = 144; rest = 172
        // (a flat mean of $2 an hour would give 84 × 2 = 168: the diurnal shape matters)
        assertEquals(0, usd("172").compareTo(f.restOfMonthUsd()), f::toString);
        assertEquals(usd("1172.000000000123"), f.monthEndUsd().stripTrailingZeros(), "month-to-date stays exact");
        // daily totals 48 + 24 × offset = 54 42 54 42 54 42 48; mean 48; Σ(x − 48)² = 6 × 36 = 216;
        // s² = 216 / 6 = 36, s = 6; uncertainty = 6 × √(84 / 24) = √126 = 11.2249721603… → 11.224972
        assertEquals(usd("11.224972"), f.uncertaintyUsd());
        assertEquals(7, f.basisDays());
        assertEquals(168, f.basisHours());
        assertTrue(f.fullBasis());
    }

    @Test
    @DisplayName("with whole days left scales the daily spread by exactly √(days left)")
    void wholeDaysLeft() {
        Instant asOf = at("2026-03-28T00:00");
        Forecast f = Forecast.of(MARCH, asOf, usd("500"), history(asOf, "0.25", "-0.25", "0.25", "-0.25", "0.25", "-0.25", "0"));
        // 4 days left: rest = 4 × 48 = 192; uncertainty = s × √4 = 6 × 2 = 12
        assertEquals(0, usd("692").compareTo(f.monthEndUsd()), f::toString);
        assertEquals(0, usd("12").compareTo(f.uncertaintyUsd()), f::toString);
    }

    @Test
    @DisplayName("from fewer than 7 days of history uses what there is and says how much in basis_days")
    void twoDaysOfHistory() {
        Instant asOf = at("2026-03-28T12:00");
        // a spoke added on 2026-03-26T12:00: blocks +0.5 and −0.5 an hour, daily totals 60 and 36
        Forecast f = Forecast.of(MARCH, asOf, usd("96"), history(asOf, "0.5", "-0.5"));
        assertEquals(2, f.basisDays());
        assertEquals(48, f.basisHours());
        assertFalse(f.fullBasis());
        // hour-of-day means still $3 / $1: rest = 172 as with 7 days
        assertEquals(0, usd("268").compareTo(f.monthEndUsd()), f::toString);
        // mean 48, Σ(x − 48)² = 2 × 144 = 288, s² = 288 / 1; uncertainty = √(288 × 84 / 24) = √1008 = 31.7490157327…
        assertEquals(usd("31.749016"), f.uncertaintyUsd());
    }

    @Test
    @DisplayName("counts an hour without cost after the history's first as $0")
    void missingHoursCostNothing() {
        Instant asOf = at("2026-03-28T00:00");
        Map<Instant, BigDecimal> hourly = history(asOf, "0", "0");
        // drop 2026-03-27's 08:00–19:59 hours: each of those hours of day has $3 and $0, a mean of (3 + 0) / 2 = 1.5
        for (int h = 8; h < 20; h++) {
            hourly.remove(at("2026-03-27T00:00").plus(Duration.ofHours(h)));
        }
        Forecast f = Forecast.of(MARCH, asOf, BigDecimal.ZERO, hourly);
        // 4 days × (12 × 1.5 + 12 × 1) = 4 × 30 = 120
        assertEquals(0, usd("120").compareTo(f.restOfMonthUsd()), f::toString);
    }

    @Test
    @DisplayName("from under a day of history takes the mean hour for hours of day it has not seen, with the uncertainty unknown")
    void underADay() {
        Instant asOf = at("2026-03-31T00:00");
        Map<Instant, BigDecimal> hourly = new HashMap<>();
        for (int i = 1; i <= 6; i++) {
            hourly.put(asOf.minus(Duration.ofHours(i)), usd(i % 2 == 0 ? "3" : "1"));
        }
        Forecast f = Forecast.of(MARCH, asOf, usd("12"), hourly);
        // 18:00–23:59 seen ($1, $3, $1, $3, $1, $3 back from 23:00); the other 18 hours of the 31st take the mean, 12 / 6 = $2
        // rest = (1 + 3 + 1 + 3 + 1 + 3) + 18 × 2 = 12 + 36 = 48
        assertEquals(0, usd("48").compareTo(f.restOfMonthUsd()), f::toString);
        assertEquals(0, f.basisDays());
        assertEquals(6, f.basisHours());
        assertNull(f.uncertaintyUsd());
    }

    @Test
    @DisplayName("with no history forecasts month-to-date, and ignores hours before the 7 days")
    void noHistory() {
        Instant asOf = at("2026-03-28T00:00");
        Forecast f = Forecast.of(MARCH, asOf, usd("7.5"), Map.of(at("2026-03-01T00:00"), usd("99")));
        assertEquals(0, usd("7.5").compareTo(f.monthEndUsd()));
        assertEquals(0, f.basisHours());
        assertNull(f.uncertaintyUsd());
    }

    @Test
    @DisplayName("refuses an hour at or after asOf, a time that is not a whole hour, and asOf outside the month")
    void badInputs() {
        Instant asOf = at("2026-03-28T00:00");
        assertThrows(IllegalArgumentException.class, () -> Forecast.of(MARCH, asOf, BigDecimal.ZERO, Map.of(asOf, BigDecimal.ONE)));
        assertThrows(IllegalArgumentException.class, () -> Forecast.of(MARCH, asOf.plusSeconds(60), BigDecimal.ZERO, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Forecast.of(MARCH, at("2026-04-02T00:00"), BigDecimal.ZERO, Map.of()));
    }

    /** The synthetic history: one 24-hour block per offset, the last ending at {@code asOf}. */
    static Map<Instant, BigDecimal> history(Instant asOf, String... dailyOffsets) {
        Map<Instant, BigDecimal> hourly = new HashMap<>();
        Instant start = asOf.minus(Duration.ofHours(24L * dailyOffsets.length));
        List<String> offsets = List.of(dailyOffsets);
        for (int i = 0; i < 24 * offsets.size(); i++) {
            Instant hour = start.plus(Duration.ofHours(i));
            int h = LocalDateTime.ofInstant(hour, ZoneOffset.UTC).getHour();
            hourly.put(hour, usd(h >= 8 && h < 20 ? "3" : "1").add(usd(offsets.get(i / 24))));
        }
        return hourly;
    }

    static Instant at(String utc) {
        return LocalDateTime.parse(utc).toInstant(ZoneOffset.UTC);
    }
}
