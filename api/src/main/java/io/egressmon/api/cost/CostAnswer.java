package io.egressmon.api.cost;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.OptBoolean;
import io.egressmon.api.Covered;
import io.egressmon.api.Period;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /api/v1/cost}: what the spokes' egress cost over the period, one row per spoke sorted by
 * name, all of them summed, the groups when asked, where each billing account stands on its tiers,
 * the month of the period's end to date and its month-end forecast (docs/design.md, "Cost").
 *
 * <p>Never partial numbers as final: an hour is priced only once its window closes (6 h after it
 * ends), and a month's earlier hours set the tier of its later ones, so the answer is complete only
 * when every billing account of its spokes is priced up to the period's end in every month the
 * period touches; otherwise {@code complete} is false and {@code priced_until} says how far it is.
 *
 * @param costCenter  the cost center asked for ({@code cost_center=}), or null
 * @param groupBy     null when not grouped (then {@code groups} is null too)
 * @param tiers       per billing account and month touched, by key then month
 * @param monthToDate the month of the period's end, up to the period's end
 * @param forecast    that month's end, null when no spoke is priced
 * @param notPriced   the classes of traffic not priced, and why
 * @param pricedUntil the oldest of the answer's billing accounts' priced hours (not capped at the
 *                    period's end); null when nothing is priced
 * @param covered     resolution {@code PT1H}, completeness, the asked bounds when the covered ones differ
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CostAnswer(
        String report,
        String method,
        Instant periodStart,
        Instant periodEnd,
        int periodDays,
        @JsonProperty(isRequired = OptBoolean.FALSE) String costCenter,
        List<GatewayCost> gateways,
        CostAggregate aggregate,
        @JsonProperty(isRequired = OptBoolean.FALSE) CostGroupBy groupBy,
        @JsonProperty(isRequired = OptBoolean.FALSE) List<GroupCost> groups,
        List<TierStanding> tiers,
        MonthToDate monthToDate,
        @JsonProperty(isRequired = OptBoolean.FALSE) CostForecast forecast,
        List<NotPriced> notPriced,
        @JsonProperty(isRequired = OptBoolean.FALSE) Instant pricedUntil,
        @JsonUnwrapped Covered covered) {

    public static final String REPORT = "spoke_gateway_cost";
    public static final String METHOD = "interface_counters";

    public CostAnswer {
        Period.requireReport(REPORT, report, periodStart, periodEnd);
        gateways = List.copyOf(gateways);
        Objects.requireNonNull(aggregate, "aggregate");
        groups = groups == null ? null : List.copyOf(groups);
        if ((groupBy == null) != (groups == null)) {
            throw new IllegalArgumentException("group_by and groups come together");
        }
        tiers = List.copyOf(tiers);
        Objects.requireNonNull(monthToDate, "month_to_date");
        notPriced = List.copyOf(notPriced);
        Objects.requireNonNull(covered, "covered");
    }

    /** What a report printed from this answer should tell beside its numbers. */
    public List<String> warnings() {
        List<String> out = new ArrayList<>(covered.warnings(periodStart, periodEnd));
        if (!covered.complete()) {
            out.add("[WARN] Cost priced only until " + (pricedUntil == null ? "nothing yet" : pricedUntil)
                    + ": an hour is priced 6 h after it ends, once its window closes");
        }
        return out;
    }

    public boolean grouped() {
        return groupBy != null;
    }
}
