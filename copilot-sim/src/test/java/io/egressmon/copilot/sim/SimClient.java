package io.egressmon.copilot.sim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;

/** A plain HTTP client for tests that keeps cookies, as a CoPilot client does. */
final class SimClient {

    private final String baseUrl;
    private final HttpClient http;

    SimClient(CopilotSimulator simulator) {
        this(simulator, null);
    }

    /** Over HTTPS with {@code tls} (null: the JDK's default), verifying the host name as every client should. */
    SimClient(CopilotSimulator simulator, SSLContext tls) {
        this.baseUrl = simulator.baseUrl();
        HttpClient.Builder builder = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5));
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
    }

    /** The answer, or the failure of the exchange itself (a closed connection, a failed handshake). */
    HttpResponse<String> getOrFailure(String path) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> login(String username, String password) {
        return post("/api/login", new JsonObject().put("username", username).put("password", password).encode());
    }

    HttpResponse<String> login() {
        return login("admin", "simulator");
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
    }

    CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) {
        return post(path, "application/json", body);
    }

    HttpResponse<String> post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("content-type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** One performance request element, as the original script sends it. */
    static JsonObject query(String gateway, Instant start, Instant end) {
        return new JsonObject()
                .put("gatewayName", gateway)
                .put("systemMetrics", new JsonArray())
                .put("interfaceMetrics", new JsonArray().add("rx_bytes").add("tx_bytes"))
                .put("start", start.toString())
                .put("end", end.toString())
                .put("perInterfaceStats", true);
    }

    JsonArray performance(List<JsonObject> queries) {
        HttpResponse<String> response = post("/api/reports/report/performance", new JsonArray(List.copyOf(queries)).encode());
        if (response.statusCode() != 200) {
            throw new AssertionError("performance answered " + response.statusCode() + ": " + response.body());
        }
        return new JsonArray(response.body());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
