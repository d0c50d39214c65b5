package io.egressmon.api.talkers;

import io.egressmon.api.BadParameter;
import io.egressmon.api.GroupBy;
import io.egressmon.api.QueryParameters;
import io.egressmon.api.QueryString;
import io.egressmon.api.bandwidth.BandwidthPartialRequest;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Internal: one instance asks another for its partitions' part of a top-talkers answer over
 * {@code [from, to)}; {@code hourlySince} fixes which edges come from hourly windows, so every
 * instance reads the same windows.
 */
public record TalkersPartialRequest(Instant from, Instant to, Instant hourlySince, Set<Integer> partitions, int top,
                                    boolean perSpoke, GroupBy groupBy) {
    public static final Set<String> PARAMETERS = Set.of("from", "to", "hourly_since", "partitions", "top",
            "per_spoke", GroupBy.PARAMETER);

    public TalkersPartialRequest {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(hourlySince, "hourlySince");
        if (!from.isBefore(to)) {
            throw new BadParameter("to", "to must be after from");
        }
        partitions = Collections.unmodifiableSortedSet(new TreeSet<>(partitions));
        TopTalkersRequest.checkTop(top);
    }

    public static TalkersPartialRequest parse(QueryParameters params) {
        Instant from = params.instant("from");
        Instant to = params.instant("to");
        Instant hourlySince = params.instant("hourly_since");
        if (!from.isBefore(to)) {
            throw new BadParameter("to", "to must be after from");
        }
        return new TalkersPartialRequest(from, to, hourlySince, params.partitions("partitions"),
                TopTalkersRequest.parseTop(params), params.bool("per_spoke", false), GroupBy.parse(params));
    }

    public QueryString toQuery() {
        return new QueryString().put("from", from).put("to", to).put("hourly_since", hourlySince).put("top", top)
                .put("per_spoke", perSpoke).put(GroupBy.PARAMETER, groupBy == null ? null : groupBy.key())
                .put("partitions", BandwidthPartialRequest.list(partitions));
    }
}
