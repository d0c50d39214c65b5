package io.egressmon.cost;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One billing account's month of egress on one {@link BillingSchedule}, priced in time order
 * whatever order its hours arrive in. The streams app feeds it hourly windows of the account's
 * spokes as they arrive — spokes backfill independently, so not in time order — and the result
 * depends only on the bytes it holds, never on the order they came in.
 *
 * <p>The month has {@code H = days × 24} hours (UTC), hour {@code k} in {@code [0, H)}. The account's
 * bytes in hour {@code k} are the sum of its spokes'; the account stands at {@code before(k)}, the
 * sum of the hours before {@code k}; and hour {@code k} costs, at list price,
 * {@code schedule.charge(before(k), hourBytes(k))} — exact, and by the ladder's additivity the hours
 * add up to the month priced at once. A spoke's share of an hour is the hour's cost in proportion to
 * its bytes, less its own discount: exactly the hour's cost when the spoke has all of the hour's
 * bytes; otherwise {@code hourCost × spokeBytes / hourBytes} rounded once to
 * {@link MathContext#DECIMAL128} (34 significant digits), so an hour's shares add up to its cost to
 * within a unit in the 34th digit per spoke. The discount then comes off exactly.
 *
 * <p>A late hour moves every later hour along the tiers by its change in bytes. A later hour's cost
 * changes only if its bytes, before or after the move, span a band boundary of the schedule, or
 * the move carries them across one; only those hours are priced again (their {@code BigDecimal}
 * cost is cached, and recomputed lazily), and their spokes, with the late hour's own, are what
 * {@link #drainChanged} reports. Hours without bytes never change. Not thread-safe: one processor
 * owns one account month.
 */
public final class AccountMonth {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** One spoke's bytes per hour and the discount its shares get; {@code id} numbers it in this month's bit sets. */
    private static final class Spoke {
        final String name;
        final int id;
        final long[] bytes;
        BigDecimal discountPct;
        BigDecimal kept;

        Spoke(String name, int id, int hours, BigDecimal discountPct) {
            this.name = name;
            this.id = id;
            this.bytes = new long[hours];
            discount(discountPct);
        }

        void discount(BigDecimal pct) {
            discountPct = pct;
            kept = HUNDRED.subtract(pct).movePointLeft(2);
        }
    }

    private final YearMonth month;
    private final Instant start;
    private final BillingSchedule schedule;
    private final int hours;
    private final long[] hourBytes;
    /** {@code before[k]}: the account's bytes in the hours before {@code k}; {@code before[H]} is the month's. */
    private final long[] before;
    private final Map<String, Spoke> spokes = new HashMap<>();
    private final List<Spoke> spokesById = new ArrayList<>();
    /**
     * The ids of the spokes with bytes in each hour (null: none yet), so marking an hour's spokes
     * changed is one {@link BitSet#or}, not a scan of every spoke.
     */
    private final BitSet[] spokesIn;
    /** Each hour's list cost, null where it is to be priced again. */
    private final BigDecimal[] hourList;
    /** Each hour's cost after its spokes' discounts, null where it is to be summed again. */
    private final BigDecimal[] hourUsd;
    /** The hours whose {@link #hourUsd} is null: {@link #monthUsd} holds every other hour's. */
    private final BitSet unsummed = new BitSet();
    private BigDecimal monthUsd = BigDecimal.ZERO;
    /** The hours with spoke-hours changed since the last drain, and in each the ids of those spokes. */
    private final BitSet changedHours = new BitSet();
    private final BitSet[] changedIn;
    private long pricedHours;

    public AccountMonth(YearMonth month, BillingSchedule schedule) {
        this.month = Objects.requireNonNull(month, "month");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        this.hours = month.lengthOfMonth() * 24;
        this.hourBytes = new long[hours];
        this.before = new long[hours + 1];
        this.spokesIn = new BitSet[hours];
        this.changedIn = new BitSet[hours];
        this.hourList = new BigDecimal[hours];
        this.hourUsd = new BigDecimal[hours];
        Arrays.fill(hourList, BigDecimal.ZERO);
        Arrays.fill(hourUsd, BigDecimal.ZERO);
    }

    /**
     * An account month rebuilt from what {@link #spokeBytes} and {@link #discounts} gave (a state
     * store's copy): the same costs as the month it was taken from, with nothing marked changed.
     *
     * @throws IllegalArgumentException if a spoke's array is not one value per hour of the month,
     *                                  holds a negative value, or the spoke has no discount
     */
    public static AccountMonth restore(YearMonth month, BillingSchedule schedule, Map<String, long[]> spokeBytes,
                                       Map<String, BigDecimal> discounts) {
        AccountMonth m = new AccountMonth(month, schedule);
        spokeBytes.forEach((name, bytes) -> {
            if (bytes.length != m.hours) {
                throw new IllegalArgumentException("spoke " + name + " has " + bytes.length + " hours; " + month + " has " + m.hours);
            }
            BigDecimal discount = discounts.get(name);
            if (discount == null) {
                throw new IllegalArgumentException("no discount for spoke " + name);
            }
            Spoke s = m.add(name, checkDiscount(discount));
            for (int k = 0; k < m.hours; k++) {
                if (bytes[k] < 0) {
                    throw new IllegalArgumentException("spoke " + name + " has negative bytes in hour " + k + ": " + bytes[k]);
                }
                if (bytes[k] > 0) {
                    s.bytes[k] = bytes[k];
                    m.spokesOf(k).set(s.id);
                    m.hourBytes[k] = Math.addExact(m.hourBytes[k], bytes[k]);
                }
            }
        });
        for (int k = 0; k < m.hours; k++) {
            m.before[k + 1] = Math.addExact(m.before[k], m.hourBytes[k]);
            if (m.hourBytes[k] > 0) {
                m.hourList[k] = null;
                m.hourUsd[k] = null;
                m.unsummed.set(k);
            }
        }
        return m;
    }

    /**
     * Sets {@code spoke}'s bytes in {@code hour}, replacing what an earlier window of the same spoke
     * and hour said (windows can be re-sent), and the spoke's discount (the latest given counts for
     * all its hours). Marks the spoke-hours whose share changed: the hour's spokes, the later hours'
     * spokes where the shift moves them across a price band, and, if the discount changed, every hour
     * of the spoke's with bytes.
     */
    public void put(String spoke, int hour, long bytes, BigDecimal discountPct) {
        Objects.requireNonNull(spoke, "spoke");
        checkHour(hour);
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes cannot be negative: " + bytes + " for " + spoke + " in hour " + hour);
        }
        checkDiscount(discountPct);
        Spoke s = spokes.get(spoke);
        if (s == null) {
            s = add(spoke, discountPct);
        } else if (s.discountPct.compareTo(discountPct) != 0) {
            s.discount(discountPct);
            for (int k = 0; k < hours; k++) {
                if (s.bytes[k] > 0) {
                    unsum(k);
                    mark(k, s);
                }
            }
        }
        long delta = bytes - s.bytes[hour];
        if (delta == 0) {
            return;
        }
        if (s.bytes[hour] == 0) {
            spokesOf(hour).set(s.id);
        } else if (bytes == 0) {
            spokesIn[hour].clear(s.id);
        }
        s.bytes[hour] = bytes;
        hourBytes[hour] = Math.addExact(hourBytes[hour], delta);
        reprice(hour);
        mark(hour, s);
        shift(hour, delta);
    }

    /**
     * Moves every hour after {@code hour} by {@code delta} bytes and re-prices those the move can
     * change: an hour whose first byte and last byte, before and after the move, all lie in one band
     * costs the same; otherwise it is priced again. All four positions lie in one band exactly when
     * the lowest and the highest of them do.
     */
    private void shift(int hour, long delta) {
        long down = Math.min(0, delta);
        long up = Math.max(0, delta);
        for (int k = hour + 1; k < hours; k++) {
            long n = hourBytes[k];
            if (n > 0 && schedule.band(before[k] + down) != schedule.band(before[k] + n - 1 + up)) {
                reprice(k);
            }
            before[k] += delta;
        }
        before[hours] += delta;
    }

    /** Forgets hour {@code k}'s cost and marks all its spokes changed. */
    private void reprice(int k) {
        hourList[k] = null;
        unsum(k);
        BitSet in = spokesIn[k];
        if (in != null && !in.isEmpty()) {
            changedOf(k).or(in);
        }
    }

    private void unsum(int k) {
        if (hourUsd[k] != null) {
            monthUsd = monthUsd.subtract(hourUsd[k]);
            hourUsd[k] = null;
            unsummed.set(k);
        }
    }

    private void mark(int k, Spoke s) {
        changedOf(k).set(s.id);
    }

    private BitSet changedOf(int k) {
        changedHours.set(k);
        if (changedIn[k] == null) {
            changedIn[k] = new BitSet();
        }
        return changedIn[k];
    }

    private BitSet spokesOf(int k) {
        if (spokesIn[k] == null) {
            spokesIn[k] = new BitSet();
        }
        return spokesIn[k];
    }

    private Spoke add(String name, BigDecimal discountPct) {
        Spoke s = new Spoke(name, spokesById.size(), hours, discountPct);
        spokes.put(name, s);
        spokesById.add(s);
        return s;
    }

    /**
     * The spoke-hours whose share changed since the last call (or since construction), each once,
     * ordered by hour then spoke, with their shares now; clears the set. A spoke-hour whose bytes went
     * back to 0 is among them, at $0.
     */
    public List<SpokeHourCost> drainChanged() {
        List<SpokeHourCost> result = new ArrayList<>();
        for (int k = changedHours.nextSetBit(0); k >= 0; k = changedHours.nextSetBit(k + 1)) {
            BitSet ids = changedIn[k];
            List<String> names = new ArrayList<>(ids.cardinality());
            ids.stream().forEach(id -> names.add(spokesById.get(id).name));
            Collections.sort(names);
            for (String name : names) {
                result.add(cost(name, k));
            }
            ids.clear();
        }
        changedHours.clear();
        return result;
    }

    /** {@code spoke}'s share of {@code hour} now ($0 where it has no bytes, or is unknown). */
    public SpokeHourCost cost(String spoke, int hour) {
        checkHour(hour);
        Spoke s = spokes.get(spoke);
        long bytes = s == null ? 0 : s.bytes[hour];
        BigDecimal discount = s == null ? BigDecimal.ZERO : s.discountPct;
        BigDecimal list = share(hour, bytes);
        BigDecimal usd = s == null ? list : discounted(list, s);
        return new SpokeHourCost(spoke, hour, hourStart(hour), bytes, hourBytes[hour], before[hour], list, discount, usd,
                schedule.positionAt(before[hour + 1]));
    }

    /** The account's bytes this month: the sum of every spoke's. */
    public long monthBytes() {
        return before[hours];
    }

    /** The account's cost this month so far: the sum of every spoke-hour's share after its discount. */
    public BigDecimal monthUsd() {
        for (int k = unsummed.nextSetBit(0); k >= 0; k = unsummed.nextSetBit(k + 1)) {
            BigDecimal sum = BigDecimal.ZERO;
            BitSet in = spokesIn[k];
            if (in != null) {
                for (int id = in.nextSetBit(0); id >= 0; id = in.nextSetBit(id + 1)) {
                    Spoke s = spokesById.get(id);
                    sum = sum.add(discounted(share(k, s.bytes[k]), s));
                }
            }
            hourUsd[k] = sum;
            monthUsd = monthUsd.add(sum);
        }
        unsummed.clear();
        return monthUsd.stripTrailingZeros();
    }

    /** Each spoke's bytes per hour, copies, by spoke name: what {@link #restore} takes back. */
    public Map<String, long[]> spokeBytes() {
        Map<String, long[]> copy = new TreeMap<>();
        spokes.forEach((name, s) -> copy.put(name, s.bytes.clone()));
        return Collections.unmodifiableMap(copy);
    }

    /** Each spoke's discount in percent, by spoke name: what {@link #restore} takes back. */
    public Map<String, BigDecimal> discounts() {
        Map<String, BigDecimal> copy = new TreeMap<>();
        spokes.forEach((name, s) -> copy.put(name, s.discountPct));
        return Collections.unmodifiableMap(copy);
    }

    public YearMonth month() {
        return month;
    }

    public BillingSchedule schedule() {
        return schedule;
    }

    /** The month's hours: its days × 24. */
    public int hours() {
        return hours;
    }

    /** The instant {@code hour} of this month starts at (UTC). */
    public Instant hourStart(int hour) {
        checkHour(hour);
        return start.plusSeconds(hour * 3600L);
    }

    /**
     * The index in {@code month} of the hour starting at {@code hourStart}.
     *
     * @throws IllegalArgumentException if {@code hourStart} is not a whole hour (UTC) of that month
     */
    public static int hourOf(YearMonth month, Instant hourStart) {
        Instant first = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (hourStart.isBefore(first) || !hourStart.isBefore(end)) {
            throw new IllegalArgumentException(hourStart + " is not in " + month + " (UTC)");
        }
        long seconds = Duration.between(first, hourStart).getSeconds();
        if (hourStart.getNano() != 0 || seconds % 3600 != 0) {
            throw new IllegalArgumentException(hourStart + " is not the start of an hour");
        }
        return (int) (seconds / 3600);
    }

    /** How many times an hour's list cost was priced: lets tests see that a late hour re-prices only what it must. */
    long pricedHours() {
        return pricedHours;
    }

    private BigDecimal hourList(int k) {
        if (hourList[k] == null) {
            hourList[k] = hourBytes[k] == 0 ? BigDecimal.ZERO : schedule.charge(before[k], hourBytes[k]).usd();
            pricedHours++;
        }
        return hourList[k];
    }

    /** A spoke's share of hour {@code k}'s list cost for its {@code bytes}, before its discount. */
    private BigDecimal share(int k, long bytes) {
        if (bytes == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal cost = hourList(k);
        if (bytes == hourBytes[k]) {
            return cost;
        }
        return cost.multiply(BigDecimal.valueOf(bytes)).divide(BigDecimal.valueOf(hourBytes[k]), MathContext.DECIMAL128);
    }

    private static BigDecimal discounted(BigDecimal list, Spoke s) {
        return s.discountPct.signum() == 0 ? list : list.multiply(s.kept).stripTrailingZeros();
    }

    private void checkHour(int hour) {
        if (hour < 0 || hour >= hours) {
            throw new IllegalArgumentException("hour " + hour + " is not in " + month + ", which has hours 0 to " + (hours - 1));
        }
    }

    private static BigDecimal checkDiscount(BigDecimal pct) {
        Objects.requireNonNull(pct, "discountPct");
        if (pct.signum() < 0 || pct.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException("a discount is a percentage from 0 to 100: " + pct.toPlainString());
        }
        return pct;
    }
}
