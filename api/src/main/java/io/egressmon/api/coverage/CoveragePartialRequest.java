package io.egressmon.api.coverage;

import io.egressmon.api.BadParameter;
import io.egressmon.api.Partitions;
import io.egressmon.api.QueryParameters;
import io.egressmon.api.QueryString;
import io.egressmon.api.bandwidth.Step;
import java.time.Instant;
import java.util.Set;

/**
 * Internal: one instance asks another for the windows of some partitions over {@code [from, to)}, per
 * {@code step} (5m or 1h): of the counters ({@code of=counters}) or of the flows ({@code of=flows}).
 */
public record CoveragePartialRequest(String of, Instant from, Instant to, Step step, Set<Integer> partitions) {
    public static final String COUNTERS = "counters";
    public static final String FLOWS = "flows";
    public static final Set<String> PARAMETERS = Set.of("of", "from", "to", Step.PARAMETER, "partitions");

    public CoveragePartialRequest {
        if (!COUNTERS.equals(of) && !FLOWS.equals(of)) {
            throw new BadParameter("of", "of must be " + COUNTERS + " or " + FLOWS + ", got " + of);
        }
        partitions = Partitions.checked(from, to, from, partitions);
        CoverageRequest.requireStep(step);
    }

    public static CoveragePartialRequest parse(QueryParameters params) {
        return new CoveragePartialRequest(params.raw("of"), params.instant("from"), params.instant("to"),
                Step.parse(params.raw(Step.PARAMETER)), params.partitions("partitions"));
    }

    public QueryString toQuery() {
        return new QueryString().put("of", of).put("from", from).put("to", to).put(Step.PARAMETER, step.key())
                .put("partitions", Partitions.list(partitions));
    }
}
