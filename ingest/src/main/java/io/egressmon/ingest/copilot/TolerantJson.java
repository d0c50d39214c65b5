package io.egressmon.ingest.copilot;

import io.egressmon.ingest.IngestStats;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reading rules every CoPilot answer shares. CoPilot's answers vary between versions and
 * sometimes carry nulls, numbers as text or elements of the wrong kind; a call must not fail on a
 * detail, but no detail may go unnoticed either, so each oddity is counted in
 * {@link IngestStats#unknownShapes} and logged at debug.
 */
final class TolerantJson {
    private static final Logger log = LoggerFactory.getLogger(TolerantJson.class);

    /** An element of a gateway list that is an object with a usable {@code gw_name}. */
    record NamedGateway(String name, JsonObject fields) {
    }

    private TolerantJson() {
    }

    /**
     * The list under {@code results}, or the answer itself when it is a bare list. Anything else is
     * of the wrong shape ({@link IllegalStateException}), described by {@code expected}.
     */
    static JsonArray results(Object json, String expected) {
        Object list = json instanceof JsonObject o ? o.getValue("results") : json;
        if (!(list instanceof JsonArray array)) {
            throw new IllegalStateException("expected " + expected + ", got " + typeOf(json));
        }
        return array;
    }

    /**
     * The elements of {@code array} that are objects with a non-blank {@code gw_name}, in order;
     * the others are skipped and counted, {@code element} naming them in the log (e.g. "gateway").
     */
    static List<NamedGateway> namedGateways(JsonArray array, String element, IngestStats stats) {
        List<NamedGateway> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            Object value = array.getValue(i);
            if (!(value instanceof JsonObject g)) {
                oddity(stats, element + " #" + i + " is " + typeOf(value) + ", not an object: skipped");
                continue;
            }
            String name = text(g, "gw_name", stats);
            if (name == null || name.isBlank()) {
                oddity(stats, element + " #" + i + " has no gw_name: skipped");
                continue;
            }
            out.add(new NamedGateway(name, g));
        }
        return out;
    }

    /** A value as text: numbers and booleans are written out; objects and lists are counted and read as null. */
    static String text(JsonObject o, String key, IngestStats stats) {
        Object v = o.getValue(key);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        oddity(stats, key + " is " + typeOf(v) + ", not text: ignored");
        return null;
    }

    /**
     * A whole number in any JSON notation ({@code 12}, {@code 1.2e1}, {@code 12.0}, {@code "12"}), or
     * null for fractions, text, and numbers beyond a long.
     */
    static Long wholeNumber(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger big) {
            return big.bitLength() < 64 ? big.longValue() : null;
        }
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            if (!(v instanceof BigDecimal) && !Double.isFinite(((Number) v).doubleValue())) {
                return null;
            }
            BigDecimal d = v instanceof BigDecimal bd ? bd : new BigDecimal(((Number) v).doubleValue());
            try {
                return d.stripTrailingZeros().longValueExact();
            } catch (ArithmeticException e) {
                return null;
            }
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Counts and logs something in an answer that was not as expected but did not fail the call. */
    static void oddity(IngestStats stats, String what) {
        stats.unknownShapes.incrementAndGet();
        log.debug("CoPilot answer: {}", what);
    }

    /** How a JSON value is named in messages: "null", "an object", "a list", "a String", ... */
    static String typeOf(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof JsonObject) {
            return "an object";
        }
        if (v instanceof JsonArray) {
            return "a list";
        }
        return "a " + v.getClass().getSimpleName();
    }
}
