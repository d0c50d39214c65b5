package io.egressmon.api.coverage;

import io.egressmon.api.BadParameter;
import io.egressmon.api.Partitions;
import io.egressmon.api.QueryParameters;
import io.egressmon.api.QueryString;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Internal: one instance asks another for the hourly windows of some partitions over {@code [from, to)}:
 * of the counters ({@code of=counters}) or of the flows ({@code of=flows}).
 */
public record HoursPartialRequest(String of, Instant from, Instant to, Set<Integer> partitions) {
    public static final String COUNTERS = "counters";
    public static final String FLOWS = "flows";
    public static final Set<String> PARAMETERS = Set.of("of", "from", "to", "partitions");

    public HoursPartialRequest {
        if (!COUNTERS.equals(of) && !FLOWS.equals(of)) {
            throw new BadParameter("of", "of must be " + COUNTERS + " or " + FLOWS + ", got " + of);
        }
        partitions = Partitions.checked(from, to, from, partitions);
        Objects.requireNonNull(partitions);
    }

    public static HoursPartialRequest parse(QueryParameters params) {
        return new HoursPartialRequest(params.raw("of"), params.instant("from"), params.instant("to"),
                params.partitions("partitions"));
    }

    public QueryString toQuery() {
        return new QueryString().put("of", of).put("from", from).put("to", to).put("partitions", Partitions.list(partitions));
    }
}
