package io.egressmon.ingest.copilot;

import static io.egressmon.ingest.copilot.AnswerJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.egressmon.ingest.IngestStats;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The reading rules every CoPilot answer shares")
class TolerantJsonTest {
    private final IngestStats stats = new IngestStats();

    @Test
    @DisplayName("a whole number is read in any notation; fractions, text, infinities and numbers beyond a long are not")
    void wholeNumbers() {
        assertEquals(12L, TolerantJson.wholeNumber(12));
        assertEquals(12L, TolerantJson.wholeNumber(12.0));
        assertEquals(12L, TolerantJson.wholeNumber(new BigDecimal("1.2e1")));
        assertEquals(12L, TolerantJson.wholeNumber(" 12 "));
        assertEquals(Long.MAX_VALUE, TolerantJson.wholeNumber(BigInteger.valueOf(Long.MAX_VALUE)));
        assertNull(TolerantJson.wholeNumber(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE)));
        assertNull(TolerantJson.wholeNumber(1.5));
        assertNull(TolerantJson.wholeNumber(Double.POSITIVE_INFINITY));
        assertNull(TolerantJson.wholeNumber("twelve"));
        assertNull(TolerantJson.wholeNumber(true));
    }

    @Test
    @DisplayName("text: numbers and booleans are written out; an object or a list is counted and read as null")
    void text() {
        JsonObject o = (JsonObject) json("{'s': 'x', 'n': 3, 'b': false, 'o': {}, 'l': [], 'z': null}");
        assertEquals("x", TolerantJson.text(o, "s", stats));
        assertEquals("3", TolerantJson.text(o, "n", stats));
        assertEquals("false", TolerantJson.text(o, "b", stats));
        assertNull(TolerantJson.text(o, "z", stats));
        assertNull(TolerantJson.text(o, "missing", stats));
        assertEquals(0, stats.unknownShapes.get());
        assertNull(TolerantJson.text(o, "o", stats));
        assertNull(TolerantJson.text(o, "l", stats));
        assertEquals(2, stats.unknownShapes.get());
    }

    @Test
    @DisplayName("a gateway list keeps the objects with a gw_name, in order, and counts the others")
    void namedGateways() {
        JsonArray list = (JsonArray) json("[{'gw_name': 'a'}, {'gw_name': ' '}, 'b', {'gw_name': 'c', 'x': 1}]");
        assertEquals(List.of("a", "c"),
                TolerantJson.namedGateways(list, "gateway", stats).stream().map(TolerantJson.NamedGateway::name).toList());
        assertEquals(2, stats.unknownShapes.get());
    }
}
