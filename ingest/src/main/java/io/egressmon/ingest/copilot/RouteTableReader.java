package io.egressmon.ingest.copilot;

import static io.egressmon.ingest.copilot.TolerantJson.oddity;
import static io.egressmon.ingest.copilot.TolerantJson.typeOf;

import io.egressmon.ingest.IngestStats;
import io.egressmon.ingest.copilot.TolerantJson.NamedGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the answer of {@code GET /api/cloud-routes/routes/gateways}, the gateways' route tables,
 * into each gateway's tunnel interfaces: the route devices starting with {@code tun-}
 * ({@code tun0}, OpenVPN's, is not one). A gateway without a route table has no tunnels; a table,
 * route or gateway of the wrong kind is skipped and counted.
 */
final class RouteTableReader {
    static final String TUNNEL_PREFIX = "tun-";

    private RouteTableReader() {
    }

    /** Per {@code gw_name}, its sorted distinct tunnel interfaces. */
    static Map<String, List<String>> tunnelInterfaces(Object json, IngestStats stats) {
        JsonArray array = TolerantJson.results(json, "a list of gateways' route tables");
        Map<String, TreeSet<String>> tunnels = new TreeMap<>();
        for (NamedGateway g : TolerantJson.namedGateways(array, "route table", stats)) {
            String name = g.name();
            TreeSet<String> devs = tunnels.computeIfAbsent(name, k -> new TreeSet<>());
            Object table = g.fields().getValue("route_table");
            if (table == null) {
                continue;
            }
            if (!(table instanceof JsonArray routes)) {
                oddity(stats, "route_table of " + name + " is " + typeOf(table) + ", not a list: skipped");
                continue;
            }
            for (int r = 0; r < routes.size(); r++) {
                Object route = routes.getValue(r);
                if (!(route instanceof JsonObject ro)) {
                    oddity(stats, "a route of " + name + " is " + typeOf(route) + ": skipped");
                    continue;
                }
                Object dev = ro.getValue("dev");
                if (dev instanceof String d && d.startsWith(TUNNEL_PREFIX)) {
                    devs.add(d);
                }
            }
        }
        Map<String, List<String>> out = new TreeMap<>();
        tunnels.forEach((name, devs) -> out.put(name, List.copyOf(devs)));
        return Collections.unmodifiableMap(out);
    }
}
