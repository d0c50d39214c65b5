package io.egressmon.copilot.sim;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The "odd JSON" fault, applied to one element of a performance response (chosen with probability
 * {@link Faults#oddJsonRate()} per element). It does exactly one of:
 * <ol>
 *   <li><b>null value</b>: one interface's {@code rx_bytes} or {@code tx_bytes} gets {@code null}
 *       for its {@code min} or its {@code max};</li>
 *   <li><b>missing key</b>: the same, but the {@code min} or {@code max} key is left out;</li>
 *   <li><b>unknown fields</b>: adds fields the client has never heard of — {@code "status"} and
 *       {@code "sampling_interval_s"} next to {@code "interfaces"}, and {@code "avg"} and
 *       {@code "unit"} in every metric object.</li>
 * </ol>
 * It never changes a number, never drops an interface or a whole metric, and never adds an
 * interface. So the element only ever loses information, and a client that notices a null or
 * missing value and asks again (every call rolls afresh) converges on the true answer. An element
 * with no interfaces can only get unknown fields.
 */
final class OddJson {

    enum Kind { NULL_VALUE, MISSING_KEY, UNKNOWN_FIELDS }

    private OddJson() {
    }

    /** Makes {@code element} odd in place; returns what it did. */
    static Kind apply(JsonObject element, Random random) {
        JsonObject interfaces = element.getJsonObject("interfaces");
        List<JsonObject> metrics = new ArrayList<>();
        if (interfaces != null) {
            for (String name : interfaces.fieldNames()) {
                JsonObject iface = interfaces.getJsonObject(name);
                for (String metric : iface.fieldNames()) {
                    metrics.add(iface.getJsonObject(metric));
                }
            }
        }
        Kind kind = metrics.isEmpty() ? Kind.UNKNOWN_FIELDS : Kind.values()[random.nextInt(Kind.values().length)];
        switch (kind) {
            case NULL_VALUE -> metrics.get(random.nextInt(metrics.size())).putNull(random.nextBoolean() ? "min" : "max");
            case MISSING_KEY -> metrics.get(random.nextInt(metrics.size())).remove(random.nextBoolean() ? "min" : "max");
            case UNKNOWN_FIELDS -> {
                element.put("status", "partial").put("sampling_interval_s", 60);
                for (JsonObject metric : metrics) {
                    Long min = metric.getLong("min");
                    Long max = metric.getLong("max");
                    metric.put("avg", min == null || max == null ? null : (min + max) / 2.0).put("unit", "bytes");
                }
            }
        }
        return kind;
    }
}
