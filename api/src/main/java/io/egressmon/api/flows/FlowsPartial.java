package io.egressmon.api.flows;

import io.egressmon.api.CoveredPartitions;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Internal: one instance's flows for a {@link FlowsPartialRequest}, collapsed on the request's
 * wildcarded columns but neither sorted nor cut (rows of two instances may still collapse together).
 *
 * @param coveredFrom since when this instance has collected the partitions' flows
 */
public record FlowsPartial(String host, Set<Integer> partitions, Instant coveredFrom, long matchedFlows, List<FlowRow> rows)
        implements CoveredPartitions {

    public FlowsPartial {
        partitions = Set.copyOf(partitions);
        rows = List.copyOf(rows);
    }
}
