package io.egressmon.streams.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.egressmon.api.ApiJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsonBufferTest {

    private static void assertSameAsText(Object answer) {
        assertArrayEquals(ApiJson.write(answer).getBytes(StandardCharsets.UTF_8), JsonBuffer.of(answer).getBytes());
    }

    @Test
    @DisplayName("A small answer is the UTF-8 of its JSON text")
    void small() {
        assertSameAsText(Map.of("gateway", "spoke-é", "bytes", 42));
    }

    @Test
    @DisplayName("An answer over many growing blocks, multi-byte characters across their edges, is the UTF-8 of its JSON text")
    void large() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            rows.add(Map.of("gateway", "spoke-" + i + "-€ü", "bytes", (long) i * 1_000_003));
        }
        assertSameAsText(Map.of("gateways", rows));
    }
}
