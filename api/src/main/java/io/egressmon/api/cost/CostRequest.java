package io.egressmon.api.cost;

import io.egressmon.api.BadParameter;
import io.egressmon.api.GroupBy;
import io.egressmon.api.PeriodRequest;
import io.egressmon.api.QueryParameters;
import io.egressmon.api.QueryString;
import io.egressmon.api.bandwidth.BandwidthRequest;
import java.util.Objects;
import java.util.Set;

/**
 * {@code GET /api/v1/cost}: a period (read as bandwidth reads it), optionally one gateway, one cost
 * center and a grouping.
 *
 * @param gateway    one spoke only, or null for all
 * @param costCenter only the spokes of this cost center (the budgets file's), or null
 * @param groupBy    the grouping, or null
 */
public record CostRequest(PeriodRequest period, String gateway, String costCenter, CostGroupBy groupBy) {
    public static final String COST_CENTER = "cost_center";
    public static final Set<String> PARAMETERS = PeriodRequest.parametersWith(QueryParameters.GATEWAY, COST_CENTER,
            GroupBy.PARAMETER);

    public CostRequest {
        Objects.requireNonNull(period, "period");
        gateway = BandwidthRequest.gateway(gateway);
        costCenter = costCenter(costCenter);
    }

    /** @throws BadParameter naming what to fix (an unknown cost center is the server's to refuse) */
    public static CostRequest parse(QueryParameters params) {
        return new CostRequest(PeriodRequest.parse(params), BandwidthRequest.gateway(params.raw(QueryParameters.GATEWAY)),
                costCenter(params.raw(COST_CENTER)), CostGroupBy.parse(params));
    }

    public QueryString toQuery() {
        QueryString q = new QueryString();
        period.addTo(q);
        return q.put(QueryParameters.GATEWAY, gateway).put(COST_CENTER, costCenter)
                .put(GroupBy.PARAMETER, groupBy == null ? null : groupBy.key());
    }

    private static String costCenter(String name) {
        if (name == null) {
            return null;
        }
        if (name.isBlank()) {
            throw new BadParameter(COST_CENTER, "cost_center is empty; leave it out or give a value");
        }
        return name.trim();
    }
}
