package io.egressmon.copilot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Latency")
class LatencyTest {

    @Test
    @DisplayName("delays every response, on timers: concurrent calls wait side by side, not in turn")
    void latency() throws Exception {
        try (CopilotSimulator simulator = CopilotSimulator.start(SimulatorConfig.defaults().withLatency(Duration.ofMillis(200)))) {
            SimClient client = new SimClient(simulator);
            long started = System.nanoTime();
            assertEquals(200, client.login().statusCode());
            assertTrue(System.nanoTime() - started >= 200_000_000L, "login waited the latency");
            started = System.nanoTime();
            assertEquals(200, client.get("/api/gateways").statusCode());
            assertTrue(System.nanoTime() - started >= 200_000_000L, "a call waited the latency");

            started = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 20)
                    .mapToObj(i -> client.getAsync("/api/gateways")).toList();
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                assertEquals(200, call.get().statusCode());
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis >= 200 && millis < 2000, "20 concurrent calls took " + millis + " ms");
        }
    }
}
