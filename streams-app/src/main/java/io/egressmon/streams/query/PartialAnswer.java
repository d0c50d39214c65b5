package io.egressmon.streams.query;

import io.egressmon.streams.counters.RawTotals;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one instance answers for the partitions it hosts actively: raw totals per gateway over a
 * {@link PeriodPlan}, and the partitions the numbers cover (confirmed by its local stores).
 *
 * @param host       who answered (for messages)
 * @param partitions the partitions covered
 * @param totals     raw totals per gateway of those partitions
 */
public record PartialAnswer(String host, Set<Integer> partitions, Map<String, RawTotals> totals) implements CoveredPartitions {

    public PartialAnswer {
        Objects.requireNonNull(host, "host");
        partitions = Set.copyOf(partitions);
        totals = Map.copyOf(totals);
    }

    /** The body of {@code GET /internal/v1/bandwidth/partial}. */
    public JsonObject toJson() {
        JsonObject gateways = new JsonObject();
        new TreeMap<>(totals).forEach((gateway, t) -> gateways.put(gateway, new JsonObject()
                .put("eth0_rx_bytes", t.eth0Rx())
                .put("eth0_tx_bytes", t.eth0Tx())
                .put("tunnel_rx_bytes", t.tunnelRx())
                .put("tunnel_tx_bytes", t.tunnelTx())
                .put("resets", t.resets())));
        return new JsonObject()
                .put("host", host)
                .put("partitions", new JsonArray(new TreeSet<>(partitions).stream().map(p -> (Object) p).toList()))
                .put("gateways", gateways);
    }

    /** Reads {@link #toJson()}'s shape; a field missing or of the wrong type is an error, not a zero. */
    public static PartialAnswer fromJson(JsonObject json) {
        try {
            Set<Integer> partitions = new TreeSet<>();
            for (Object p : json.getJsonArray("partitions")) {
                partitions.add(((Number) p).intValue());
            }
            Map<String, RawTotals> totals = new TreeMap<>();
            JsonObject gateways = json.getJsonObject("gateways");
            for (String gateway : gateways.fieldNames()) {
                JsonObject t = gateways.getJsonObject(gateway);
                totals.put(gateway, new RawTotals(required(t, "eth0_rx_bytes"), required(t, "eth0_tx_bytes"),
                        required(t, "tunnel_rx_bytes"), required(t, "tunnel_tx_bytes"),
                        (int) required(t, "resets")));
            }
            return new PartialAnswer(Objects.requireNonNull(json.getString("host"), "host"), partitions, totals);
        } catch (RuntimeException e) {
            throw new IllegalStateException("unreadable partial answer from another instance: " + e.getMessage()
                    + ": " + abbreviate(json.encode()), e);
        }
    }

    private static long required(JsonObject o, String field) {
        Long v = o.getLong(field);
        if (v == null) {
            throw new IllegalArgumentException("missing " + field);
        }
        return v;
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }
}
