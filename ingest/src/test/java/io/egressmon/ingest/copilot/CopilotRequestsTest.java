package io.egressmon.ingest.copilot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("What the client asks CoPilot")
class CopilotRequestsTest {

    @Test
    @DisplayName("the performance request is a list with one element per gateway, times in ISO with milliseconds and Z")
    void performanceBody() {
        JsonArray body = CopilotClient.performanceBody(List.of("a", "b"),
                Instant.parse("2026-01-11T00:00:00Z"), Instant.parse("2026-02-10T00:00:00.5Z"));
        assertEquals(new JsonArray(List.of(
                new JsonObject().put("gatewayName", "a").put("systemMetrics", new JsonArray())
                        .put("interfaceMetrics", new JsonArray().add("rx_bytes").add("tx_bytes"))
                        .put("start", "2026-01-11T00:00:00.000Z").put("end", "2026-02-10T00:00:00.500Z")
                        .put("perInterfaceStats", true),
                new JsonObject().put("gatewayName", "b").put("systemMetrics", new JsonArray())
                        .put("interfaceMetrics", new JsonArray().add("rx_bytes").add("tx_bytes"))
                        .put("start", "2026-01-11T00:00:00.000Z").put("end", "2026-02-10T00:00:00.500Z")
                        .put("perInterfaceStats", true))), body);
    }

    @Test
    @DisplayName("field_agg: the query as the scripts send it — bytes per field, ISO times with ms and Z, every value URL-encoded")
    void fieldAggPath() {
        String path = CopilotClient.fieldAggPath("netflow.dst_addr", "(a:\"x y\" OR b) AND c:\"10.0.0.0/8\"",
                Instant.parse("2026-01-11T10:00:00Z"), Instant.parse("2026-01-11T10:14:59.999Z"), 1000);
        assertEquals("/api/flowiq/field_agg?field=netflow.dst_addr&metric=bytes"
                + "&query_string=%28a%3A%22x+y%22+OR+b%29+AND+c%3A%2210.0.0.0%2F8%22"
                + "&date_range%5Bgte%5D=2026-01-11T10%3A00%3A00.000Z&date_range%5Blte%5D=2026-01-11T10%3A14%3A59.999Z"
                + "&date_range%5Btime_zone%5D=%2B00%3A00&interval=1d&size=1000", path);
    }
}
