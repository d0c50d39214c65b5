package io.egressmon.streams.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.GroupBy;
import io.egressmon.api.NotFound;
import io.egressmon.api.Period;
import io.egressmon.api.PeriodRequest;
import io.egressmon.api.cost.CostAnswer;
import io.egressmon.api.cost.CostGroupBy;
import io.egressmon.api.cost.CostPartial;
import io.egressmon.api.cost.CostRequest;
import io.egressmon.api.cost.GatewayCostPart;
import io.egressmon.api.cost.GroupCost;
import io.egressmon.api.cost.TierStanding;
import io.egressmon.cost.CostCenter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Putting the instances' parts of a cost answer together: sums, groups, tiers, completeness, forecast. */
@DisplayName("Cost answers from partials")
class CostAnswersTest {
    private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant APRIL = Instant.parse("2026-04-01T00:00:00Z");
    private static final Period MONTH = new Period(MARCH, APRIL, 31);
    private static final CostRequest ALL = new CostRequest(new PeriodRequest.CalendarMonth(2026, 3), null, null, null);
    private static final Map<String, CostCenter> CENTERS = Map.of(
            "ops", new CostCenter("ops", List.of("a"), List.of("c*")),
            "all-aws", new CostCenter("all-aws", List.of(), List.of("a", "b")));

    private static GatewayCostPart part(String key, long bytes, String usd, String list, Instant until) {
        String[] p = key.split("\\|");
        return new GatewayCostPart(p[0], p[1], p[2], key, bytes, usd, list, until, bytes, usd);
    }

    private static TierStanding tier(String key, String month, Instant until) {
        String[] p = key.split("\\|");
        return new TierStanding(key, p[0], p[1], p[2], month, "GB", 5, 1, "0.09", 10L, until);
    }

    private static CostPartial partial(int partition, Map<String, GatewayCostPart> gateways, List<TierStanding> tiers) {
        List<String> hourly = new ArrayList<>(Collections.nCopies(CostPartials.BASIS_HOURS, (String) null));
        return new CostPartial("host-" + partition, Set.of(partition), gateways, tiers,
                APRIL.minus(Duration.ofDays(7)), hourly);
    }

    private static List<CostPartial> twoInstances(Instant bUntil) {
        return List.of(
                partial(0, Map.of("a", part("aws|x|us-east-1", 10, "1.5", "2", APRIL), "b", part("aws|x|us-east-1", 5, "0.25", "0.25", bUntil)),
                        List.of(tier("aws|x|us-east-1", "2026-03", bUntil))),
                partial(1, Map.of("c", part("gcp|y|us-central1", 7, "0.000000000111758708953857421875", "0.000000000111758708953857421875", APRIL)),
                        List.of(tier("gcp|y|us-central1", "2026-03", APRIL))));
    }

    @Test
    @DisplayName("the spokes of every instance, sorted by name, summed exactly into the aggregate and per account to date")
    void sums() {
        CostAnswer answer = CostAnswers.assemble(ALL, MONTH, MONTH, twoInstances(APRIL), Map.of(), CENTERS);
        assertEquals(List.of("a", "b", "c"), answer.gateways().stream().map(g -> g.gateway()).toList());
        assertEquals(22, answer.aggregate().amounts().egressBytes());
        assertEquals("1.750000000111758708953857421875", answer.aggregate().amounts().usd());
        assertEquals("0.5", answer.aggregate().amounts().discountUsd());
        assertEquals("1.5", answer.gateways().get(0).amounts().usdByClass().internet());
        assertNull(answer.gateways().get(0).amounts().usdByClass().nat());
        assertEquals(answer.aggregate().amounts().usd(), answer.monthToDate().usd(), "a whole month: month to date is the period");
        assertEquals(List.of("aws|x|us-east-1", "gcp|y|us-central1"),
                answer.monthToDate().accounts().stream().map(a -> a.billingKey()).toList());
        assertEquals("1.75", answer.monthToDate().accounts().get(0).usd());
        assertTrue(answer.covered().complete());
        assertEquals(APRIL, answer.covered().dataUntil());
        assertEquals(3, answer.notPriced().size());
    }

    @Test
    @DisplayName("one spoke of an account priced short of the period's end makes the answer incomplete, with how far it is priced")
    void incomplete() {
        Instant short6h = APRIL.minus(Duration.ofHours(6));
        CostAnswer answer = CostAnswers.assemble(ALL, MONTH, MONTH, twoInstances(short6h), Map.of(), CENTERS);
        assertFalse(answer.covered().complete());
        assertEquals(short6h, answer.pricedUntil());
        assertEquals(short6h, answer.covered().dataUntil());
        assertEquals(short6h, answer.monthToDate().pricedUntil());
    }

    @Test
    @DisplayName("a month that ends inside the period needs pricing to its own end only; no data at all is incomplete")
    void monthsInsideThePeriod() {
        Period twoMonths = new Period(Instant.parse("2026-02-01T00:00:00Z"), APRIL, 59);
        List<CostPartial> parts = List.of(partial(0, Map.of("a", part("aws|x|us-east-1", 1, "1", "1", APRIL)),
                List.of(tier("aws|x|us-east-1", "2026-02", MARCH), tier("aws|x|us-east-1", "2026-03", APRIL))));
        assertTrue(CostAnswers.assemble(ALL, twoMonths, twoMonths, parts, Map.of(), CENTERS).covered().complete());
        List<CostPartial> marchNotBegun = List.of(partial(0, Map.of("a", part("aws|x|us-east-1", 1, "1", "1", MARCH)),
                List.of(tier("aws|x|us-east-1", "2026-02", MARCH))));
        CostAnswer early = CostAnswers.assemble(ALL, twoMonths, twoMonths, marchNotBegun, Map.of(), CENTERS);
        assertFalse(early.covered().complete(), "no hour of March priced yet: February's end is not the period's");
        assertEquals(MARCH, early.pricedUntil());
        List<CostPartial> februaryShort = List.of(partial(0, Map.of("a", part("aws|x|us-east-1", 1, "1", "1", APRIL)),
                List.of(tier("aws|x|us-east-1", "2026-02", MARCH.minus(Duration.ofHours(1))), tier("aws|x|us-east-1", "2026-03", APRIL))));
        CostAnswer gap = CostAnswers.assemble(ALL, twoMonths, twoMonths, februaryShort, Map.of(), CENTERS);
        assertFalse(gap.covered().complete(), "February's last hour is missing: March's tiers may still move");
        assertEquals(MARCH.minus(Duration.ofHours(1)), gap.pricedUntil());
        CostAnswer none = CostAnswers.assemble(ALL, MONTH, MONTH, List.of(partial(0, Map.of(), List.of())), Map.of(), CENTERS);
        assertFalse(none.covered().complete());
        assertNull(none.forecast());
        assertEquals("0", none.aggregate().amounts().usd());
    }

    @Test
    @DisplayName("group_by=cost_center puts a spoke in each of its cost centers and one in none in 'unknown'; group sums add up")
    void costCenterGroups() {
        CostRequest grouped = new CostRequest(ALL.period(), null, null, CostGroupBy.COST_CENTER);
        CostAnswer answer = CostAnswers.assemble(grouped, MONTH, MONTH, twoInstances(APRIL), Map.of(), CENTERS);
        assertEquals(List.of("all-aws", "ops"), answer.groups().stream().map(GroupCost::name).toList());
        assertEquals(List.of("a", "b"), answer.groups().get(0).gateways());
        assertEquals(List.of("a", "c"), answer.groups().get(1).gateways());
        assertEquals("1.75", answer.groups().get(0).amounts().usd());
        CostRequest byAccount = new CostRequest(ALL.period(), null, null, new CostGroupBy(GroupBy.ACCOUNT));
        CostAnswer unknown = CostAnswers.assemble(byAccount, MONTH, MONTH, twoInstances(APRIL), Map.of(), CENTERS);
        assertEquals(List.of("unknown"), unknown.groups().stream().map(GroupCost::name).toList(), "no inventory: unknown");
        assertEquals(unknown.aggregate().amounts(), unknown.groups().get(0).amounts());
    }

    @Test
    @DisplayName("a gateway with neither data nor an inventory entry is a 404 naming gateway")
    void unknownGateway() {
        CostRequest one = new CostRequest(ALL.period(), "nope", null, null);
        NotFound e = assertThrows(NotFound.class, () -> CostAnswers.assemble(one, MONTH, MONTH,
                List.of(partial(0, Map.of(), List.of())), Map.of(), CENTERS));
        assertEquals("gateway", e.parameter());
    }

    @Test
    @DisplayName("the forecast stands on the instances' hourly costs summed, as of the end of the last priced hour")
    void forecast() {
        Instant asOf = Instant.parse("2026-03-20T00:00:00Z");
        Period toDate = new Period(MARCH, asOf, 19);
        List<String> a = new ArrayList<>(Collections.nCopies(CostPartials.BASIS_HOURS, "1"));
        List<String> b = new ArrayList<>(Collections.nCopies(CostPartials.BASIS_HOURS, "0.5"));
        Instant since = asOf.minus(Duration.ofDays(7));
        List<CostPartial> parts = List.of(
                new CostPartial("h0", Set.of(0), Map.of("a", part("aws|x|r", 1, "456", "456", asOf)),
                        List.of(tier("aws|x|r", "2026-03", asOf)), since, a),
                new CostPartial("h1", Set.of(1), Map.of("b", part("aws|y|r", 1, "228", "228", asOf)),
                        List.of(tier("aws|y|r", "2026-03", asOf)), since, b));
        CostAnswer answer = CostAnswers.assemble(ALL, toDate, toDate, parts, Map.of(), CENTERS);
        assertEquals(asOf, answer.forecast().asOf());
        assertEquals(7, answer.forecast().basisDays());
        assertEquals(12 * 24, answer.forecast().remainingHours());
        assertEquals("684", answer.forecast().monthToDateUsd());
        assertEquals("432", answer.forecast().restOfMonthUsd(), "$1.50 an hour for 288 hours");
        assertEquals("1116", answer.forecast().monthEndUsd());
        assertEquals("0", answer.forecast().uncertaintyUsd(), "every day the same");
    }

    @Test
    @DisplayName("a period off the hour grid is moved out onto it and the answer says the bounds asked")
    void movedOntoHours() {
        Period asked = new Period(Instant.parse("2026-03-01T00:10:00Z"), Instant.parse("2026-03-02T00:05:00Z"), 1);
        Period covered = CostAnswers.hourly(asked);
        assertEquals(MARCH, covered.start());
        assertEquals(Instant.parse("2026-03-02T01:00:00Z"), covered.end());
        CostAnswer answer = CostAnswers.assemble(ALL, asked, covered, List.of(partial(0, Map.of(), List.of())), Map.of(), CENTERS);
        assertEquals(asked.start(), answer.covered().requestedStart());
        assertEquals("PT1H", answer.covered().resolution());
    }
}
