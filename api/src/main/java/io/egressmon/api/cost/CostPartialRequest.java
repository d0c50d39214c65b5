package io.egressmon.api.cost;

import io.egressmon.api.Partitions;
import io.egressmon.api.QueryParameters;
import io.egressmon.api.QueryString;
import java.time.Instant;
import java.util.Set;

/**
 * Internal: one instance asks another for its part of a cost answer over {@code [from, to)} (whole
 * hours) from some partitions of the cost stores, for one gateway or cost center or all spokes.
 */
public record CostPartialRequest(Instant from, Instant to, String gateway, String costCenter, Set<Integer> partitions) {
    public static final Set<String> PARAMETERS = Set.of("from", "to", QueryParameters.GATEWAY, CostRequest.COST_CENTER,
            "partitions");

    public CostPartialRequest {
        partitions = Partitions.checked(from, to, from, partitions);
    }

    public static CostPartialRequest parse(QueryParameters params) {
        return new CostPartialRequest(params.instant("from"), params.instant("to"), params.raw(QueryParameters.GATEWAY),
                params.raw(CostRequest.COST_CENTER), params.partitions("partitions"));
    }

    public QueryString toQuery() {
        return new QueryString().put("from", from).put("to", to).put(QueryParameters.GATEWAY, gateway)
                .put(CostRequest.COST_CENTER, costCenter).put("partitions", Partitions.list(partitions));
    }
}
