package io.egressmon.copilot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("The simulator's CoPilot API")
class CopilotApiTest {

    private static final Instant NOW = Instant.parse("2026-02-10T10:00:42Z");

    @RegisterExtension
    static final RunningSimulator running = new RunningSimulator(NOW);

    private static CopilotSimulator simulator() {
        return running.simulator();
    }

    @Nested
    @DisplayName("sessions")
    class Sessions {

        @Test
        @DisplayName("refuse API calls without a session with 401")
        void noSession() {
            SimClient client = new SimClient(simulator());
            long before = simulator().stats().unauthorized();
            assertEquals(401, client.get("/api/gateways").statusCode());
            assertEquals(401, client.get("/api/cloud-routes/routes/gateways").statusCode());
            assertEquals(401, client.post("/api/reports/report/performance", "[]").statusCode());
            assertEquals(before + 3, simulator().stats().unauthorized());
        }

        @Test
        @DisplayName("start with a JSON login that sets a cookie the client then sends")
        void jsonLogin() {
            SimClient client = new SimClient(simulator());
            HttpResponse<String> login = client.login();
            assertEquals(200, login.statusCode());
            assertTrue(login.headers().firstValue("set-cookie").orElseThrow().startsWith(CopilotSimulator.SESSION_COOKIE + "="));
            assertEquals(200, client.get("/api/gateways").statusCode());
        }

        @Test
        @DisplayName("also start with a form-encoded login")
        void formLogin() {
            SimClient client = new SimClient(simulator());
            assertEquals(200, client.post("/api/login", "application/x-www-form-urlencoded",
                    "username=admin&password=simulator").statusCode());
            assertEquals(200, client.get("/api/gateways").statusCode());
        }

        @Test
        @DisplayName("are refused for bad credentials with 401, and counted")
        void badCredentials() {
            SimClient client = new SimClient(simulator());
            long failed = simulator().stats().failedLogins();
            assertEquals(401, client.login("admin", "wrong").statusCode());
            assertEquals(401, client.post("/api/login", "{not json").statusCode());
            assertEquals(401, client.get("/api/gateways").statusCode());
            assertEquals(failed + 2, simulator().stats().failedLogins());
        }

        @Test
        @DisplayName("end with a logout")
        void logout() {
            SimClient client = running.loggedIn();
            long logins = simulator().stats().logins();
            assertEquals(200, client.get("/api/logout").statusCode());
            assertEquals(401, client.get("/api/gateways").statusCode());
            assertEquals(logins, simulator().stats().logins());
        }
    }

    @Nested
    @DisplayName("inventory")
    class Inventory {

        @Test
        @DisplayName("lists spokes and transits with the script's fields, some $gw_type capitalised and vpc_name holding the gateway name")
        void gateways() {
            JsonArray results = new JsonObject(running.loggedIn().get("/api/gateways").body()).getJsonArray("results");
            assertEquals(19, results.size());
            Set<String> types = new HashSet<>();
            int spokes = 0;
            for (Object o : results) {
                JsonObject g = (JsonObject) o;
                for (String field : List.of("gw_name", "$gw_type", "account_name", "vpc_id", "vpc_name", "vpc_region",
                        "vendor_name", "transit_gw_name", "group_name", "cloud_type")) {
                    assertTrue(g.containsKey(field), field + " in " + g);
                }
                assertEquals(g.getString("gw_name"), g.getString("vpc_name"));
                types.add(g.getString("$gw_type"));
                spokes += g.getString("$gw_type").toLowerCase(Locale.ROOT).equals("spoke") ? 1 : 0;
            }
            assertEquals(14, spokes);
            assertEquals(Set.of("spoke", "Spoke", "transit", "Transit"), types);
            JsonObject gcp = results.stream().map(JsonObject.class::cast)
                    .filter(g -> g.getString("gw_name").equals("enterprise-data-gcp-spoke-dev")).findFirst().orElseThrow();
            assertEquals("enterprise-data-gcp-spoke-dev~-~aviatrix-demo-dev", gcp.getString("vpc_id"));
            assertEquals("Gcloud", gcp.getString("vendor_name"));
            assertEquals("transit-gcp-us-west1", gcp.getString("transit_gw_name"));
        }

        @Test
        @DisplayName("gives route tables whose tun- devices are the gateways' tunnels, tun0 apart")
        void routes() {
            JsonArray all = new JsonArray(running.loggedIn().get("/api/cloud-routes/routes/gateways").body());
            assertEquals(19, all.size());
            for (Object o : all) {
                JsonObject entry = (JsonObject) o;
                Gateway gateway = simulator().estate().require(entry.getString("gw_name"));
                Set<String> tunnels = new HashSet<>();
                Set<String> devices = new HashSet<>();
                entry.getJsonArray("route_table").forEach(r -> {
                    String dev = ((JsonObject) r).getString("dev");
                    devices.add(dev);
                    if (dev.startsWith("tun-")) {
                        tunnels.add(dev);
                    }
                });
                assertEquals(Set.copyOf(gateway.tunnelsAt(NOW)), tunnels, gateway.name());
                assertTrue(devices.contains("eth0"));
                assertEquals(gateway.name().equals(Estate.OPENVPN_SPOKE), devices.contains("tun0"), gateway.name());
            }
            JsonObject late = all.stream().map(JsonObject.class::cast)
                    .filter(g -> g.getString("gw_name").equals(Estate.LATE_TUNNEL_SPOKE)).findFirst().orElseThrow();
            assertTrue(late.encode().contains(simulator().estate().lateTunnel().name()));
            assertFalse(CopilotJson.routes(simulator().estate().require(Estate.LATE_TUNNEL_SPOKE),
                    simulator().estate().lateTunnel().createdAt().minusSeconds(1)).encode().contains("tun-late-"));
        }
    }

    @Nested
    @DisplayName("performance report")
    class Performance {

        private final Estate estate = simulator().estate();

        @Test
        @DisplayName("answers one element per asked gateway, in order, with min/max per interface and counter")
        void shapes() {
            Instant end = NOW.minus(Duration.ofDays(1));
            Instant start = end.minus(Duration.ofHours(6));
            JsonArray answer = running.loggedIn().performance(List.of(
                    SimClient.query("accounting-aws-spoke-dev", start, end),
                    SimClient.query(Estate.NO_METRICS_SPOKE, start, end),
                    SimClient.query("no-such-gateway", start, end),
                    SimClient.query("transit-aws-us-east-1", start, end),
                    SimClient.query("accounting-aws-spoke-dev", start, end)));
            assertEquals(5, answer.size());
            assertEquals(new JsonObject().put("interfaces", new JsonObject()), answer.getJsonObject(1));
            assertEquals(new JsonObject().put("interfaces", new JsonObject()), answer.getJsonObject(2));
            assertEquals(answer.getJsonObject(0), answer.getJsonObject(4));
            JsonObject interfaces = answer.getJsonObject(0).getJsonObject("interfaces");
            Map<String, InterfaceRange> expected = estate.performance("accounting-aws-spoke-dev", start, end, NOW);
            assertEquals(expected.keySet(), interfaces.fieldNames());
            expected.forEach((name, range) -> {
                JsonObject iface = interfaces.getJsonObject(name);
                assertEquals(range.rxBytes().min(), iface.getJsonObject("rx_bytes").getLong("min"));
                assertEquals(range.rxBytes().max(), iface.getJsonObject("rx_bytes").getLong("max"));
                assertEquals(range.txBytes().min(), iface.getJsonObject("tx_bytes").getLong("min"));
                assertEquals(range.txBytes().max(), iface.getJsonObject("tx_bytes").getLong("max"));
            });
            assertEquals(5, answer.getJsonObject(3).getJsonObject("interfaces").size());
        }

        @Test
        @DisplayName("shows the reboot as a drop of min across a slice that contains it")
        void reboot() {
            Reboot reboot = estate.reboot();
            Instant start = reboot.down().minus(Duration.ofHours(3));
            JsonObject eth0 = running.loggedIn().performance(List.of(SimClient.query(Estate.REBOOTED_SPOKE, start,
                    reboot.up().plus(Duration.ofHours(3))))).getJsonObject(0).getJsonObject("interfaces").getJsonObject("eth0");
            JsonObject before = running.loggedIn().performance(List.of(SimClient.query(Estate.REBOOTED_SPOKE, start,
                    reboot.down()))).getJsonObject(0).getJsonObject("interfaces").getJsonObject("eth0");
            long minAcross = eth0.getJsonObject("rx_bytes").getLong("min");
            long minBefore = before.getJsonObject("rx_bytes").getLong("min");
            assertTrue(minAcross < minBefore / 1000, minAcross + " vs " + minBefore);
            assertEquals(before.getJsonObject("rx_bytes").getLong("max"), eth0.getJsonObject("rx_bytes").getLong("max"));
        }

        @Test
        @DisplayName("leaves the late tunnel out before its creation and has it from then on")
        void lateTunnel() {
            GatewayInterface late = estate.lateTunnel();
            SimClient client = running.loggedIn();
            JsonArray answer = client.performance(List.of(
                    SimClient.query(Estate.LATE_TUNNEL_SPOKE, late.createdAt().minus(Duration.ofHours(6)),
                            late.createdAt().minusSeconds(1)),
                    SimClient.query(Estate.LATE_TUNNEL_SPOKE, late.createdAt().minus(Duration.ofHours(6)),
                            late.createdAt().plus(Duration.ofMinutes(10)))));
            assertFalse(answer.getJsonObject(0).getJsonObject("interfaces").containsKey(late.name()));
            JsonObject tunnel = answer.getJsonObject(1).getJsonObject("interfaces").getJsonObject(late.name());
            assertEquals(0L, tunnel.getJsonObject("rx_bytes").getLong("min"));
            assertTrue(tunnel.getJsonObject("rx_bytes").getLong("max") > 0);
        }

        @Test
        @DisplayName("has samples only up to the clock's now, and more as it moves on")
        void timeFlows() {
            SimClient client = running.loggedIn();
            Instant start = NOW.minus(Duration.ofHours(1));
            Instant future = NOW.plus(Duration.ofDays(1));
            List<JsonObject> query = List.of(SimClient.query("operations-oci-spoke-shared", start, future));
            long max = client.performance(query).getJsonObject(0).getJsonObject("interfaces").getJsonObject("eth0")
                    .getJsonObject("tx_bytes").getLong("max");
            assertEquals(estate.reading("operations-oci-spoke-shared", "eth0",
                    running.clock().instant().truncatedTo(ChronoUnit.MINUTES)).orElseThrow().txBytes(), max);
            Instant later = running.clock().advance(Duration.ofMinutes(5));
            long laterMax = client.performance(query).getJsonObject(0).getJsonObject("interfaces").getJsonObject("eth0")
                    .getJsonObject("tx_bytes").getLong("max");
            assertEquals(estate.reading("operations-oci-spoke-shared", "eth0",
                    later.truncatedTo(ChronoUnit.MINUTES)).orElseThrow().txBytes(), laterMax);
            assertTrue(laterMax > max);
        }

        @Test
        @DisplayName("lets a reader that asks for every single minute add up exactly the ground truth, across the reboot")
        void minuteByMinuteMatchesTruth() {
            Instant from = Instant.ofEpochSecond(Estate.floorMinute(estate.reboot().down())).minus(Duration.ofHours(2));
            Instant to = from.plus(Duration.ofHours(4));
            List<JsonObject> minutes = new ArrayList<>();
            for (Instant t = from.minus(Duration.ofMinutes(10)); !t.isAfter(to); t = t.plusSeconds(60)) {
                minutes.add(SimClient.query(Estate.REBOOTED_SPOKE, t, t));
            }
            JsonArray samples = running.loggedIn().performance(minutes);
            Map<String, long[]> sums = new TreeMap<>();
            Map<String, long[]> last = new HashMap<>();
            for (int i = 0; i < samples.size(); i++) {
                Instant t = Instant.parse(minutes.get(i).getString("start"));
                JsonObject interfaces = samples.getJsonObject(i).getJsonObject("interfaces");
                for (String name : interfaces.fieldNames()) {
                    long rx = interfaces.getJsonObject(name).getJsonObject("rx_bytes").getLong("max");
                    long tx = interfaces.getJsonObject(name).getJsonObject("tx_bytes").getLong("max");
                    assertEquals(rx, interfaces.getJsonObject(name).getJsonObject("rx_bytes").getLong("min"));
                    long[] previous = last.put(name, new long[] {rx, tx});
                    if (previous != null && t.isAfter(from)) {
                        long[] sum = sums.computeIfAbsent(name, k -> new long[2]);
                        sum[0] += rx >= previous[0] ? rx - previous[0] : rx;
                        sum[1] += tx >= previous[1] ? tx - previous[1] : tx;
                    }
                }
            }
            GatewayTruth truth = simulator().truth(from, to).gateway(Estate.REBOOTED_SPOKE);
            assertEquals(1, truth.reboots());
            assertEquals(truth.interfaces().keySet(), sums.keySet());
            sums.forEach((name, sum) -> {
                assertEquals(truth.iface(name).rxBytes(), sum[0], name);
                assertEquals(truth.iface(name).txBytes(), sum[1], name);
            });
        }

        @Test
        @DisplayName("answers 400 with JSON to a body that is not a list of well-formed queries")
        void badBodies() {
            SimClient client = running.loggedIn();
            JsonObject good = SimClient.query("accounting-aws-spoke-dev", NOW.minusSeconds(3600), NOW);
            JsonObject nameless = good.copy();
            nameless.remove("gatewayName");
            for (String body : List.of(
                    "{not json",
                    good.encode(),
                    new JsonArray().add(good.copy().put("start", "yesterday")).encode(),
                    new JsonArray().add(nameless).encode(),
                    new JsonArray().add(42).encode(),
                    new JsonArray().add(good.copy().put("end", NOW.minusSeconds(7200).toString())).encode())) {
                HttpResponse<String> response = client.post("/api/reports/report/performance", body);
                assertEquals(400, response.statusCode(), body);
                assertEquals("bad_request", new JsonObject(response.body()).getString("error"));
            }
            assertEquals(200, client.post("/api/reports/report/performance", "[]").statusCode());
        }
    }

    @Nested
    @DisplayName("simulator endpoints")
    class SimEndpoints {

        @Test
        @DisplayName("serve the ground truth without a session, equal to the Java API's")
        void truth() {
            Instant from = NOW.minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.MINUTES);
            Instant to = NOW.truncatedTo(ChronoUnit.MINUTES);
            HttpResponse<String> response = new SimClient(simulator()).get("/sim/truth?from=" + from + "&to=" + to);
            assertEquals(200, response.statusCode());
            JsonObject json = new JsonObject(response.body());
            GroundTruth truth = simulator().truth(from, to);
            assertEquals(19, json.getJsonArray("gateways").size());
            JsonObject k8s = json.getJsonArray("gateways").stream().map(JsonObject.class::cast)
                    .filter(g -> g.getString("gateway").equals(Estate.REBOOTED_SPOKE)).findFirst().orElseThrow();
            GatewayTruth expected = truth.gateway(Estate.REBOOTED_SPOKE);
            assertEquals(expected.egressRxBytes(), k8s.getLong("egress_rx_bytes"));
            assertEquals(expected.internalTxBytes(), k8s.getLong("internal_tx_bytes"));
            assertEquals(expected.eth0RxBytes(), k8s.getLong("eth0_rx_bytes"));
            assertEquals(1, k8s.getInteger("reboots"));
            assertEquals(14, json.getJsonObject("aggregate").getInteger("spokes"));
            assertEquals(400, new SimClient(simulator()).get("/sim/truth?from=" + from).statusCode());
        }

        @Test
        @DisplayName("describe the estate and its special gateways")
        void estate() {
            JsonObject json = new JsonObject(new SimClient(simulator()).get("/sim/estate").body());
            assertEquals(simulator().estate().anchor().toString(), json.getString("anchor"));
            JsonObject special = json.getJsonObject("special");
            assertEquals(Estate.NO_METRICS_SPOKE, special.getString("no_metrics_spoke"));
            assertEquals(simulator().estate().reboot().down().toString(), special.getJsonObject("rebooted_spoke").getString("down"));
            assertEquals(simulator().estate().lateTunnel().name(), special.getJsonObject("late_tunnel").getString("interface"));
        }

        @Test
        @DisplayName("count calls per endpoint")
        void stats() {
            SimClient client = running.loggedIn();
            Stats before = simulator().stats();
            client.get("/api/gateways");
            client.get("/api/gateways");
            client.get("/api/cloud-routes/routes/gateways");
            client.get("/api/nothing-here");
            Stats after = simulator().stats();
            assertEquals(before.calls(Stats.GATEWAYS) + 2, after.calls(Stats.GATEWAYS));
            assertEquals(before.calls(Stats.ROUTES) + 1, after.calls(Stats.ROUTES));
            assertEquals(before.calls(Stats.OTHER) + 1, after.calls(Stats.OTHER));
            JsonObject json = new JsonObject(client.get("/sim/stats").body());
            assertEquals(after.calls(Stats.GATEWAYS), json.getJsonObject("calls").getLong(Stats.GATEWAYS));
        }
    }
}
