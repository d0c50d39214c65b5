package io.egressmon.api.bandwidth;

import io.egressmon.api.BadParameter;
import io.egressmon.api.Format;
import io.egressmon.api.GroupBy;
import io.egressmon.api.PeriodRequest;
import io.egressmon.api.QueryParameters;
import io.egressmon.api.QueryString;
import java.util.Objects;
import java.util.Set;

/**
 * {@code GET /api/v1/bandwidth}: a period, optionally one gateway and a grouping.
 *
 * @param gateway one spoke only, or null for all
 * @param groupBy the grouping, or null
 */
public record BandwidthRequest(PeriodRequest period, String gateway, GroupBy groupBy) {
    public static final Set<String> PARAMETERS = PeriodRequest.parametersWith(QueryParameters.GATEWAY, GroupBy.PARAMETER, Format.PARAMETER);

    public BandwidthRequest {
        Objects.requireNonNull(period, "period");
        gateway = gateway(gateway);
    }

    /** @throws io.egressmon.api.BadParameter naming what to fix */
    public static BandwidthRequest parse(QueryParameters params) {
        return new BandwidthRequest(PeriodRequest.parse(params), gateway(params.raw(QueryParameters.GATEWAY)), GroupBy.parse(params));
    }

    public QueryString toQuery() {
        QueryString q = new QueryString();
        period.addTo(q);
        return q.put(QueryParameters.GATEWAY, gateway).put(GroupBy.PARAMETER, groupBy == null ? null : groupBy.key());
    }

    /** A gateway name as given: null stays null, blank is refused, spaces around it go. */
    public static String gateway(String name) {
        if (name == null) {
            return null;
        }
        if (name.isBlank()) {
            throw new BadParameter(QueryParameters.GATEWAY, "gateway is empty; leave it out or give a value");
        }
        return name.trim();
    }
}
