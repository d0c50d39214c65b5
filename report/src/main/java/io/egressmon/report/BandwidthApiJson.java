package io.egressmon.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the body of {@code GET /api/v1/bandwidth} (docs/design.md) into a {@link BandwidthReport}.
 * Unknown fields are ignored (the API may grow); the period, the gateway names and every byte count
 * must be present, because a report printed from half a response would be silently wrong. Gateway
 * attributes may be null or absent. When the body has {@code group_by} the server's {@code groups} are
 * used as they are; without them the spokes are grouped here.
 */
public final class BandwidthApiJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BandwidthApiJson() {
    }

    /**
     * @throws IllegalArgumentException when the body is not JSON or lacks a required field; the message
     *                                  names the field
     */
    public static BandwidthReport read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bandwidth response is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("bandwidth response is not a JSON object");
        }
        Instant start = instant(root, "period_start");
        Instant end = instant(root, "period_end");
        int days = Math.toIntExact(integral(root, "period_days", ""));
        List<SpokeBandwidth> gateways = new ArrayList<>();
        for (JsonNode g : array(root, "gateways", "")) {
            gateways.add(spoke(g));
        }
        BandwidthReport report = new BandwidthReport(start, end, days, gateways);
        JsonNode groupBy = root.get("group_by");
        if (groupBy == null || groupBy.isNull()) {
            return report;
        }
        JsonNode groups = root.get("groups");
        if (groups == null || groups.isNull()) {
            return report.groupBy(groupBy.asText());
        }
        List<GroupBandwidth> parsed = new ArrayList<>();
        for (JsonNode g : array(root, "groups", "")) {
            parsed.add(group(g));
        }
        return new BandwidthReport(start, end, days, gateways, groupBy.asText(), parsed);
    }

    private static SpokeBandwidth spoke(JsonNode g) {
        String name = text(g, "gateway");
        if (name == null) {
            throw new IllegalArgumentException("bandwidth response: a gateway lacks 'gateway'");
        }
        String where = " of gateway '" + name + "'";
        List<String> tunnels = new ArrayList<>();
        JsonNode tun = g.get("tunnel_interfaces");
        if (tun != null && tun.isArray()) {
            tun.forEach(t -> tunnels.add(t.asText()));
        }
        return new SpokeBandwidth(name,
                text(g, "account_name"), text(g, "vpc_name"), text(g, "vpc_id"), text(g, "vpc_region"),
                text(g, "vendor_name"), text(g, "transit_gw_name"), text(g, "group_name"),
                tunnels,
                integral(g, "internal_rx_bytes", where), integral(g, "internal_tx_bytes", where),
                integral(g, "egress_rx_bytes", where), integral(g, "egress_tx_bytes", where),
                integral(g, "eth0_rx_bytes", where), integral(g, "eth0_tx_bytes", where));
    }

    private static GroupBandwidth group(JsonNode g) {
        String name = text(g, "name");
        if (name == null) {
            name = GroupBy.MISSING_VALUE;
        }
        String where = " of group '" + name + "'";
        List<String> members = new ArrayList<>();
        array(g, "gateways", where).forEach(m -> members.add(m.asText()));
        return new GroupBandwidth(name, members,
                integral(g, "internal_rx_bytes", where), integral(g, "internal_tx_bytes", where),
                integral(g, "egress_rx_bytes", where), integral(g, "egress_tx_bytes", where));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static long integral(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException(
                    "bandwidth response: '" + field + "'" + where + " is missing or not an integer");
        }
        return v.longValue();
    }

    private static JsonNode array(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException("bandwidth response: '" + field + "'" + where + " is missing or not a list");
        }
        return v;
    }

    /** ISO-8601 with {@code Z} or an offset; a time without a zone is taken as UTC, as the seed's naive datetimes were. */
    private static Instant instant(JsonNode node, String field) {
        String s = text(node, field);
        if (s == null) {
            throw new IllegalArgumentException("bandwidth response: '" + field + "' is missing");
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException withOffset) {
            try {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException withoutOffset) {
                throw new IllegalArgumentException("bandwidth response: '" + field + "' is not an ISO time: " + s);
            }
        }
    }
}
