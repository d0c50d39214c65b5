package io.egressmon.api.bandwidth;

import io.egressmon.api.Partitions;
import io.egressmon.api.QueryParameters;
import io.egressmon.api.QueryString;
import java.time.Instant;
import java.util.Set;

/**
 * Internal: one instance asks another for the raw totals of some partitions over
 * {@code [from, to)}. {@code fineSince} fixes which edges are read from 5-minute windows, so every
 * instance reads exactly the same windows.
 */
public record BandwidthPartialRequest(Instant from, Instant to, Instant fineSince, Set<Integer> partitions) {
    public static final Set<String> PARAMETERS = Set.of("from", "to", "fine_since", "partitions");

    public BandwidthPartialRequest {
        partitions = Partitions.checked(from, to, fineSince, partitions);
    }

    public static BandwidthPartialRequest parse(QueryParameters params) {
        Instant from = params.instant("from");
        Instant to = params.instant("to");
        Instant fineSince = params.instant("fine_since");
        return new BandwidthPartialRequest(from, to, fineSince, params.partitions("partitions"));
    }

    public QueryString toQuery() {
        return new QueryString().put("from", from).put("to", to).put("fine_since", fineSince)
                .put("partitions", Partitions.list(partitions));
    }
}
