package io.egressmon.api.flows;

import io.egressmon.api.Format;
import io.egressmon.api.QueryParameters;
import io.egressmon.api.QueryString;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * {@code GET /api/v1/flows}: the live flow table of the last {@code window}, filtered, collapsed on the
 * {@code aggregate} columns, sorted and cut at {@code limit}.
 */
public record FlowsRequest(FlowWindow window, FlowFilter filter, Set<FlowColumn> aggregate, FlowSort sort,
                           boolean descending, int limit) {
    public static final String LIMIT = "limit";
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 10_000;
    public static final Set<String> PARAMETERS = Set.of(FlowWindow.PARAMETER, QueryParameters.GATEWAY, FlowFilter.EXPORTER,
            FlowFilter.SRC_ADDR, FlowFilter.DST_ADDR, Protocols.PARAMETER, FlowFilter.PORT, FlowColumn.AGGREGATE,
            FlowSort.PARAMETER, FlowSort.ORDER, LIMIT, Format.PARAMETER);

    public FlowsRequest {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(filter, "filter");
        aggregate = aggregate.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(aggregate));
        Objects.requireNonNull(sort, "sort");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + ", got " + limit);
        }
    }

    /** The default view: every flow of the last 10 s, by rate, largest first, 50 rows. */
    public static FlowsRequest defaults() {
        return new FlowsRequest(FlowWindow.TEN_SECONDS, FlowFilter.ANY, Set.of(), FlowSort.RATE, true, DEFAULT_LIMIT);
    }

    /** @throws io.egressmon.api.BadParameter naming the parameter that is wrong */
    public static FlowsRequest parse(QueryParameters params) {
        return new FlowsRequest(FlowWindow.parse(params.raw(FlowWindow.PARAMETER)), FlowFilter.parse(params),
                FlowColumn.parseAggregate(params.raw(FlowColumn.AGGREGATE)),
                params.has(FlowSort.PARAMETER) ? FlowSort.parse(params.raw(FlowSort.PARAMETER)) : FlowSort.RATE,
                !params.has(FlowSort.ORDER) || FlowSort.parseDescending(params.raw(FlowSort.ORDER)),
                params.has(LIMIT) ? params.integer(LIMIT, 1, MAX_LIMIT) : DEFAULT_LIMIT);
    }

    public QueryString toQuery() {
        QueryString q = new QueryString().put(FlowWindow.PARAMETER, window == FlowWindow.TEN_SECONDS ? null : window.key());
        filter.addTo(q);
        return q.put(FlowColumn.AGGREGATE, FlowColumn.aggregateText(aggregate))
                .put(FlowSort.PARAMETER, sort == FlowSort.RATE ? null : sort.key())
                .put(FlowSort.ORDER, descending ? null : "asc")
                .put(LIMIT, limit == DEFAULT_LIMIT ? null : limit);
    }
}
