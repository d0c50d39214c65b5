package io.egressmon.report.talkers;

import io.egressmon.report.BandwidthQuery;
import io.egressmon.report.GroupBy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a top-talkers report asks {@code GET /api/v1/top-talkers} for. The period is the bandwidth
 * report's ({@link BandwidthQuery.Period}, same bounds); {@code top} at least 1; {@code --group-by}
 * groups per-spoke results, so it needs {@code perSpoke} (the CLI turns it on, as the seed's script did).
 *
 * @param period   the period
 * @param top      rows per ranking
 * @param gateway  a single gateway's name, or null for all spokes
 * @param perSpoke one ranking per spoke instead of the global one
 * @param groupBy  the grouping of the per-spoke rankings, or null
 */
public record TopTalkersQuery(BandwidthQuery.Period period, int top, String gateway, boolean perSpoke, GroupBy groupBy) {
    /** The seed's {@code --top} default. */
    public static final int DEFAULT_TOP = 10;

    public TopTalkersQuery {
        Objects.requireNonNull(period, "period");
        if (top < 1) {
            throw new IllegalArgumentException("top must be at least 1, got " + top);
        }
        if (gateway != null && gateway.isBlank()) {
            throw new IllegalArgumentException("gateway must not be blank");
        }
        if (groupBy != null && !perSpoke) {
            throw new IllegalArgumentException("group-by groups per-spoke results; it needs per-spoke");
        }
    }

    /**
     * The query string without the leading {@code ?}, in the contract's order, e.g.
     * {@code days=7&top=10&gateway=spoke-1&per_spoke=true&group_by=cloud}.
     */
    public String toQueryString() {
        // The period's parameters are exactly the bandwidth query's.
        StringBuilder q = new StringBuilder(new BandwidthQuery(period, null, null).toQueryString());
        q.append("&top=").append(top);
        if (gateway != null) {
            q.append("&gateway=").append(URLEncoder.encode(gateway, StandardCharsets.UTF_8));
        }
        if (perSpoke) {
            q.append("&per_spoke=true");
        }
        if (groupBy != null) {
            q.append("&group_by=").append(groupBy.key());
        }
        return q.toString();
    }
}
