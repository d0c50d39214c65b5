package io.egressmon.cost;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;

/**
 * A month-end forecast of cost, made at {@code asOf} (an hour boundary: the end of the last hour
 * counted) from the month-to-date cost and the hourly cost of the 7 days before {@code asOf}, the
 * <em>basis</em>, with its diurnal shape:
 * <pre>
 *   restOfMonth = Σ over the hours r in [asOf, month end) of mean(hourOfDay(r))
 *   mean(h)     = the mean cost of the basis hours whose hour of day (UTC) is h
 *   monthEnd    = monthToDate + restOfMonth
 *   uncertainty = s × √(remainingHours / 24)
 * </pre>
 * where s is the sample standard deviation (n − 1) of the basis's daily totals, a daily total being
 * the cost of one of the 24-hour blocks ending at {@code asOf}, {@code asOf − 24 h}, …: if days are
 * independent with spread s, a sum of d days spreads by s√d. Read {@code monthEnd ± uncertainty} as
 * about one standard deviation, not a bound.
 *
 * <p>The basis starts at the first hour of the 7 days that has a cost (a spoke added 2 days ago has a
 * 2-day basis); after it, an hour without one costs $0. {@code basisHours} and {@code basisDays}
 * (whole 24-hour blocks) say how much history there was. An hour of day the basis does not cover
 * (a basis under 24 hours) takes the basis's mean hour; with no basis at all the rest of the month
 * is $0. The uncertainty needs 2 daily totals; with fewer it is null (unknown).
 *
 * <p>Inputs are exact; {@code restOfMonthUsd} and {@code uncertaintyUsd} are rounded half-even to
 * the micro-dollar (6 places), once, at the end; {@code monthEndUsd} is the exact month-to-date plus
 * that rounded rest.
 */
public record Forecast(YearMonth month, Instant asOf, BigDecimal monthToDateUsd, BigDecimal restOfMonthUsd,
                       BigDecimal monthEndUsd, BigDecimal uncertaintyUsd, int basisHours, int basisDays, int remainingHours) {
    public static final int BASIS_DAYS = 7;
    private static final int SCALE = 6;
    private static final MathContext PRECISION = MathContext.DECIMAL128;

    /** True when the basis is the full 7 days. */
    public boolean fullBasis() {
        return basisHours == BASIS_DAYS * 24;
    }

    /**
     * The forecast of {@code month} at {@code asOf}.
     *
     * @param hourlyUsd cost per hour, keyed by the hour's start (whole hours, UTC); hours before the
     *     7-day basis are ignored, none may start at or after {@code asOf}
     */
    public static Forecast of(YearMonth month, Instant asOf, BigDecimal monthToDateUsd, Map<Instant, BigDecimal> hourlyUsd) {
        Instant monthStart = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        requireHour(asOf, "asOf");
        if (asOf.isBefore(monthStart) || asOf.isAfter(monthEnd)) {
            throw new IllegalArgumentException("asOf " + asOf + " is not in " + month);
        }
        Instant windowStart = asOf.minus(Duration.ofHours(BASIS_DAYS * 24L));
        Instant first = null;
        for (Instant hour : hourlyUsd.keySet()) {
            requireHour(hour, "an hour");
            if (!hour.isBefore(asOf)) {
                throw new IllegalArgumentException("hour " + hour + " is not before asOf " + asOf);
            }
            if (!hour.isBefore(windowStart) && (first == null || hour.isBefore(first))) {
                first = hour;
            }
        }
        int basisHours = first == null ? 0 : (int) ChronoUnit.HOURS.between(first, asOf);
        int remaining = (int) ChronoUnit.HOURS.between(asOf, monthEnd);
        BigDecimal[] sum = new BigDecimal[24];
        int[] count = new int[24];
        BigDecimal[] daily = new BigDecimal[basisHours / 24];
        Arrays.fill(sum, BigDecimal.ZERO);
        Arrays.fill(daily, BigDecimal.ZERO);
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 1; i <= basisHours; i++) {
            Instant hour = asOf.minus(Duration.ofHours(i));
            BigDecimal usd = hourlyUsd.getOrDefault(hour, BigDecimal.ZERO);
            int h = hourOfDay(hour);
            sum[h] = sum[h].add(usd);
            count[h]++;
            total = total.add(usd);
            if ((i - 1) / 24 < daily.length) {
                daily[(i - 1) / 24] = daily[(i - 1) / 24].add(usd);
            }
        }
        int[] ahead = new int[24];
        for (int i = 0; i < remaining; i++) {
            ahead[hourOfDay(asOf.plus(Duration.ofHours(i)))]++;
        }
        BigDecimal rest = BigDecimal.ZERO;
        for (int h = 0; h < 24 && basisHours > 0; h++) {
            // Σ over the remaining hours at hour of day h of sum[h]/count[h], divided once
            BigDecimal hourSum = count[h] > 0 ? sum[h] : total;
            int hourCount = count[h] > 0 ? count[h] : basisHours;
            rest = rest.add(hourSum.multiply(BigDecimal.valueOf(ahead[h])).divide(BigDecimal.valueOf(hourCount), PRECISION));
        }
        rest = rest.setScale(SCALE, RoundingMode.HALF_EVEN);
        return new Forecast(month, asOf, monthToDateUsd, rest, monthToDateUsd.add(rest), uncertainty(daily, remaining),
                basisHours, daily.length, remaining);
    }

    /** s × √(remainingHours / 24), as √(Σ(x − x̄)² × remainingHours / (24 (n − 1))); null for n < 2. */
    private static BigDecimal uncertainty(BigDecimal[] daily, int remainingHours) {
        int n = daily.length;
        if (n < 2) {
            return null;
        }
        BigDecimal mean = Arrays.stream(daily).reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(n), PRECISION);
        BigDecimal squares = BigDecimal.ZERO;
        for (BigDecimal x : daily) {
            squares = squares.add(x.subtract(mean).pow(2));
        }
        BigDecimal variance = squares.multiply(BigDecimal.valueOf(remainingHours))
                .divide(BigDecimal.valueOf(24L * (n - 1)), PRECISION);
        return variance.sqrt(PRECISION).setScale(SCALE, RoundingMode.HALF_EVEN);
    }

    /** The hour of day (UTC) of {@code hour}, by arithmetic: {@code LocalDateTime.ofInstant} builds zone rules every call. */
    private static int hourOfDay(Instant hour) {
        return (int) Math.floorMod(Math.floorDiv(hour.getEpochSecond(), 3600L), 24L);
    }

    private static void requireHour(Instant t, String what) {
        if (!t.truncatedTo(ChronoUnit.HOURS).equals(t)) {
            throw new IllegalArgumentException(what + " " + t + " is not a whole hour");
        }
    }
}
