package io.egressmon.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PythonJsonTest {

    @Test
    @DisplayName("nesting, empty containers, literals and key order come out as json.dumps(indent=2) prints them")
    void layoutLikePython() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("a", List.of());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("empty", Map.of());
        doc.put("none", null);
        doc.put("t", true);
        doc.put("f", false);
        doc.put("n", Arrays.asList(1, List.of(), inner));
        // Printed by Python 3.11: json.dumps({...}, indent=2)
        String expected = """
                {
                  "empty": {},
                  "none": null,
                  "t": true,
                  "f": false,
                  "n": [
                    1,
                    [],
                    {
                      "a": []
                    }
                  ]
                }""";
        assertEquals(expected, PythonJson.dumps(doc));
    }

    @Test
    @DisplayName("strings are escaped as ensure_ascii does: lower-case \\uXXXX, surrogate pairs, DEL included")
    void escapesLikeEnsureAscii() {
        String s = "caf\u00e9 \"q\" back\\slash \t\b\f\r\n \u0001 \u007f \uD83D\uDE00 ~";
        // Python: json.dumps("café \"q\" back\\slash \t\b\f\r\n \x01 \x7f 😀 ~")
        String expected = "\"caf\\u00e9 \\\"q\\\" back\\\\slash \\t\\b\\f\\r\\n \\u0001 \\u007f \\ud83d\\ude00 ~\"";
        assertEquals(expected, PythonJson.dumps(s));
    }

    @Test
    @DisplayName("floating point numbers are refused rather than printed unlike Python")
    void refusesDoubles() {
        assertThrows(IllegalArgumentException.class, () -> PythonJson.dumps(List.of(1.5)));
    }
}
