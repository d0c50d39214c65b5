package io.egressmon.streams.query;

import io.egressmon.report.GroupBy;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A top-talkers question ({@code GET /api/v1/top-talkers}).
 *
 * @param period   the period as asked
 * @param top      rows per ranking, 1..{@value #MAX_TOP}
 * @param gateway  one spoke only, or null for all
 * @param perSpoke one ranking per spoke ({@code mode: per_spoke}) instead of one over all of them
 * @param groupBy  also rank per group of spokes, or null
 */
public record TalkersQuery(Period period, int top, String gateway, boolean perSpoke, GroupBy groupBy) {
    public static final int DEFAULT_TOP = 10;
    public static final int MAX_TOP = 1000;

    public TalkersQuery {
        Objects.requireNonNull(period, "period");
        if (top < 1 || top > MAX_TOP) {
            throw new BadParameter("top", "top must be between 1 and " + MAX_TOP + ", got " + top);
        }
    }

    /** {@code top=N}, or {@value #DEFAULT_TOP} when absent. @throws BadParameter naming {@code top} */
    public static int parseTop(Map<String, String> params) {
        return params.containsKey("top") ? Period.parseInt(params, "top", 1, MAX_TOP) : DEFAULT_TOP;
    }

    /** {@code per_spoke=true|false}, false when absent. @throws BadParameter naming {@code per_spoke} */
    public static boolean parsePerSpoke(Map<String, String> params) {
        String v = params.get("per_spoke");
        if (v == null) {
            return false;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadParameter("per_spoke", "per_spoke='" + v + "' is not true or false");
        };
    }
}
