package io.egressmon.streams.web;

import io.egressmon.report.GroupBandwidth;
import io.egressmon.report.HumanBytes;
import io.egressmon.report.PythonJson;
import io.egressmon.schemas.IpClass;
import io.egressmon.streams.counters.RawTotals;
import io.egressmon.streams.query.BandwidthAnswer;
import io.egressmon.streams.query.GatewayInfo;
import io.egressmon.streams.query.SeriesAnswer;
import io.egressmon.streams.query.SpokeRow;
import io.egressmon.streams.query.TalkersAnswer;
import io.egressmon.streams.talkers.Ranking;
import io.egressmon.streams.talkers.Role;
import io.egressmon.streams.talkers.RoleRankings;
import io.egressmon.streams.talkers.TalkerTable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** The JSON bodies of the REST API, field for field as docs/design.md shows them. */
final class ApiJson {
    private ApiJson() {
    }

    static JsonObject bandwidth(BandwidthAnswer answer) {
        JsonArray gateways = new JsonArray();
        for (SpokeRow row : answer.spokes()) {
            JsonObject g = attributes(row.info());
            totals(g, row.totals());
            gateways.add(g);
        }
        GroupBandwidth all = answer.aggregate();
        JsonObject body = new JsonObject()
                .put("report", "spoke_gateway_bandwidth")
                .put("method", "interface_counters")
                .put("period_start", instant(answer.periodStart()))
                .put("period_end", instant(answer.periodEnd()))
                .put("period_days", answer.periodDays())
                .put("gateways", gateways)
                .put("aggregate", new JsonObject()
                        .put("spokes", all.spokes())
                        .put("internal_rx_bytes", all.internalRxBytes())
                        .put("internal_tx_bytes", all.internalTxBytes())
                        .put("egress_rx_bytes", all.egressRxBytes())
                        .put("egress_tx_bytes", all.egressTxBytes()));
        if (answer.groupBy() != null) {
            JsonArray groups = new JsonArray();
            for (GroupBandwidth group : answer.groups()) {
                groups.add(new JsonObject()
                        .put("name", group.name())
                        .put("spokes", group.spokes())
                        .put("gateways", new JsonArray(List.copyOf(group.gateways())))
                        .put("internal_rx_bytes", group.internalRxBytes())
                        .put("internal_tx_bytes", group.internalTxBytes())
                        .put("egress_rx_bytes", group.egressRxBytes())
                        .put("egress_tx_bytes", group.egressTxBytes()));
            }
            body.put("group_by", answer.groupBy().key()).put("groups", groups);
        }
        return body;
    }

    static JsonObject series(SeriesAnswer answer) {
        JsonArray points = new JsonArray();
        for (SeriesAnswer.Point p : answer.points()) {
            JsonObject point = new JsonObject()
                    .put("start", instant(p.start()))
                    .put("end", instant(p.end()));
            totals(point, p.totals());
            points.add(point);
        }
        JsonObject body = new JsonObject()
                .put("report", "spoke_gateway_bandwidth_series")
                .put("method", "interface_counters")
                .put("period_start", instant(answer.periodStart()))
                .put("period_end", instant(answer.periodEnd()))
                .put("period_days", answer.periodDays())
                .put("step", answer.step().key());
        attributes(body, answer.info());
        return body.put("points", points);
    }

    static JsonObject gateways(List<GatewayInfo> inventory) {
        JsonArray gateways = new JsonArray();
        for (GatewayInfo info : inventory) {
            JsonObject g = new JsonObject().put("gateway", info.gateway()).put("gw_type", info.gwType());
            attributes(g, info); // re-puts "gateway" in place
            gateways.add(g.put("observed_at", info.observedAt() == null ? null : instant(info.observedAt())));
        }
        return new JsonObject().put("gateways", gateways);
    }

    /**
     * The top-talkers JSON of docs/design.md: {@code report, mode, period_start, period_end,
     * period_days, copilot_flowiq_url}, then {@code destinations, sources} (global) or
     * {@code gateways} (per spoke); {@code group_by, groups} when grouped. Extra fields, which the CLI
     * ignores: {@code top} always; {@code approximate, error_bound_bytes} and {@code truncated_input}
     * only when some ranking is not exact.
     */
    static JsonObject topTalkers(TalkersAnswer answer, String copilotFlowiqUrl) {
        JsonObject body = new JsonObject()
                .put("report", "flowiq_top_talkers")
                .put("mode", answer.perSpoke() ? "per_spoke" : "global")
                .put("period_start", instant(answer.periodStart()))
                .put("period_end", instant(answer.periodEnd()))
                .put("period_days", answer.periodDays())
                .put("copilot_flowiq_url", copilotFlowiqUrl);
        if (answer.perSpoke()) {
            JsonArray gateways = new JsonArray();
            for (TalkersAnswer.SpokeTalkers spoke : answer.gateways()) {
                JsonObject g = sevenAttributes(new JsonObject(), spoke.info());
                rankings(g, spoke.talkers(), copilotFlowiqUrl);
                gateways.add(g);
            }
            body.put("gateways", gateways);
        } else {
            rankings(body, answer.global(), copilotFlowiqUrl);
        }
        if (answer.groupBy() != null) {
            JsonArray groups = new JsonArray();
            for (TalkersAnswer.GroupTalkers group : answer.groups()) {
                JsonObject g = new JsonObject()
                        .put("name", group.name())
                        .put("spokes", group.gateways().size())
                        .put("gateways", new JsonArray(List.copyOf(group.gateways())));
                rankings(g, group.talkers(), copilotFlowiqUrl);
                groups.add(g);
            }
            body.put("group_by", answer.groupBy().key()).put("groups", groups);
        }
        body.put("top", answer.top());
        if (answer.approximate()) {
            body.put("approximate", true).put("error_bound_bytes", answer.errorBound());
            if (answer.truncated()) {
                body.put("truncated_input", true);
            }
        }
        return body;
    }

    private static void rankings(JsonObject into, RoleRankings rankings, String copilotFlowiqUrl) {
        into.put(Role.EXTERNAL.listName(), rows(rankings.destinations(), copilotFlowiqUrl))
                .put(Role.INTERNAL.listName(), rows(rankings.sources(), copilotFlowiqUrl));
    }

    /** A row as the seed's CSV has it: the IP is also the text to paste into FlowIQ's filter bar (no deep links). */
    private static JsonArray rows(Ranking ranking, String copilotFlowiqUrl) {
        JsonArray rows = new JsonArray();
        int rank = 1;
        for (TalkerTable.Entry e : ranking.rows()) {
            rows.add(new JsonObject()
                    .put("rank", rank++)
                    .put("ip", e.ip())
                    .put("bytes", e.bytes())
                    .put("human_readable", HumanBytes.format(e.bytes()))
                    .put("is_cgnat", IpClass.isCgnat(e.ip()))
                    .put("flowiq_filter", e.ip())
                    .put("copilot_url", copilotFlowiqUrl));
        }
        return rows;
    }

    /** {@code gateway} and the seven attributes, in the seed's order. */
    private static JsonObject sevenAttributes(JsonObject into, GatewayInfo info) {
        info.attributeMap().forEach(into::put);
        return into;
    }

    /** {@code gateway}, the seven attributes and {@code tunnel_interfaces}, in the seed's order. */
    private static JsonObject attributes(GatewayInfo info) {
        return attributes(new JsonObject(), info);
    }

    private static JsonObject attributes(JsonObject into, GatewayInfo info) {
        return sevenAttributes(into, info)
                .put("tunnel_interfaces", new JsonArray(List.copyOf(info.tunnelInterfaces())));
    }

    /** Derived values first (clamped once, for exactly these totals), then the raw ones they came from. */
    private static void totals(JsonObject into, RawTotals t) {
        into.put("internal_rx_bytes", t.internalRx())
                .put("internal_tx_bytes", t.internalTx())
                .put("egress_rx_bytes", t.egressRx())
                .put("egress_tx_bytes", t.egressTx())
                .put("eth0_rx_bytes", t.eth0Rx())
                .put("eth0_tx_bytes", t.eth0Tx())
                .put("tunnel_rx_bytes", t.tunnelRx())
                .put("tunnel_tx_bytes", t.tunnelTx())
                .put("resets", t.resets());
    }

    /** The seed's timestamps: ISO-8601 in UTC with a {@code Z}, e.g. {@code 2026-01-11T10:00:00Z}. */
    static String instant(Instant t) {
        return PythonJson.isoformatZ(t);
    }

    static JsonObject error(String error, String parameter, String message) {
        JsonObject body = new JsonObject().put("error", error);
        if (parameter != null) {
            body.put("parameter", parameter);
        }
        return body.put("message", message);
    }
}
