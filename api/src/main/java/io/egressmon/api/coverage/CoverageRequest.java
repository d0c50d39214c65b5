package io.egressmon.api.coverage;

import io.egressmon.api.Format;
import io.egressmon.api.PeriodRequest;
import io.egressmon.api.QueryParameters;
import io.egressmon.api.QueryString;
import io.egressmon.api.bandwidth.BandwidthRequest;
import java.util.Objects;
import java.util.Set;

/**
 * {@code GET /api/v1/coverage}: how much of each gateway's counted egress its flows account for.
 *
 * @param gateway one gateway only, or null for every gateway that exported flows
 */
public record CoverageRequest(PeriodRequest period, String gateway) {
    public static final Set<String> PARAMETERS = PeriodRequest.parametersWith(QueryParameters.GATEWAY, Format.PARAMETER);

    public CoverageRequest {
        Objects.requireNonNull(period, "period");
        gateway = BandwidthRequest.gateway(gateway);
    }

    public static CoverageRequest parse(QueryParameters params) {
        return new CoverageRequest(PeriodRequest.parse(params), BandwidthRequest.gateway(params.raw(QueryParameters.GATEWAY)));
    }

    public QueryString toQuery() {
        QueryString q = new QueryString();
        period.addTo(q);
        return q.put(QueryParameters.GATEWAY, gateway);
    }
}
