package io.egressmon.api.flows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The flow table of {@code [from, to)}.
 *
 * @param complete     every partition answered and had been collecting since {@code from}; when false
 *                     the counts are a lower bound (an instance started within the window, say)
 * @param coveredFrom  since when every answering instance has been collecting flows
 * @param aggregate    the wildcarded columns, in column order
 * @param matchedFlows flow records in the window that passed the filter
 * @param totalRows    rows after collapsing, before {@code limit}
 */
public record FlowsAnswer(String report, String window, Instant from, Instant to, boolean complete, Instant coveredFrom,
                          List<String> aggregate, String sort, String order, int limit, long matchedFlows, int totalRows,
                          List<FlowRow> rows) {
    public static final String REPORT = "flows";

    public FlowsAnswer {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        aggregate = List.copyOf(aggregate);
        rows = List.copyOf(rows);
    }

    /**
     * The answer to {@code request} over {@code [to − window, to)} from the instances' partials (which
     * cover every partition once): their rows collapsed together, sorted and cut.
     */
    public static FlowsAnswer of(FlowsRequest request, Instant to, Collection<FlowsPartial> partials) {
        long window = request.window().length().toSeconds();
        boolean cut = FlowAggregation.disjointByPartition(request.aggregate());
        FlowAggregation.Collapser all = new FlowAggregation.Collapser(request.aggregate(), window);
        List<FlowRow> rows = new ArrayList<>();
        Instant coveredFrom = Instant.EPOCH;
        long matched = 0;
        long total = 0;
        for (FlowsPartial p : partials) {
            coveredFrom = p.coveredFrom().isAfter(coveredFrom) ? p.coveredFrom() : coveredFrom;
            matched += p.matchedFlows();
            total += p.totalRows();
            if (cut) {
                rows.addAll(p.rows());
            } else {
                p.rows().forEach(all::add);
            }
        }
        if (!cut) {
            rows = all.rows();
            total = rows.size();
        }
        Instant from = to.minus(request.window().length());
        return new FlowsAnswer(REPORT, request.window().key(), from, to, !coveredFrom.isAfter(from), coveredFrom,
                request.aggregate().stream().sorted().map(FlowColumn::key).toList(), request.sort().key(),
                request.descending() ? "desc" : "asc", request.limit(), matched, Math.toIntExact(total),
                FlowAggregation.top(rows, request.sort(), request.descending(), request.limit()));
    }
}
