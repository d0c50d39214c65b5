package io.egressmon.app.bench;

import io.egressmon.api.ApiJson;
import io.egressmon.api.HealthAnswer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code GET /health} of a streams-app instance on loopback, over one kept-alive connection that is
 * made again whenever it fails: how a bench watches an instance it started.
 */
final class HealthLooks implements AutoCloseable {
    private final int port;
    private ScrapeClient client;

    HealthLooks(int port) {
        this.port = port;
    }

    /**
     * Its answer, or null while there is none to read: not listening yet, a connection lost, or an
     * answer that is not its health (another process on the port, say), which the bench then waits out.
     */
    HealthAnswer look() {
        try {
            if (client == null) {
                client = new ScrapeClient("127.0.0.1", port);
            }
            ScrapeClient.Answer answer = client.get("/health");
            // 200, or 503 with the same JSON once Kafka Streams has died.
            if (answer.status() != 200 && answer.status() != 503) {
                return null;
            }
            return ApiJson.read(answer.text(), HealthAnswer.class);
        } catch (IOException | IllegalArgumentException notHealth) {
            close();
            return null;
        }
    }

    @Override
    public void close() {
        if (client != null) {
            try {
                client.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the connection to /health on port " + port, e);
            } finally {
                client = null;
            }
        }
    }
}
