package io.egressmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The strict Prometheus text-format reader of the /metrics tests")
class PrometheusTextTest {
    private static final String HISTOGRAM = """
            # HELP req_seconds Requests \\\\ served\\nby route
            # TYPE req_seconds histogram
            req_seconds_bucket{route="/a",le="0.1"} 1.0
            req_seconds_bucket{route="/a",le="+Inf"} 2.0
            req_seconds_count{route="/a"} 2.0
            req_seconds_sum{route="/a"} 0.5
            # TYPE up gauge
            up NaN
            up{path="C:\\\\x \\"q\\"\\n"} -Inf 1700000000000
            # TYPE c_total counter
            c_total 3e2
            """;

    @Test
    @DisplayName("reads families, escapes, NaN and infinities, and a histogram whose +Inf bucket is its count")
    void readsAValidText() {
        Map<String, PrometheusText.Family> f = PrometheusText.parse(HISTOGRAM);
        assertEquals(3, f.size());
        assertEquals("histogram", f.get("req_seconds").type());
        assertEquals("Requests \\ served\nby route", f.get("req_seconds").help());
        assertEquals(2.0, f.get("req_seconds").value("req_seconds_count", Map.of("route", "/a")));
        assertTrue(Double.isNaN(f.get("up").value("up", Map.of())));
        assertEquals(Double.NEGATIVE_INFINITY, f.get("up").value("up", Map.of("path", "C:\\x \"q\"\n")));
        assertEquals(300.0, f.get("c_total").value("c_total", Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "9bad 1\n",                                      // metric name
            "x{9l=\"a\"} 1\n",                               // label name
            "x{__l=\"a\"} 1\n",                              // reserved label name
            "x{l=\"a\\t\"} 1\n",                             // escape
            "x{l=\"a\"",                                     // no line feed at the end
            "x{l=\"a} 1\n",                                  // value not closed
            "x{l=a} 1\n",                                    // value not quoted
            "x{l=\"a\" m=\"b\"} 1\n",                        // no comma
            "x 1,5\n",                                       // value
            "x Infinity\n",                                  // Go's float syntax: +Inf
            "x 1 2 3\n",                                     // too many fields
            "x 1 1.5\n",                                     // timestamp
            "x 1\nx 2\n",                                    // series twice
            "x 1\ny 1\nx{a=\"b\"} 1\n",                      // samples apart
            "x 1\n# TYPE x gauge\n",                         // TYPE after samples
            "# TYPE x gauge\n# TYPE x gauge\nx 1\n",         // TYPE twice
            "# TYPE x meter\nx 1\n",                         // type
            "# TYPE x counter\nx -1\n",                      // negative counter
            "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_count 1\nh_sum 1\n",                        // no +Inf
            "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\nh_sum 1\n", // decreasing
            "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 1\nh_sum 1\n",                      // count ≠ +Inf
            "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n",                               // no sum
    })
    @DisplayName("refuses what Prometheus would refuse or misread")
    void refuses(String text) {
        assertThrows(AssertionError.class, () -> PrometheusText.parse(text));
    }
}
