package io.egressmon.api.flows;

import java.time.Instant;
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
}
