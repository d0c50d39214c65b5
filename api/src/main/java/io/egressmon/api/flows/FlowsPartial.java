package io.egressmon.api.flows;

import io.egressmon.api.CoveredPartitions;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Internal: one instance's flows for a {@link FlowsPartialRequest}, collapsed on the request's
 * wildcarded columns. When no row of another partition can collapse with these
 * ({@link FlowAggregation#disjointByPartition}), they are sorted and cut at the limit already and
 * {@code totalRows} counts them before the cut; otherwise they are all here and {@code totalRows} is -1.
 *
 * @param coveredFrom since when this instance has collected the partitions' flows
 */
public record FlowsPartial(String host, Set<Integer> partitions, Instant coveredFrom, long matchedFlows, long totalRows,
                           List<FlowRow> rows)
        implements CoveredPartitions {

    public FlowsPartial {
        partitions = Set.copyOf(partitions);
        rows = List.copyOf(rows);
    }
}
