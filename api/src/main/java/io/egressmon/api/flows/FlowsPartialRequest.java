package io.egressmon.api.flows;

import io.egressmon.api.Partitions;
import io.egressmon.api.QueryParameters;
import io.egressmon.api.QueryString;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Internal: one instance asks another for its flows of some partitions in {@code [to − window, to)},
 * filtered and collapsed as {@code request} says (sorted and cut only by the asking instance).
 */
public record FlowsPartialRequest(FlowsRequest request, Instant to, Set<Integer> partitions) {
    public static final Set<String> PARAMETERS = parameters();

    private static Set<String> parameters() {
        Set<String> names = new HashSet<>(FlowsRequest.PARAMETERS);
        names.add("to");
        names.add("partitions");
        return Set.copyOf(names);
    }

    public FlowsPartialRequest {
        partitions = Partitions.checked(to.minus(request.window().length()), to, to, partitions);
    }

    public static FlowsPartialRequest parse(QueryParameters params) {
        return new FlowsPartialRequest(FlowsRequest.parse(params), params.instant("to"), params.partitions("partitions"));
    }

    public QueryString toQuery() {
        return request.toQuery().put("to", to).put("partitions", Partitions.list(partitions));
    }
}
