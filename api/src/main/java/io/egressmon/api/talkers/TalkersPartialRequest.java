package io.egressmon.api.talkers;

import io.egressmon.api.GroupBy;
import io.egressmon.api.Partitions;
import io.egressmon.api.QueryParameters;
import io.egressmon.api.QueryString;
import java.time.Instant;
import java.util.Set;

/**
 * Internal: one instance asks another for its partitions' part of a top-talkers answer over
 * {@code [from, to)}; {@code hourlySince} (and for flows {@code minuteSince}) fix which edges come
 * from hourly (minute) windows, so every instance reads the same windows.
 */
public record TalkersPartialRequest(Instant from, Instant to, Instant hourlySince, Set<Integer> partitions, int top,
                                    boolean perSpoke, GroupBy groupBy, TalkerSource source, Instant minuteSince) {
    public static final Set<String> PARAMETERS = Set.of("from", "to", "hourly_since", "partitions", "top",
            "per_spoke", GroupBy.PARAMETER, TalkerSource.PARAMETER, "minute_since");

    public TalkersPartialRequest {
        partitions = Partitions.checked(from, to, hourlySince, partitions);
        TopTalkersRequest.checkTop(top);
        java.util.Objects.requireNonNull(source, "source");
        if ((source == TalkerSource.NETFLOW) != (minuteSince != null)) {
            throw new io.egressmon.api.BadParameter("minute_since", "minute_since goes with source=netflow, and only with it");
        }
    }

    public static TalkersPartialRequest parse(QueryParameters params) {
        Instant from = params.instant("from");
        Instant to = params.instant("to");
        Instant hourlySince = params.instant("hourly_since");
        return new TalkersPartialRequest(from, to, hourlySince, params.partitions("partitions"),
                TopTalkersRequest.parseTop(params), params.bool("per_spoke", false), GroupBy.parse(params),
                TalkerSource.parse(params), params.has("minute_since") ? params.instant("minute_since") : null);
    }

    public QueryString toQuery() {
        return new QueryString().put("from", from).put("to", to).put("hourly_since", hourlySince).put("top", top)
                .put("per_spoke", perSpoke).put(GroupBy.PARAMETER, groupBy == null ? null : groupBy.key())
                .put("partitions", Partitions.list(partitions))
                .put(TalkerSource.PARAMETER, source == TalkerSource.FLOWIQ ? null : source.key())
                .put("minute_since", minuteSince);
    }
}
