package io.egressmon.api.bandwidth;

import io.egressmon.api.BadParameter;
import io.egressmon.api.QueryParameters;
import io.egressmon.api.QueryString;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.Collections;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Internal: one instance asks another for the raw totals of some partitions over
 * {@code [from, to)}. {@code fineSince} fixes which edges are read from 5-minute windows, so every
 * instance reads exactly the same windows.
 */
public record BandwidthPartialRequest(Instant from, Instant to, Instant fineSince, Set<Integer> partitions) {
    public static final Set<String> PARAMETERS = Set.of("from", "to", "fine_since", "partitions");

    public BandwidthPartialRequest {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(fineSince, "fineSince");
        if (!from.isBefore(to)) {
            throw new BadParameter("to", "to must be after from");
        }
        partitions = Collections.unmodifiableSortedSet(new TreeSet<>(partitions));
    }

    public static BandwidthPartialRequest parse(QueryParameters params) {
        Instant from = params.instant("from");
        Instant to = params.instant("to");
        Instant fineSince = params.instant("fine_since");
        if (!from.isBefore(to)) {
            throw new BadParameter("to", "to must be after from");
        }
        return new BandwidthPartialRequest(from, to, fineSince, params.partitions("partitions"));
    }

    public QueryString toQuery() {
        return new QueryString().put("from", from).put("to", to).put("fine_since", fineSince)
                .put("partitions", list(partitions));
    }

    /** {@code 0,3,4}. */
    public static String list(Set<Integer> partitions) {
        return new TreeSet<>(partitions).stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
