package io.egressmon.report.cost;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.egressmon.api.ApiJson;
import io.egressmon.api.cost.CostAnswer;
import io.egressmon.report.PythonJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;

/**
 * The cost report's JSON: the API's answer itself ({@code GET /api/v1/cost}, the same fields in the
 * same order, dollars as exact decimal strings), laid out as the other reports' JSON
 * ({@code json.dumps(indent=2)}, {@link PythonJson}). There was no original script to imitate, and a
 * second shape of the same answer would be a second contract to keep.
 */
public final class CostJson {
    private static final ObjectMapper TREE = new ObjectMapper();

    private CostJson() {
    }

    /** The document with a trailing newline. */
    public static String write(CostAnswer answer) {
        try {
            // The API's one mapping writes it; read back as ordered maps, lists, strings and integers.
            Object doc = TREE.readValue(ApiJson.write(answer), new TypeReference<LinkedHashMap<String, Object>>() { });
            return PythonJson.dumps(doc) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot re-read the API's own JSON", e);
        }
    }
}
