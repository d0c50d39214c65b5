package io.egressmon.copilot.sim;

import io.egressmon.config.Durations;
import io.egressmon.copilot.sim.flowiq.FieldAgg;
import io.egressmon.copilot.sim.flowiq.TalkerTruth;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON the simulator speaks: CoPilot's shapes for {@code /api}, its own for {@code /sim}. */
final class CopilotJson {

    static final List<String> METRICS = List.of("rx_bytes", "tx_bytes");

    private CopilotJson() {
    }

    /** One entry of {@code GET /api/gateways}, with a few fields no client should need. */
    static JsonObject gateway(Gateway g) {
        String[] octets = g.cidr().split("[./]");
        return new JsonObject()
                .put("gw_name", g.name())
                .put("$gw_type", g.reportedType())
                .put("account_name", g.accountName())
                .put("vpc_id", g.vpcId())
                .put("vpc_name", g.controllerVpcName())
                .put("vpc_region", g.vpcRegion())
                .put("vendor_name", g.vendorName())
                .put("transit_gw_name", g.transitGwName())
                .put("group_name", g.groupName())
                .put("cloud_type", cloudType(g.vendorName()))
                .put("gw_size", g.isSpoke() ? "t3.small" : "c5n.xlarge")
                .put("private_ip", octets[0] + "." + octets[1] + "." + octets[2] + ".10")
                .put("is_hagw", false)
                .put("gw_status", "up")
                .put("software_version", "7.2.4996")
                .put("tags", new JsonObject().put("managed-by", "aviatrix").put("env", g.groupName()))
                .putNull("elb_state");
    }

    private static int cloudType(String vendor) {
        return switch (vendor) {
            case "AWS" -> 1;
            case "Gcloud" -> 4;
            case "Azure ARM" -> 8;
            case "Oracle Cloud Infrastructure" -> 16;
            default -> 0;
        };
    }

    /**
     * One entry of {@code GET /api/cloud-routes/routes/gateways}: eth0's default and VPC routes, two
     * routes per transit tunnel existing at {@code now}, and OpenVPN's {@code tun0} where there is one.
     */
    static JsonObject routes(Gateway g, Instant now) {
        String[] octets = g.cidr().split("[./]");
        String prefix = octets[0] + "." + octets[1] + "." + octets[2] + ".";
        JsonArray table = new JsonArray()
                .add(route("0.0.0.0/0", "eth0", "static").put("gw", prefix + "1").put("metric", 0))
                .add(route(g.cidr(), "eth0", "kernel").put("scope", "link").put("src", prefix + "10"));
        int n = 0;
        for (GatewayInterface iface : g.interfaces()) {
            if (iface.createdAt().isAfter(now)) {
                continue;
            }
            if (iface.kind() == GatewayInterface.Kind.TUNNEL) {
                String linkNet = "169.254." + (10 + n % 240) + ".";
                table.add(route(linkNet + "0/30", iface.name(), "kernel").put("scope", "link"));
                table.add(route(g.isSpoke() ? "10.0.0.0/8" : "172.16.0.0/12", iface.name(), "bgp")
                        .put("gw", linkNet + "1").put("metric", 100 + n));
                n++;
            } else if (iface.kind() == GatewayInterface.Kind.OPENVPN) {
                table.add(route("192.168.43.0/24", iface.name(), "kernel").put("scope", "link"));
            }
        }
        return new JsonObject().put("gw_name", g.name()).put("route_table", table);
    }

    private static JsonObject route(String dst, String dev, String proto) {
        return new JsonObject().put("dst", dst).put("dev", dev).put("proto", proto).put("table", "main")
                .put("type", "unicast");
    }

    /** A performance element parsed: which gateway, which range, which counters. */
    record PerformanceQuery(String gatewayName, Instant start, Instant end, List<String> metrics) {
    }

    static PerformanceQuery performanceQuery(Object element) {
        if (!(element instanceof JsonObject query)) {
            throw new IllegalArgumentException("each element must be an object");
        }
        Object name = query.getValue("gatewayName");
        if (!(name instanceof String gatewayName) || gatewayName.isEmpty()) {
            throw new IllegalArgumentException("gatewayName must be a non-empty string");
        }
        Instant start = instant(query, "start");
        Instant end = instant(query, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end " + end + " is before start " + start);
        }
        List<String> metrics = METRICS;
        if (query.getValue("interfaceMetrics") instanceof JsonArray asked) {
            metrics = METRICS.stream().filter(asked.getList()::contains).toList();
        } else if (query.containsKey("interfaceMetrics") && query.getValue("interfaceMetrics") != null) {
            throw new IllegalArgumentException("interfaceMetrics must be a list");
        }
        return new PerformanceQuery(gatewayName, start, end, metrics);
    }

    private static Instant instant(JsonObject query, String field) {
        if (!(query.getValue(field) instanceof String text)) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 timestamp string");
        }
        return parseInstant(field, text);
    }

    static Instant parseInstant(String field, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not an ISO-8601 timestamp: '" + text + "'");
        }
    }

    /** {@code {"interfaces": {"eth0": {"rx_bytes": {"min": n, "max": n}, …}, …}}}. */
    static JsonObject performance(Map<String, InterfaceRange> ranges, List<String> metrics) {
        JsonObject interfaces = new JsonObject();
        if (!metrics.isEmpty()) {
            ranges.forEach((name, range) -> {
                JsonObject iface = new JsonObject();
                if (metrics.contains("rx_bytes")) {
                    iface.put("rx_bytes", minMax(range.rxBytes()));
                }
                if (metrics.contains("tx_bytes")) {
                    iface.put("tx_bytes", minMax(range.txBytes()));
                }
                interfaces.put(name, iface);
            });
        }
        return new JsonObject().put("interfaces", interfaces);
    }

    private static JsonObject minMax(CounterRange range) {
        return new JsonObject().put("min", range.min()).put("max", range.max());
    }

    /** FlowIQ's answer: {@code {"value": [{"key": "23.185.0.3", "value": 26889267504}, …]}}. */
    static JsonObject fieldAgg(List<FieldAgg.Bucket> buckets) {
        JsonArray value = new JsonArray();
        buckets.forEach(b -> value.add(new JsonObject().put("key", b.key()).put("value", b.value())));
        return new JsonObject().put("value", value);
    }

    /** {@code top} for {@code /sim/talkers}: 10 when absent. */
    static int parseTop(String text) {
        if (text == null) {
            return 10;
        }
        try {
            int top = Integer.parseInt(text.trim());
            if (top >= 1 && top <= 100_000) {
                return top;
            }
        } catch (NumberFormatException e) {
            // the message below names the parameter and the bad value
        }
        throw new IllegalArgumentException("top must be an integer within 1..100000, got '" + text + "'");
    }

    /** The ground truth of {@code /sim/talkers}: one spoke, or the estate when {@code gateway} is null. */
    static JsonObject talkers(TalkerTruth truth, String gateway, int top) {
        return new JsonObject()
                .put("from", truth.from().toString())
                .put("to", truth.to().toString())
                .put("gateway", gateway)
                .put("top", top)
                .put("egress_bytes", truth.egressBytes(gateway))
                .put("distinct_external", truth.distinctExternal(gateway))
                .put("distinct_internal", truth.distinctInternal(gateway))
                .put("destinations", ranked(truth.topDestinations(gateway, top)))
                .put("sources", ranked(truth.topSources(gateway, top)));
    }

    private static JsonArray ranked(List<TalkerTruth.Ranked> rows) {
        JsonArray array = new JsonArray();
        rows.forEach(r -> array.add(new JsonObject().put("rank", r.rank()).put("ip", r.ip()).put("bytes", r.bytes())));
        return array;
    }

    static JsonObject error(String error, String message) {
        return new JsonObject().put("error", error).put("message", message);
    }

    static JsonObject truth(GroundTruth truth) {
        JsonArray gateways = new JsonArray();
        long[] aggregate = new long[4];
        int spokes = 0;
        for (GatewayTruth g : truth.gateways().values()) {
            JsonObject interfaces = new JsonObject();
            g.interfaces().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> interfaces.put(e.getKey(),
                    new JsonObject().put("rx_bytes", e.getValue().rxBytes()).put("tx_bytes", e.getValue().txBytes())));
            gateways.add(new JsonObject()
                    .put("gateway", g.gateway())
                    .put("type", g.type())
                    .put("eth0_rx_bytes", g.eth0RxBytes())
                    .put("eth0_tx_bytes", g.eth0TxBytes())
                    .put("tunnel_rx_bytes", g.tunnelRxBytes())
                    .put("tunnel_tx_bytes", g.tunnelTxBytes())
                    .put("internal_rx_bytes", g.internalRxBytes())
                    .put("internal_tx_bytes", g.internalTxBytes())
                    .put("egress_rx_bytes", g.egressRxBytes())
                    .put("egress_tx_bytes", g.egressTxBytes())
                    .put("reboots", g.reboots())
                    .put("interfaces", interfaces));
            if (Gateway.SPOKE.equals(g.type())) {
                spokes++;
                aggregate[0] += g.internalRxBytes();
                aggregate[1] += g.internalTxBytes();
                aggregate[2] += g.egressRxBytes();
                aggregate[3] += g.egressTxBytes();
            }
        }
        return new JsonObject()
                .put("from", truth.from().toString())
                .put("to", truth.to().toString())
                .put("gateways", gateways)
                .put("aggregate", new JsonObject()
                        .put("spokes", spokes)
                        .put("internal_rx_bytes", aggregate[0])
                        .put("internal_tx_bytes", aggregate[1])
                        .put("egress_rx_bytes", aggregate[2])
                        .put("egress_tx_bytes", aggregate[3]));
    }

    static JsonObject estate(Estate estate, Instant now) {
        JsonArray gateways = new JsonArray();
        for (Gateway g : estate.gateways()) {
            JsonArray interfaces = new JsonArray();
            for (GatewayInterface iface : g.interfaces()) {
                interfaces.add(new JsonObject()
                        .put("name", iface.name())
                        .put("kind", iface.kind().name().toLowerCase(Locale.ROOT))
                        .put("created_at", iface.createdAt().toString())
                        .put("mean_rx_bytes_per_second", iface.rx().meanBytesPerSecond())
                        .put("mean_tx_bytes_per_second", iface.tx().meanBytesPerSecond()));
            }
            JsonArray reboots = new JsonArray();
            g.reboots().forEach(r -> reboots.add(new JsonObject().put("down", r.down().toString()).put("up", r.up().toString())));
            gateways.add(new JsonObject()
                    .put("gw_name", g.name())
                    .put("type", g.type())
                    .put("reported_type", g.reportedType())
                    .put("account_name", g.accountName())
                    .put("vpc_id", g.vpcId())
                    .put("vpc_name", g.vpcName())
                    .put("controller_vpc_name", g.controllerVpcName())
                    .put("vpc_region", g.vpcRegion())
                    .put("vendor_name", g.vendorName())
                    .put("transit_gw_name", g.transitGwName())
                    .put("group_name", g.groupName())
                    .put("has_metrics", g.hasMetrics())
                    .put("tunnels_now", new JsonArray(g.tunnelsAt(now)))
                    .put("interfaces", interfaces)
                    .put("reboots", reboots));
        }
        Reboot reboot = estate.reboot();
        GatewayInterface late = estate.lateTunnel();
        return new JsonObject()
                .put("anchor", estate.anchor().toString())
                .put("origin", estate.origin().toString())
                .put("now", now.toString())
                .put("seed", estate.seed())
                .put("special", new JsonObject()
                        .put("no_metrics_spoke", Estate.NO_METRICS_SPOKE)
                        .put("rebooted_spoke", new JsonObject().put("gateway", Estate.REBOOTED_SPOKE)
                                .put("down", reboot.down().toString()).put("up", reboot.up().toString()))
                        .put("late_tunnel", new JsonObject().put("gateway", Estate.LATE_TUNNEL_SPOKE)
                                .put("interface", late.name()).put("created_at", late.createdAt().toString()))
                        .put("openvpn_spoke", Estate.OPENVPN_SPOKE))
                .put("gateways", gateways);
    }

    static JsonObject stats(Stats stats) {
        JsonObject calls = new JsonObject();
        stats.sortedCalls().forEach(calls::put);
        JsonObject badAnswers = new JsonObject();
        stats.badAnswers().forEach((kind, count) -> badAnswers.put(kind.statsName(), count));
        return new JsonObject()
                .put("calls", calls)
                .put("api_calls", stats.apiCalls())
                .put("logins", stats.logins())
                .put("failed_logins", stats.failedLogins())
                .put("injected_503s", stats.injected503s())
                .put("injected_stalls", stats.injectedStalls())
                .put("odd_json_elements", stats.oddJsonElements())
                .put("expired_sessions", stats.expiredSessions())
                .put("unauthorized", stats.unauthorized())
                .put("performance_queries", stats.performanceQueries())
                .put("bad_answers", badAnswers);
    }

    static JsonObject faults(Faults faults) {
        JsonObject json = new JsonObject()
                .put("errorRate", faults.errorRate())
                .put("sessionTtl", faults.sessionTtl().toString())
                .put("stallRate", faults.stallRate())
                .put("stall", faults.stall().toString())
                .put("oddJsonRate", faults.oddJsonRate());
        faults.badAnswers().forEach((kind, rate) -> json.put(kind.rateField(), rate));
        return json.put("hugeBodyBytes", faults.hugeBodyBytes());
    }

    /** Missing fields take {@link Faults#none()}'s values; durations are ISO-8601 strings or milliseconds. */
    static Faults faults(JsonObject json) {
        Faults none = Faults.none();
        return new Faults(
                rate(json, "errorRate", none.errorRate()),
                duration(json, "sessionTtl", none.sessionTtl()),
                rate(json, "stallRate", none.stallRate()),
                duration(json, "stall", none.stall()),
                rate(json, "oddJsonRate", none.oddJsonRate()),
                badAnswerRates(json),
                bytes(json, "hugeBodyBytes", none.hugeBodyBytes()));
    }

    private static Map<BadAnswer, Double> badAnswerRates(JsonObject json) {
        Map<BadAnswer, Double> rates = new EnumMap<>(BadAnswer.class);
        for (BadAnswer kind : BadAnswer.values()) {
            rates.put(kind, rate(json, kind.rateField(), 0));
        }
        return rates;
    }

    private static long bytes(JsonObject json, String field, long fallback) {
        Object value = json.getValue(field);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return number.longValue();
        }
        throw new IllegalArgumentException(field + " must be a whole number of bytes");
    }

    private static double rate(JsonObject json, String field, double fallback) {
        Object value = json.getValue(field);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw new IllegalArgumentException(field + " must be a number");
    }

    private static Duration duration(JsonObject json, String field, Duration fallback) {
        Object value = json.getValue(field);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number millis) {
            return Duration.ofMillis(millis.longValue());
        }
        try {
            return Durations.parse(value.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " must be milliseconds or a duration such as 5m or PT5M");
        }
    }
}
