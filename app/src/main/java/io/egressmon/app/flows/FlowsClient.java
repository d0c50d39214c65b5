package io.egressmon.app.flows;

import io.egressmon.api.ApiJson;
import io.egressmon.api.Endpoints;
import io.egressmon.api.ErrorAnswer;
import io.egressmon.api.flows.FlowsAnswer;
import io.egressmon.api.flows.FlowsRequest;
import io.egressmon.app.cli.ApiOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The monitor's side of {@code GET /api/v1/flows}: asynchronous, so a slow server never freezes the
 * keys, and never failing: a refused request, an unreachable server or an unreadable answer comes back
 * as a message for the status line.
 */
final class FlowsClient {
    /** The answer to {@code request}, or why there is none. */
    record Fetched(FlowsRequest request, FlowsAnswer answer, String error) {
    }

    private final String baseUrl;
    private final Duration timeout;
    private final HttpClient http;

    /** @param baseUrl the REST API's base, without a trailing slash (checked by {@link ApiOptions}) */
    FlowsClient(String baseUrl, Duration timeout) {
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    CompletableFuture<Fetched> fetch(FlowsRequest request) {
        String query = request.toQuery().toString();
        URI uri = URI.create(baseUrl + Endpoints.FLOWS + (query.isEmpty() ? "" : "?" + query));
        return get(uri).handle((response, failure) -> {
            if (failure != null) {
                return new Fetched(request, null, describe(failure));
            }
            if (response.statusCode() != 200) {
                return new Fetched(request, null, ErrorAnswer.fromResponse(response.statusCode(), response.body()).describe());
            }
            try {
                return new Fetched(request, ApiJson.read(response.body(), FlowsAnswer.class), null);
            } catch (IllegalArgumentException e) {
                return new Fetched(request, null, "unexpected answer from " + uri + ": " + e.getMessage());
            }
        });
    }

    /** A GET of {@code uri} (the ingest's health, say), with this client's timeout. */
    CompletableFuture<HttpResponse<String>> get(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** As {@code egressmon report} words it: no answer in time, or cannot reach the server and why. */
    String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            return "no answer from " + baseUrl + " within " + timeout.toSeconds() + " s";
        }
        if (cause instanceof IOException io) {
            return "cannot reach egressmon at " + baseUrl + " (" + ApiOptions.describe(io) + ")";
        }
        return "request to " + baseUrl + " failed: " + cause;
    }
}
