package io.egressmon.api.bandwidth;

import io.egressmon.api.BadParameter;
import io.egressmon.api.Format;
import io.egressmon.api.PeriodRequest;
import io.egressmon.api.QueryParameters;
import io.egressmon.api.QueryString;
import java.util.Objects;
import java.util.Set;

/** {@code GET /api/v1/bandwidth/series}: one gateway's bandwidth over a period, a point per step. */
public record SeriesRequest(PeriodRequest period, String gateway, Step step) {
    public static final Set<String> PARAMETERS = PeriodRequest.parametersWith(QueryParameters.GATEWAY, Step.PARAMETER, Format.PARAMETER);

    public SeriesRequest {
        Objects.requireNonNull(period, "period");
        gateway = requireGateway(gateway);
        Objects.requireNonNull(step, "step");
    }

    /** @throws BadParameter naming what to fix */
    public static SeriesRequest parse(QueryParameters params) {
        PeriodRequest period = PeriodRequest.parse(params);
        String gateway = requireGateway(params.raw(QueryParameters.GATEWAY));
        Step step = params.has(Step.PARAMETER) ? Step.parse(params.raw(Step.PARAMETER)) : Step.DEFAULT;
        return new SeriesRequest(period, gateway, step);
    }

    private static String requireGateway(String name) {
        String gateway = BandwidthRequest.gateway(name);
        if (gateway == null) {
            throw new BadParameter(QueryParameters.GATEWAY, "a series is per gateway: add gateway=NAME");
        }
        return gateway;
    }

    public QueryString toQuery() {
        QueryString q = new QueryString().put(QueryParameters.GATEWAY, gateway);
        period.addTo(q);
        return q.put(Step.PARAMETER, step.key());
    }
}
