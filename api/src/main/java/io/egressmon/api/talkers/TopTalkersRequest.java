package io.egressmon.api.talkers;

import io.egressmon.api.BadParameter;
import io.egressmon.api.Format;
import io.egressmon.api.GroupBy;
import io.egressmon.api.PeriodRequest;
import io.egressmon.api.QueryParameters;
import io.egressmon.api.QueryString;
import io.egressmon.api.bandwidth.BandwidthRequest;
import java.util.Objects;
import java.util.Set;

/**
 * {@code GET /api/v1/top-talkers}.
 *
 * @param top      rows per ranking, 1..{@value #MAX_TOP}
 * @param gateway  one spoke only, or null for all
 * @param perSpoke one ranking per spoke ({@code mode: per_spoke}) instead of one over all of them
 * @param groupBy  also rank per group of spokes, or null
 * @param source   FlowIQ (default) or the collector's flows
 */
public record TopTalkersRequest(PeriodRequest period, int top, String gateway, boolean perSpoke, GroupBy groupBy,
                                TalkerSource source) {
    /** The original script's {@code --top} default. */
    public static final int DEFAULT_TOP = 10;
    public static final int MAX_TOP = 1000;
    public static final Set<String> PARAMETERS = PeriodRequest.parametersWith("top", QueryParameters.GATEWAY, "per_spoke",
            GroupBy.PARAMETER, Format.PARAMETER, TalkerSource.PARAMETER);

    public TopTalkersRequest {
        Objects.requireNonNull(period, "period");
        checkTop(top);
        gateway = BandwidthRequest.gateway(gateway);
        Objects.requireNonNull(source, "source");
    }

    /** A FlowIQ question (the original scripts' one). */
    public TopTalkersRequest(PeriodRequest period, int top, String gateway, boolean perSpoke, GroupBy groupBy) {
        this(period, top, gateway, perSpoke, groupBy, TalkerSource.FLOWIQ);
    }

    public static TopTalkersRequest parse(QueryParameters params) {
        PeriodRequest period = PeriodRequest.parse(params);
        int top = parseTop(params);
        return new TopTalkersRequest(period, top, BandwidthRequest.gateway(params.raw(QueryParameters.GATEWAY)), params.bool("per_spoke", false),
                GroupBy.parse(params), TalkerSource.parse(params));
    }

    public QueryString toQuery() {
        QueryString q = new QueryString();
        period.addTo(q);
        return q.put("top", top).put(QueryParameters.GATEWAY, gateway).put("per_spoke", perSpoke ? "true" : null)
                .put(GroupBy.PARAMETER, groupBy == null ? null : groupBy.key())
                .put(TalkerSource.PARAMETER, source == TalkerSource.FLOWIQ ? null : source.key());
    }

    /** {@code top=N}, or {@value #DEFAULT_TOP} when absent. */
    static int parseTop(QueryParameters params) {
        return params.has("top") ? params.integer("top", 1, MAX_TOP) : DEFAULT_TOP;
    }

    static void checkTop(int top) {
        if (top < 1 || top > MAX_TOP) {
            throw new BadParameter("top", "top must be between 1 and " + MAX_TOP + ", got " + top);
        }
    }
}
