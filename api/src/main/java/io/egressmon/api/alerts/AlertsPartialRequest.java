package io.egressmon.api.alerts;

import io.egressmon.api.BadParameter;
import io.egressmon.api.Partitions;
import io.egressmon.api.QueryParameters;
import io.egressmon.api.QueryString;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Internal: one instance asks another for the alerts and budget standings of {@code month} on the
 * alert partitions it hosts actively. {@code now} is the asking instance's clock, so every part
 * judges "is the month over" alike.
 */
public record AlertsPartialRequest(YearMonth month, Instant now, Set<Integer> partitions) {
    public static final Set<String> PARAMETERS = Set.of(AlertsRequest.MONTH, "now", "partitions");

    public AlertsPartialRequest {
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(now, "now");
        partitions = Collections.unmodifiableSortedSet(new TreeSet<>(partitions));
    }

    public static AlertsPartialRequest parse(QueryParameters params) {
        if (!params.has(AlertsRequest.MONTH)) {
            throw new BadParameter(AlertsRequest.MONTH, "month is required");
        }
        return new AlertsPartialRequest(AlertsRequest.month(params.raw(AlertsRequest.MONTH)), params.instant("now"),
                params.partitions("partitions"));
    }

    public QueryString toQuery() {
        return new QueryString().put(AlertsRequest.MONTH, month).put("now", now).put("partitions", Partitions.list(partitions));
    }
}
