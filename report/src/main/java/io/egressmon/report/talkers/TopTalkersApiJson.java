package io.egressmon.report.talkers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.egressmon.report.GroupBy;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the body of {@code GET /api/v1/top-talkers} (docs/design.md, "FlowIQ top talkers") into a
 * {@link TalkersReport}. Unknown fields are ignored (the API may grow); {@code mode}, the period,
 * {@code copilot_flowiq_url}, the gateway names and every row's {@code rank}, {@code ip}, {@code bytes}
 * and {@code is_cgnat} must be present, because a report printed from half a response would be silently
 * wrong. A row's {@code human_readable}, {@code flowiq_filter} and {@code copilot_url} are derived again
 * rather than trusted. Gateway attributes may be null or absent.
 *
 * <p>The contract's body does not carry {@code top}; an optional {@code "top"} is read when present,
 * otherwise it is the longest ranking's length (at least 1) — a caller that knows what it asked for sets
 * it with {@link TalkersReport#withTop}. A per-spoke body with {@code group_by} uses the server's
 * {@code groups} ({@code [{"name", "gateways", "destinations", "sources"}]}) when present and groups the
 * spokes here otherwise.
 */
public final class TopTalkersApiJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String WHAT = "top-talkers response";

    private TopTalkersApiJson() {
    }

    /**
     * @throws IllegalArgumentException when the body is not JSON, lacks a required field or does not
     *                                  make a consistent report; the message names the field
     */
    public static TalkersReport read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(WHAT + " is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(WHAT + " is not a JSON object");
        }
        String mode = text(root, "mode");
        Instant start = instant(root, "period_start");
        Instant end = instant(root, "period_end");
        int days = Math.toIntExact(integral(root, "period_days", ""));
        String url = text(root, "copilot_flowiq_url");
        if (url == null) {
            throw new IllegalArgumentException(WHAT + ": 'copilot_flowiq_url' is missing");
        }
        Integer top = root.hasNonNull("top") ? Math.toIntExact(integral(root, "top", "")) : null;
        if (TalkersReport.GLOBAL.equals(mode)) {
            List<RankedTalker> destinations = ranking(root, "destinations", "");
            List<RankedTalker> sources = ranking(root, "sources", "");
            int n = top != null ? top : longest(List.of(destinations, sources));
            return new TopTalkersReport(start, end, days, url, n, destinations, sources);
        }
        if (TalkersReport.PER_SPOKE.equals(mode)) {
            return perSpoke(root, start, end, days, url, top);
        }
        throw new IllegalArgumentException(WHAT + ": 'mode' must be '" + TalkersReport.GLOBAL + "' or '"
                + TalkersReport.PER_SPOKE + "', got " + (mode == null ? "nothing" : "'" + mode + "'"));
    }

    private static PerSpokeTalkersReport perSpoke(JsonNode root, Instant start, Instant end, int days, String url,
                                                  Integer top) {
        List<SpokeTalkers> gateways = new ArrayList<>();
        List<List<RankedTalker>> rankings = new ArrayList<>();
        for (JsonNode g : array(root, "gateways", "")) {
            SpokeTalkers spoke = spoke(g);
            gateways.add(spoke);
            rankings.add(spoke.destinations());
            rankings.add(spoke.sources());
        }
        String groupBy = text(root, "group_by");
        List<GroupTalkers> groups = new ArrayList<>();
        boolean serverGroups = groupBy != null && root.hasNonNull("groups");
        if (serverGroups) {
            for (JsonNode g : array(root, "groups", "")) {
                GroupTalkers group = group(g);
                groups.add(group);
                rankings.add(group.destinations());
                rankings.add(group.sources());
            }
        }
        int n = top != null ? top : longest(rankings);
        PerSpokeTalkersReport report = new PerSpokeTalkersReport(start, end, days, url, n, gateways);
        if (groupBy == null) {
            return report;
        }
        if (serverGroups) {
            return new PerSpokeTalkersReport(start, end, days, url, n, gateways, groupBy, groups);
        }
        try {
            return report.groupBy(GroupBy.fromKey(groupBy));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(WHAT + ": 'group_by' " + e.getMessage(), e);
        }
    }

    private static SpokeTalkers spoke(JsonNode g) {
        if (!g.isObject()) {
            throw new IllegalArgumentException(WHAT + ": a gateway is not an object");
        }
        String name = text(g, "gateway");
        if (name == null) {
            throw new IllegalArgumentException(WHAT + ": a gateway lacks 'gateway'");
        }
        String where = " of gateway '" + name + "'";
        return new SpokeTalkers(name,
                text(g, "account_name"), text(g, "vpc_name"), text(g, "vpc_id"), text(g, "vpc_region"),
                text(g, "vendor_name"), text(g, "transit_gw_name"), text(g, "group_name"),
                ranking(g, "destinations", where), ranking(g, "sources", where));
    }

    private static GroupTalkers group(JsonNode g) {
        String name = text(g, "name");
        if (name == null) {
            name = GroupBy.MISSING_VALUE;
        }
        String where = " of group '" + name + "'";
        List<String> members = new ArrayList<>();
        array(g, "gateways", where).forEach(m -> members.add(m.asText()));
        return new GroupTalkers(name, members, ranking(g, "destinations", where), ranking(g, "sources", where));
    }

    private static List<RankedTalker> ranking(JsonNode node, String field, String where) {
        List<RankedTalker> rows = new ArrayList<>();
        String list = field + where;
        for (JsonNode r : array(node, field, where)) {
            String ip = text(r, "ip");
            if (ip == null) {
                throw new IllegalArgumentException(WHAT + ": a row of " + list + " lacks 'ip'");
            }
            String row = " of " + ip + " in " + list;
            long rank = integral(r, "rank", row);
            long bytes = integral(r, "bytes", row);
            JsonNode cgnat = r.get("is_cgnat");
            if (cgnat == null || !cgnat.isBoolean()) {
                throw new IllegalArgumentException(WHAT + ": 'is_cgnat'" + row + " is missing or not a boolean");
            }
            try {
                rows.add(new RankedTalker(Math.toIntExact(rank), ip, bytes, cgnat.booleanValue()));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new IllegalArgumentException(WHAT + ": " + e.getMessage() + " in " + list, e);
            }
        }
        return rows;
    }

    private static int longest(List<List<RankedTalker>> rankings) {
        int n = 1;
        for (List<RankedTalker> r : rankings) {
            n = Math.max(n, r.size());
        }
        return n;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static long integral(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException(WHAT + ": '" + field + "'" + where + " is missing or not an integer");
        }
        return v.longValue();
    }

    private static JsonNode array(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException(WHAT + ": '" + field + "'" + where + " is missing or not a list");
        }
        return v;
    }

    /** ISO-8601 with {@code Z} or an offset; a time without a zone is taken as UTC, as the bandwidth reader does. */
    private static Instant instant(JsonNode node, String field) {
        String s = text(node, field);
        if (s == null) {
            throw new IllegalArgumentException(WHAT + ": '" + field + "' is missing");
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException withOffset) {
            try {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException withoutOffset) {
                throw new IllegalArgumentException(WHAT + ": '" + field + "' is not an ISO time: " + s);
            }
        }
    }
}
