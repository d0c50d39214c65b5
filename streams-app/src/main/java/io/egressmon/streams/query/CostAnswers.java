package io.egressmon.streams.query;

import io.egressmon.api.Covered;
import io.egressmon.api.GatewayAttributes;
import io.egressmon.api.GroupBy;
import io.egressmon.api.InventoryGateway;
import io.egressmon.api.NotFound;
import io.egressmon.api.Period;
import io.egressmon.api.cost.AccountMonthToDate;
import io.egressmon.api.cost.CostAggregate;
import io.egressmon.api.cost.CostAmounts;
import io.egressmon.api.cost.CostAnswer;
import io.egressmon.api.cost.CostForecast;
import io.egressmon.api.cost.CostGroupBy;
import io.egressmon.api.cost.CostPartial;
import io.egressmon.api.cost.CostRequest;
import io.egressmon.api.cost.GatewayCost;
import io.egressmon.api.cost.GatewayCostPart;
import io.egressmon.api.cost.GroupCost;
import io.egressmon.api.cost.MonthToDate;
import io.egressmon.api.cost.NotPriced;
import io.egressmon.api.cost.TierStanding;
import io.egressmon.api.cost.Usd;
import io.egressmon.cost.CostCenter;
import io.egressmon.cost.Forecast;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Puts the instances' parts of a cost answer together (pure: no stores, no clock but the one given).
 *
 * <p>Completeness: an hour is priced only once its window closed (6 h after it ends), and a month's
 * earlier hours set the tier of its later ones, so the answer is complete only when every billing
 * account of its spokes, in every month the period touches, has all its spokes priced up to the
 * period's end (or the month's end, for a month that ends before it). Anything less is
 * {@code complete: false} with {@code priced_until}, the oldest such mark.
 */
public final class CostAnswers {
    private CostAnswers() {
    }

    /** The period a cost answer covers: the asked one moved out onto whole hours. */
    public static Period hourly(Period asked) {
        Instant start = Period.floor(asked.start(), Duration.ofHours(1));
        Instant end = Period.ceil(asked.end(), Duration.ofHours(1));
        return new Period(start, end, asked.days());
    }

    /**
     * @param asked       the period as asked (resolved)
     * @param covered     {@link #hourly}({@code asked}): what the partials were asked for
     * @param inventory   the gateways' attributes, for groups and the 404 of an unknown gateway
     * @param costCenters the budgets file's
     */
    public static CostAnswer assemble(CostRequest request, Period asked, Period covered, List<CostPartial> partials,
                                      Map<String, InventoryGateway> inventory, Map<String, CostCenter> costCenters) {
        Instant start = covered.start();
        Instant end = covered.end();
        Map<String, GatewayCostPart> parts = new TreeMap<>();
        Map<String, TierStanding> tiers = new TreeMap<>();
        TreeMap<Instant, BigDecimal> hourly = new TreeMap<>();
        for (CostPartial p : partials) {
            p.gateways().forEach((name, part) -> parts.merge(name, part, GatewayCostPart::plus));
            for (TierStanding t : p.accounts()) {
                tiers.put(t.billingKey() + "@" + t.month(), t);
            }
            for (int i = 0; i < p.hourlyUsd().size(); i++) {
                String usd = p.hourlyUsd().get(i);
                if (usd != null) {
                    hourly.merge(p.hourlySince().plus(Duration.ofHours(i)), Usd.parse(usd), BigDecimal::add);
                }
            }
        }
        String gateway = request.gateway();
        if (gateway != null && parts.isEmpty() && !inventory.containsKey(gateway)) {
            throw NotFound.unknownGateway(gateway, "cost", start, end);
        }

        List<GatewayCost> gateways = new ArrayList<>();
        CostAmounts total = CostAmounts.ZERO;
        for (Map.Entry<String, GatewayCostPart> e : parts.entrySet()) {
            GatewayCostPart p = e.getValue();
            CostAmounts amounts = CostAmounts.of(p.egressBytes(), Usd.parse(p.usd()), Usd.parse(p.listUsd()));
            gateways.add(new GatewayCost(e.getKey(), p.provider(), p.account(), p.region(), p.billingKey(), amounts,
                    p.pricedUntil()));
            total = total.plus(amounts);
        }

        YearMonth endMonth = CostPartials.monthOf(end.minusMillis(1));
        Instant pricedUntil = pricedUntil(tiers.values(), end);
        boolean complete = pricedUntil != null && !pricedUntil.isBefore(end);
        Instant dataUntil = pricedUntil == null ? null : min(pricedUntil, end);
        boolean moved = !asked.start().equals(start) || !asked.end().equals(end);
        Covered coveredPart = new Covered(moved ? asked.start() : null, moved ? asked.end() : null, "PT1H", complete, dataUntil);

        MonthToDate monthToDate = monthToDate(endMonth, parts, dataUntil);
        CostForecast forecast = parts.isEmpty() ? null
                : forecast(endMonth, end, parts, monthToDate, hourly);
        List<GroupCost> groups = request.groupBy() == null ? null : groups(gateways, request.groupBy(), inventory, costCenters);
        List<TierStanding> standings = tiers.values().stream()
                .sorted(Comparator.comparing(TierStanding::billingKey).thenComparing(TierStanding::month)).toList();
        return new CostAnswer(CostAnswer.REPORT, CostAnswer.METHOD, start, end, asked.days(), request.costCenter(), gateways,
                new CostAggregate(gateways.size(), total), request.groupBy(), groups, standings, monthToDate, forecast,
                NotPriced.TODAY, pricedUntil, coveredPart);
    }

    /**
     * How far the answer is priced: per billing account, the end of its last priced hour, unless a
     * month of the period before it is priced short of its own end (its later hours' tiers then stand
     * on hours still to come), the oldest of those over all accounts; null when there are none. An
     * account's month not begun in the state yet counts through the month before it, which ends short
     * of the period's end.
     */
    static Instant pricedUntil(java.util.Collection<TierStanding> standings, Instant end) {
        Map<String, List<TierStanding>> byAccount = new TreeMap<>();
        standings.forEach(t -> byAccount.computeIfAbsent(t.billingKey(), k -> new ArrayList<>()).add(t));
        Instant oldest = null;
        for (List<TierStanding> months : byAccount.values()) {
            months.sort(Comparator.comparing(TierStanding::month));
            Instant until = months.get(months.size() - 1).pricedUntil();
            for (TierStanding t : months) {
                if (t.pricedUntil().isBefore(min(end, CostPartials.end(YearMonth.parse(t.month()))))) {
                    until = t.pricedUntil();
                    break;
                }
            }
            oldest = min(oldest, until);
        }
        return oldest;
    }

    private static MonthToDate monthToDate(YearMonth month, Map<String, GatewayCostPart> parts, Instant pricedUntil) {
        Map<String, long[]> bytes = new TreeMap<>();
        Map<String, BigDecimal> usd = new TreeMap<>();
        Map<String, GatewayCostPart> any = new TreeMap<>();
        long allBytes = 0;
        BigDecimal all = BigDecimal.ZERO;
        for (GatewayCostPart p : parts.values()) {
            bytes.computeIfAbsent(p.billingKey(), k -> new long[1])[0] += p.monthToDateBytes();
            usd.merge(p.billingKey(), Usd.parse(p.monthToDateUsd()), BigDecimal::add);
            any.putIfAbsent(p.billingKey(), p);
            allBytes += p.monthToDateBytes();
            all = all.add(Usd.parse(p.monthToDateUsd()));
        }
        List<AccountMonthToDate> accounts = new ArrayList<>();
        any.forEach((key, p) -> accounts.add(new AccountMonthToDate(key, p.provider(), p.account(), p.region(),
                bytes.get(key)[0], Usd.text(usd.get(key)))));
        return new MonthToDate(month.toString(), pricedUntil, allBytes, Usd.text(all), accounts);
    }

    /**
     * The month-end forecast at the end of the last priced hour of the scope (not after the period's
     * end, not before the month's start), from month-to-date and the hours of the 7 days before it
     * (each instance's part ends at its own last priced hour: hours after {@code asOf} are left out).
     */
    private static CostForecast forecast(YearMonth month, Instant end, Map<String, GatewayCostPart> parts,
                                         MonthToDate monthToDate, TreeMap<Instant, BigDecimal> hourly) {
        Instant last = parts.values().stream().map(GatewayCostPart::pricedUntil).filter(Objects::nonNull)
                .max(Instant::compareTo).orElse(end);
        Instant asOf = min(end, last).truncatedTo(ChronoUnit.HOURS);
        Instant monthStart = CostPartials.start(month);
        if (asOf.isBefore(monthStart)) {
            asOf = monthStart;
        }
        Map<Instant, BigDecimal> hours = new TreeMap<>(hourly.headMap(asOf));
        Forecast f = Forecast.of(month, asOf, Usd.parse(monthToDate.usd()), hours);
        return new CostForecast(month.toString(), f.asOf(), Usd.text(f.monthToDateUsd()), Usd.text(f.restOfMonthUsd()),
                Usd.text(f.monthEndUsd()), f.uncertaintyUsd() == null ? null : Usd.text(f.uncertaintyUsd()), f.basisHours(),
                f.basisDays(), f.remainingHours());
    }

    /**
     * One group per value of the attribute (the inventory's; {@code unknown} without one), or per
     * cost center (a gateway in several is in each; in none, in {@code unknown}); sorted by name.
     */
    static List<GroupCost> groups(List<GatewayCost> gateways, CostGroupBy groupBy, Map<String, InventoryGateway> inventory,
                                  Map<String, CostCenter> costCenters) {
        Map<String, List<GatewayCost>> members = new TreeMap<>(GroupBy.NAME_ORDER);
        for (GatewayCost g : gateways) {
            List<String> names = new ArrayList<>();
            if (groupBy.byCostCenter()) {
                costCenters.values().stream().filter(c -> c.contains(g.gateway())).map(CostCenter::name).forEach(names::add);
                if (names.isEmpty()) {
                    names.add(GroupBy.MISSING_VALUE);
                }
            } else {
                InventoryGateway info = inventory.get(g.gateway());
                GatewayAttributes attributes = info == null ? GatewayAttributes.unknown(g.gateway()) : info.attributes();
                names.add(groupBy.attribute().groupOf(attributes));
            }
            names.forEach(n -> members.computeIfAbsent(n, k -> new ArrayList<>()).add(g));
        }
        List<GroupCost> out = new ArrayList<>();
        members.forEach((name, list) -> {
            CostAmounts sum = CostAmounts.ZERO;
            for (GatewayCost g : list) {
                sum = sum.plus(g.amounts());
            }
            out.add(new GroupCost(name, list.stream().map(GatewayCost::gateway).toList(), sum));
        });
        return out;
    }


    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
