package io.egressmon.api.coverage;

import io.egressmon.api.BadParameter;
import io.egressmon.api.Format;
import io.egressmon.api.PeriodRequest;
import io.egressmon.api.QueryParameters;
import io.egressmon.api.QueryString;
import io.egressmon.api.bandwidth.BandwidthRequest;
import io.egressmon.api.bandwidth.Step;
import java.util.Objects;
import java.util.Set;

/**
 * {@code GET /api/v1/coverage}: how much of each gateway's counted egress its flows account for.
 *
 * @param gateway one gateway only, or null for every gateway that exported flows
 * @param step    1h (default) or 5m (the last two days only)
 */
public record CoverageRequest(PeriodRequest period, String gateway, Step step) {
    public static final Set<String> PARAMETERS = PeriodRequest.parametersWith(QueryParameters.GATEWAY, Step.PARAMETER,
            Format.PARAMETER);

    public CoverageRequest {
        Objects.requireNonNull(period, "period");
        gateway = BandwidthRequest.gateway(gateway);
        requireStep(step);
    }

    public static CoverageRequest parse(QueryParameters params) {
        return new CoverageRequest(PeriodRequest.parse(params), BandwidthRequest.gateway(params.raw(QueryParameters.GATEWAY)),
                params.has(Step.PARAMETER) ? Step.parse(params.raw(Step.PARAMETER)) : Step.HOUR);
    }

    /** @throws BadParameter naming {@code step} unless it is 5m or 1h */
    static Step requireStep(Step step) {
        Objects.requireNonNull(step, "step");
        if (step != Step.HOUR && step != Step.FIVE_MINUTES) {
            throw new BadParameter(Step.PARAMETER, "coverage is compared per 5m or 1h, not " + step.key());
        }
        return step;
    }

    public QueryString toQuery() {
        QueryString q = new QueryString();
        period.addTo(q);
        return q.put(QueryParameters.GATEWAY, gateway).put(Step.PARAMETER, step == Step.HOUR ? null : step.key());
    }
}
