package io.egressmon.api.flows;

import io.egressmon.api.CoveredPartitions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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

    /**
     * {@code parts} (of partitions, or of instances) as one: rows collapsed together, or — when rows of
     * two partitions cannot collapse — joined, sorted and cut at the request's limit, their totals summed.
     * Covered from the latest of theirs.
     */
    public static FlowsPartial merge(String host, Set<Integer> partitions, FlowsRequest request,
                                     Collection<FlowsPartial> parts) {
        boolean cut = FlowAggregation.disjointByPartition(request.aggregate());
        FlowAggregation.Collapser collapser = new FlowAggregation.Collapser(request.aggregate(),
                request.window().length().toSeconds());
        List<FlowRow> joined = new ArrayList<>();
        Instant coveredFrom = Instant.EPOCH;
        long matched = 0;
        long total = 0;
        for (FlowsPartial p : parts) {
            coveredFrom = p.coveredFrom().isAfter(coveredFrom) ? p.coveredFrom() : coveredFrom;
            matched += p.matchedFlows();
            total += p.totalRows();
            if (cut) {
                joined.addAll(p.rows());
            } else {
                p.rows().forEach(collapser::add);
            }
        }
        return cut
                ? new FlowsPartial(host, partitions, coveredFrom, matched, total,
                        FlowAggregation.top(joined, request.sort(), request.descending(), request.limit()))
                : new FlowsPartial(host, partitions, coveredFrom, matched, -1, collapser.rows());
    }
}
