package io.egressmon.ingest.copilot;

import static io.egressmon.ingest.copilot.TolerantJson.oddity;
import static io.egressmon.ingest.copilot.TolerantJson.typeOf;

import io.egressmon.ingest.IngestStats;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the answer of {@code GET /api/flowiq/field_agg}: {@code {"value": [{"key": ip, "value":
 * bytes}, ...]}} (a bare list is read too). A key that is not text, or bytes that are not a
 * non-negative whole number, skip their element; a key seen twice keeps its first element; each is
 * counted in {@link IngestStats#flowiqSkippedBuckets}. {@code "value": null} or {@code {}} is an
 * answer with no keys. Anything else is of the wrong shape.
 */
final class FieldAggReader {
    private static final Logger log = LoggerFactory.getLogger(FieldAggReader.class);

    private FieldAggReader() {
    }

    static FieldAggAnswer read(Object json, IngestStats stats) {
        Object list = json;
        if (json instanceof JsonObject o) {
            if (o.containsKey("value")) {
                list = o.getValue("value");
            } else if (o.isEmpty()) {
                list = null;
            } else {
                throw new IllegalStateException("expected {\"value\": [...]}, got an object with " + o.fieldNames());
            }
            if (list == null) {
                oddity(stats, "field_agg: no \"value\" list, taken as no keys");
                return new FieldAggAnswer(List.of(), 0);
            }
        }
        if (!(list instanceof JsonArray array)) {
            throw new IllegalStateException("expected {\"value\": [...]}, got " + typeOf(list));
        }
        List<FieldAggBucket> out = new ArrayList<>(array.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            Object element = array.getValue(i);
            if (!(element instanceof JsonObject b)) {
                skipped(stats, "key #" + i + " is " + typeOf(element) + ", not an object");
                continue;
            }
            Object key = b.getValue("key");
            if (!(key instanceof String k) || k.isBlank()) {
                skipped(stats, "key #" + i + " has key " + (key == null ? "null" : typeOf(key) + " " + key));
                continue;
            }
            Object value = b.getValue("value");
            Long bytes = value == null ? null : TolerantJson.wholeNumber(value);
            if (bytes == null || bytes < 0) {
                skipped(stats, "key " + k + " has value " + value + ", not a byte count");
                continue;
            }
            if (!seen.add(k.strip())) {
                skipped(stats, "key " + k + " appears twice; the first one is kept");
                continue;
            }
            out.add(new FieldAggBucket(k.strip(), bytes));
        }
        return new FieldAggAnswer(out, array.size());
    }

    private static void skipped(IngestStats stats, String what) {
        stats.flowiqSkippedBuckets.incrementAndGet();
        log.debug("CoPilot field_agg answer: {}: skipped", what);
    }
}
