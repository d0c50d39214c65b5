package io.egressmon.ingest.copilot;

import static io.egressmon.ingest.copilot.TolerantJson.oddity;
import static io.egressmon.ingest.copilot.TolerantJson.typeOf;

import io.egressmon.ingest.IngestStats;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the answer of {@code POST /api/reports/report/performance}: a list with one element per
 * requested gateway, matched by position, each with the min/max of its interfaces' byte counters.
 * Nulls, missing keys and empty {@code interfaces} are counted and read as no value; they never
 * fail the call. Only a list of the wrong length does ({@link MisalignedAnswer}), since it cannot
 * be matched to the gateways.
 */
final class PerformanceReader {
    private static final Logger log = LoggerFactory.getLogger(PerformanceReader.class);

    private PerformanceReader() {
    }

    /** One result per gateway of {@code gateways}, in the same order. */
    static List<GatewayPerformance> read(List<String> gateways, Object json, IngestStats stats) {
        if (!(json instanceof JsonArray array)) {
            throw new IllegalStateException("expected a list with one element per gateway, got " + typeOf(json));
        }
        if (array.size() != gateways.size()) {
            if (gateways.size() == 1 && array.isEmpty()) {
                stats.emptyInterfaces.incrementAndGet();
                log.debug("performance of {}: empty answer, taken as no data", gateways.get(0));
                return List.of(GatewayPerformance.empty(gateways.get(0)));
            }
            stats.unknownShapes.incrementAndGet();
            throw new MisalignedAnswer(array.size() + " answer elements for " + gateways.size() + " gateways");
        }
        List<GatewayPerformance> out = new ArrayList<>(gateways.size());
        for (int i = 0; i < gateways.size(); i++) {
            out.add(element(gateways.get(i), array.getValue(i), stats));
        }
        return out;
    }

    private static GatewayPerformance element(String gateway, Object element, IngestStats stats) {
        if (!(element instanceof JsonObject o)) {
            oddity(stats, "performance of " + gateway + " is " + typeOf(element) + ", not an object: no data");
            return GatewayPerformance.empty(gateway);
        }
        Object value = o.getValue("interfaces");
        if (value == null || (value instanceof JsonObject empty && empty.isEmpty())) {
            stats.emptyInterfaces.incrementAndGet();
            log.debug("performance of {}: no interfaces in the answer", gateway);
            return GatewayPerformance.empty(gateway);
        }
        if (!(value instanceof JsonObject interfaces)) {
            oddity(stats, "performance of " + gateway + ": interfaces is " + typeOf(value) + ": no data");
            return GatewayPerformance.empty(gateway);
        }
        Map<String, InterfaceMinMax> out = new LinkedHashMap<>();
        for (String name : interfaces.fieldNames()) {
            Object iface = interfaces.getValue(name);
            if (!(iface instanceof JsonObject counters)) {
                oddity(stats, "performance of " + gateway + "/" + name + " is " + typeOf(iface) + ": skipped");
                continue;
            }
            Long[] rx = minMax(gateway, name, counters, "rx_bytes", stats);
            Long[] tx = minMax(gateway, name, counters, "tx_bytes", stats);
            InterfaceMinMax mm = new InterfaceMinMax(rx[0], rx[1], tx[0], tx[1]);
            if (!mm.isEmpty()) {
                out.put(name, mm);
            }
        }
        return new GatewayPerformance(gateway, out);
    }

    private static Long[] minMax(String gateway, String iface, JsonObject counters, String metric, IngestStats stats) {
        Object m = counters.getValue(metric);
        if (m == null) {
            stats.nullValues.addAndGet(2);
            log.debug("performance of {}/{}: no {}", gateway, iface, metric);
            return new Long[] {null, null};
        }
        if (!(m instanceof JsonObject range)) {
            oddity(stats, "performance of " + gateway + "/" + iface + ": " + metric + " is " + typeOf(m));
            return new Long[] {null, null};
        }
        String where = gateway + "/" + iface + "/" + metric;
        return new Long[] {counter(where, "min", range.getValue("min"), stats),
                counter(where, "max", range.getValue("max"), stats)};
    }

    /** A cumulative counter: a non-negative whole number; anything else is counted and left out. */
    private static Long counter(String where, String which, Object v, IngestStats stats) {
        if (v == null) {
            stats.nullValues.incrementAndGet();
            log.debug("performance of {}: {} is null", where, which);
            return null;
        }
        Long value = TolerantJson.wholeNumber(v);
        if (value == null || value < 0) {
            oddity(stats, "performance of " + where + ": " + which + " " + v + " is not a counter value");
            return null;
        }
        return value;
    }
}
