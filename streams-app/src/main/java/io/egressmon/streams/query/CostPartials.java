package io.egressmon.streams.query;

import io.egressmon.api.cost.CostPartial;
import io.egressmon.api.cost.CostPartialRequest;
import io.egressmon.api.cost.GatewayCostPart;
import io.egressmon.api.cost.TierStanding;
import io.egressmon.api.cost.Usd;
import io.egressmon.cost.CostCenter;
import io.egressmon.streams.cost.AccountMonthRow;
import io.egressmon.streams.cost.CostQueryStores;
import io.egressmon.streams.cost.GatewayTimeKey;
import io.egressmon.streams.cost.SpokeDayRow;
import io.egressmon.streams.cost.SpokeHourRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * One instance's part of a cost answer ({@link CostPartial}) from the cost query stores of some
 * partitions: per partition, the account-months the period touches say which spokes it holds; each
 * spoke in scope is summed over the period and over the month of the period's end to date from its
 * days, with hours only at the edges that are not whole days, and its hours of the 7 days before the
 * period's end are summed for the forecast.
 */
public final class CostPartials {
    static final int BASIS_HOURS = 7 * 24;

    private CostPartials() {
    }

    /**
     * @param readers     a partition's reader
     * @param costCenters the budgets file's, to resolve {@code cost_center}
     */
    public static CostPartial collect(String host, CostPartialRequest request, IntFunction<CostReader> readers,
                                      Map<String, CostCenter> costCenters) {
        Predicate<String> inScope = scope(request.gateway(), request.costCenter(), costCenters);
        Instant from = request.from();
        Instant to = request.to();
        YearMonth firstMonth = monthOf(from);
        YearMonth endMonth = monthOf(to.minusMillis(1));
        Instant monthStart = start(endMonth);
        Map<String, GatewayCostPart> gateways = new TreeMap<>();
        List<TierStanding> accounts = new ArrayList<>();
        // per partition, per spoke in scope: its billing key (the latest month's) and how far it is priced
        List<Map<String, String>> keysOf = new ArrayList<>();
        List<Map<String, Integer>> pricedOf = new ArrayList<>();
        int lastPriced = Integer.MIN_VALUE;
        for (int partition : request.partitions()) {
            Map<String, String> keyOf = new TreeMap<>();
            Map<String, Integer> pricedUntil = new TreeMap<>();
            readers.apply(partition).range(CostQueryStores.ACCOUNT_MONTHS, firstMonth.toString(), endMonth + "}", (key, bytes) -> {
                AccountMonthRow row = AccountMonthRow.decode(bytes);
                String billingKey = key.substring(8);
                boolean any = false;
                for (AccountMonthRow.Spoke s : row.spokes()) {
                    if (inScope.test(s.gateway())) {
                        any = true;
                        keyOf.put(s.gateway(), billingKey);
                        pricedUntil.merge(s.gateway(), s.pricedUntilHour(), Math::max);
                    }
                }
                if (any) {
                    accounts.add(standing(billingKey, key.substring(0, 7), row));
                }
            });
            keysOf.add(keyOf);
            pricedOf.add(pricedUntil);
            for (int h : pricedUntil.values()) {
                lastPriced = Math.max(lastPriced, h);
            }
        }
        // The forecast's basis: the 7 days before the last priced hour here, not after the period's end.
        int basisEnd = Math.min(GatewayTimeKey.hour(to), lastPriced == Integer.MIN_VALUE ? GatewayTimeKey.hour(to) : lastPriced);
        int basisFrom = basisEnd - BASIS_HOURS;
        BigDecimal[] hourly = new BigDecimal[BASIS_HOURS];
        int i = 0;
        for (int partition : request.partitions()) {
            CostReader reader = readers.apply(partition);
            Map<String, Integer> pricedUntil = pricedOf.get(i);
            for (Map.Entry<String, String> e : keysOf.get(i++).entrySet()) {
                String gateway = e.getKey();
                Sum[] sums = read(reader, gateway, GatewayTimeKey.hour(from), GatewayTimeKey.hour(to),
                        GatewayTimeKey.hour(monthStart), basisFrom, basisEnd, hourly);
                Sum period = sums[0];
                Sum month = sums[1];
                String[] parts = e.getValue().split("\\|", -1);
                GatewayCostPart part = new GatewayCostPart(parts[0], parts[1], parts[2], e.getValue(), period.bytes,
                        Usd.text(period.usd), Usd.text(period.listUsd), GatewayTimeKey.ofHour(pricedUntil.get(gateway)),
                        month.bytes, Usd.text(month.usd));
                gateways.merge(gateway, part, GatewayCostPart::plus);
            }
        }
        List<String> hourlyUsd = Arrays.stream(hourly).map(u -> u == null ? null : Usd.text(u)).toList();
        return new CostPartial(host, request.partitions(), gateways, accounts, GatewayTimeKey.ofHour(basisFrom),
                new ArrayList<>(hourlyUsd));
    }

    /** Which gateways the request is about: one, a cost center's, or all. */
    static Predicate<String> scope(String gateway, String costCenter, Map<String, CostCenter> costCenters) {
        Predicate<String> scope = g -> true;
        if (gateway != null) {
            scope = gateway::equals;
        }
        if (costCenter != null) {
            CostCenter center = costCenters.get(costCenter);
            if (center == null) {
                return g -> false;
            }
            scope = scope.and(center::contains);
        }
        return scope;
    }


    private static TierStanding standing(String billingKey, String month, AccountMonthRow row) {
        String[] parts = billingKey.split("\\|", -1);
        return new TierStanding(billingKey, parts[0], parts[1], parts[2], month, row.unit(), row.monthBytes(), row.tier(),
                Usd.text(row.usdPerUnit()), row.bytesLeftInTier() < 0 ? null : row.bytesLeftInTier(),
                GatewayTimeKey.ofHour(row.pricedUntilHour()));
    }

    record Sum(long bytes, BigDecimal usd, BigDecimal listUsd) {
        static final Sum ZERO = new Sum(0, BigDecimal.ZERO, BigDecimal.ZERO);

        Sum plus(Sum o) {
            return new Sum(bytes + o.bytes, usd.add(o.usd), listUsd.add(o.listUsd));
        }
    }

    /**
     * {@code gateway}'s cost over the period {@code [fromHour, toHour)} and over the month to date
     * {@code [monthHour, toHour)} (whole UTC days from their rollups, the hours before the first and
     * after the last whole day one by one), and its hours in {@code [basisFrom, basisEnd)} added to
     * {@code hourly}. At most one range of days and, merged, two or three of hours are read: each read
     * is a query of its own, and a question over 500 spokes makes thousands.
     *
     * @return the period's sum and the month's
     */
    static Sum[] read(CostReader reader, String gateway, int fromHour, int toHour, int monthHour, int basisFrom, int basisEnd,
                      BigDecimal[] hourly) {
        Span period = Span.of(fromHour, toHour);
        Span month = Span.of(monthHour, toHour);
        Sum[] sums = {Sum.ZERO, Sum.ZERO};
        // Both spans end at the same day, so their days are one range.
        int dayFrom = Math.min(period.hasDays() ? period.dayFrom : Integer.MAX_VALUE, month.hasDays() ? month.dayFrom : Integer.MAX_VALUE);
        int dayTo = Math.max(period.dayTo, month.dayTo);
        if (dayFrom < dayTo) {
            reader.range(CostQueryStores.DAYS, GatewayTimeKey.of(gateway, dayFrom), GatewayTimeKey.of(gateway, dayTo - 1),
                    (key, row) -> {
                        int day = GatewayTimeKey.index(key.get());
                        SpokeDayRow d = SpokeDayRow.decode(row);
                        Sum sum = new Sum(d.bytes(), d.usd(), d.listUsd());
                        if (period.hasDay(day)) {
                            sums[0] = sums[0].plus(sum);
                        }
                        if (month.hasDay(day)) {
                            sums[1] = sums[1].plus(sum);
                        }
                    });
        }
        List<int[]> ranges = new ArrayList<>(List.of(period.hoursBefore, period.hoursAfter, month.hoursBefore,
                month.hoursAfter, new int[] {basisFrom, basisEnd}));
        ranges.removeIf(r -> r[0] >= r[1]);
        ranges.sort(Comparator.comparingInt(r -> r[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] r : ranges) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r[0] <= last[1]) {
                last[1] = Math.max(last[1], r[1]);
            } else {
                merged.add(new int[] {r[0], r[1]});
            }
        }
        for (int[] r : merged) {
            reader.range(CostQueryStores.HOURS, GatewayTimeKey.of(gateway, r[0]), GatewayTimeKey.of(gateway, r[1] - 1),
                    (key, row) -> {
                        int hour = GatewayTimeKey.index(key.get());
                        SpokeHourRow h = SpokeHourRow.decode(row);
                        Sum sum = new Sum(h.bytes(), h.usd(), h.listUsd());
                        if (period.hasHour(hour)) {
                            sums[0] = sums[0].plus(sum);
                        }
                        if (month.hasHour(hour)) {
                            sums[1] = sums[1].plus(sum);
                        }
                        if (hour >= basisFrom && hour < basisEnd) {
                            int at = hour - basisFrom;
                            hourly[at] = hourly[at] == null ? h.usd() : hourly[at].add(h.usd());
                        }
                    });
        }
        return sums;
    }

    /**
     * {@code [fromHour, toHour)} as the rollups read it: the whole days {@code [dayFrom, dayTo)} and
     * the hours before and after them (all of it in hours when it holds no whole day).
     */
    private record Span(int dayFrom, int dayTo, int[] hoursBefore, int[] hoursAfter) {
        static Span of(int fromHour, int toHour) {
            int firstDay = Math.floorDiv(fromHour + 23, 24);
            int endDay = Math.floorDiv(toHour, 24);
            if (fromHour >= toHour) {
                return new Span(0, 0, new int[] {0, 0}, new int[] {0, 0});
            }
            if (firstDay >= endDay) {
                return new Span(0, 0, new int[] {fromHour, toHour}, new int[] {0, 0});
            }
            return new Span(firstDay, endDay, new int[] {fromHour, firstDay * 24}, new int[] {endDay * 24, toHour});
        }

        boolean hasDays() {
            return dayFrom < dayTo;
        }

        boolean hasDay(int day) {
            return day >= dayFrom && day < dayTo;
        }

        boolean hasHour(int hour) {
            return (hour >= hoursBefore[0] && hour < hoursBefore[1]) || (hour >= hoursAfter[0] && hour < hoursAfter[1]);
        }
    }

    static YearMonth monthOf(Instant t) {
        return YearMonth.from(t.atZone(ZoneOffset.UTC));
    }

    static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    static Instant end(YearMonth month) {
        return start(month.plusMonths(1));
    }
}
