package io.egressmon.ingest.copilot;

import static io.egressmon.ingest.copilot.TolerantJson.oddity;
import static io.egressmon.ingest.copilot.TolerantJson.text;

import io.egressmon.ingest.IngestStats;
import io.egressmon.ingest.copilot.TolerantJson.NamedGateway;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the answer of {@code GET /api/gateways}: {@code {"results": [...]}} (a bare list is read
 * too). A gateway without a name is skipped and counted; unknown fields are ignored; a missing
 * type is counted but the gateway kept.
 */
final class GatewayListReader {

    private GatewayListReader() {
    }

    /** The gateway's {@code private_ip} and {@code public_ip} that are IP literals (others are counted oddities). */
    static List<String> addresses(JsonObject fields, IngestStats stats) {
        List<String> out = new ArrayList<>();
        for (String key : List.of("private_ip", "public_ip")) {
            String ip = text(fields, key, stats);
            if (ip == null || ip.isBlank()) {
                continue;
            }
            if (ip.strip().matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
                out.add(ip.strip());
            } else {
                oddity(stats, key + " '" + ip + "' is not an IP address: ignored");
            }
        }
        return out;
    }

    /** Every gateway with a usable name, in CoPilot's order. */
    static List<ControllerGateway> read(Object json, IngestStats stats) {
        List<NamedGateway> named = TolerantJson.namedGateways(
                TolerantJson.results(json, "{\"results\": [...]}"), "gateway", stats);
        List<ControllerGateway> out = new ArrayList<>(named.size());
        for (NamedGateway n : named) {
            String name = n.name();
            String type = text(n.fields(), "$gw_type", stats);
            if (type == null) {
                type = text(n.fields(), "gw_type", stats);
            }
            if (type == null) {
                oddity(stats, "gateway " + name + " has no $gw_type");
            }
            out.add(ControllerGateway.of(name, type, text(n.fields(), "account_name", stats),
                    text(n.fields(), "vpc_id", stats), text(n.fields(), "vpc_region", stats),
                    text(n.fields(), "vendor_name", stats), text(n.fields(), "transit_gw_name", stats),
                    text(n.fields(), "group_name", stats), addresses(n.fields(), stats)));
        }
        return out;
    }
}
