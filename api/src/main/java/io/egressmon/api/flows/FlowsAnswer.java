package io.egressmon.api.flows;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
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
        FlowsPartial all = FlowsPartial.merge("", Set.of(), request, partials);
        long total = all.totalRows() >= 0 ? all.totalRows() : all.rows().size();
        Instant from = to.minus(request.window().length());
        return new FlowsAnswer(REPORT, request.window().key(), from, to, !all.coveredFrom().isAfter(from), all.coveredFrom(),
                request.aggregate().stream().sorted().map(FlowColumn::key).toList(), request.sort().key(),
                request.descending() ? "desc" : "asc", request.limit(), all.matchedFlows(), Math.toIntExact(total),
                FlowAggregation.top(all.rows(), request.sort(), request.descending(), request.limit()));
    }
}
