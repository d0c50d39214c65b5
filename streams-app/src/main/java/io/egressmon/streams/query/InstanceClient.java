package io.egressmon.streams.query;

import io.egressmon.api.ApiException;
import io.egressmon.api.ApiJson;
import io.egressmon.api.Endpoints;
import io.egressmon.api.ErrorAnswer;
import io.egressmon.api.Partitions;
import io.egressmon.api.QueryString;
import io.egressmon.api.Unavailable;
import io.egressmon.api.alerts.AlertsPartial;
import io.egressmon.api.alerts.AlertsPartialRequest;
import io.egressmon.api.bandwidth.BandwidthPartial;
import io.egressmon.api.bandwidth.BandwidthPartialRequest;
import io.egressmon.api.coverage.CoveragePartial;
import io.egressmon.api.coverage.CoveragePartialRequest;
import io.egressmon.api.flows.FlowsPartial;
import io.egressmon.api.flows.FlowsPartialRequest;
import io.egressmon.api.talkers.TalkersPartial;
import io.egressmon.api.talkers.TalkersPartialRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;

/**
 * The other instances, asked in the API's own types: a per-gateway question forwarded to the
 * instance that owns the gateway, and the partial answers of a fan-out. What they answer is read with
 * the same records the CLI reads; their refusals come back as the same exceptions, so this instance
 * answers exactly as the owner did.
 */
public final class InstanceClient {
    /** How long a forwarded question may take at the owner. */
    public static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(30);
    /** How long a fan-out waits for another instance's part. */
    public static final Duration PARTIAL_TIMEOUT = Duration.ofSeconds(15);

    private final WebClient http;

    public InstanceClient(Vertx vertx) {
        this.http = WebClient.create(vertx);
    }

    /**
     * Asks {@code owner}, the instance hosting {@code gateway}, the same question; marked as
     * forwarded, so the owner answers it or refuses it but never forwards it again.
     *
     * @param forwarded the question already came forwarded: the partition moved in between, so it is
     *                  refused ({@link Unavailable}; the client asks again) instead of going round
     */
    public <A> Future<A> forward(String owner, String gateway, boolean forwarded, String path, QueryString query,
                                 Class<A> answer) {
        if (forwarded) {
            return Future.failedFuture(new Unavailable("gateway '" + gateway + "' moved to " + owner
                    + " while this request was being forwarded"));
        }
        return get(owner, path, query, FORWARD_TIMEOUT, true)
                .recover(e -> Future.failedFuture(new Unavailable("instance " + owner + ", which hosts gateway '"
                        + gateway + "', did not answer: " + e.getMessage(), e)))
                .compose(response -> {
                    int status = response.statusCode();
                    if (status == 200) {
                        return Future.succeededFuture(read(owner, response, answer));
                    }
                    ErrorAnswer error = ErrorAnswer.fromResponse(status, response.bodyAsString());
                    ApiException refusal = ApiException.of(status, error);
                    return Future.failedFuture(refusal != null ? refusal : new IllegalStateException(
                            "instance " + owner + " answered HTTP " + status + ": " + error.describe()));
                });
    }

    /** {@code host}'s raw totals of the partitions it hosts actively. */
    public Future<BandwidthPartial> bandwidthPartial(String host, BandwidthPartialRequest request) {
        return partial(host, Endpoints.BANDWIDTH_PARTIAL, request.toQuery(), Partitions.list(request.partitions()),
                BandwidthPartial.class);
    }

    /** {@code host}'s merged talker tables of the partitions it hosts actively. */
    public Future<TalkersPartial> talkersPartial(String host, TalkersPartialRequest request) {
        return partial(host, Endpoints.TALKERS_PARTIAL, request.toQuery(), Partitions.list(request.partitions()),
                TalkersPartial.class);
    }

    /** {@code host}'s hourly counter or flow windows of the partitions it hosts actively. */
    public Future<CoveragePartial> coveragePartial(String host, CoveragePartialRequest request) {
        return partial(host, Endpoints.COVERAGE_PARTIAL, request.toQuery(), Partitions.list(request.partitions()),
                CoveragePartial.class);
    }

    /** {@code host}'s part of a cost answer, from the cost partitions it hosts actively. */
    public Future<io.egressmon.api.cost.CostPartial> costPartial(String host, io.egressmon.api.cost.CostPartialRequest request) {
        return partial(host, Endpoints.COST_PARTIAL, request.toQuery(), Partitions.list(request.partitions()),
                io.egressmon.api.cost.CostPartial.class);
    }

    /** {@code host}'s part of the live flow table, of the partitions it hosts actively. */
    public Future<FlowsPartial> flowsPartial(String host, FlowsPartialRequest request) {
        return partial(host, Endpoints.FLOWS_PARTIAL, request.toQuery(), Partitions.list(request.partitions()),
                FlowsPartial.class);
    }

    /** {@code host}'s alerts and budget standings of the alert partitions it hosts actively. */
    public Future<AlertsPartial> alertsPartial(String host, AlertsPartialRequest request) {
        return partial(host, Endpoints.ALERTS_PARTIAL, request.toQuery(), Partitions.list(request.partitions()),
                AlertsPartial.class);
    }

    private <A> Future<A> partial(String host, String path, QueryString query, String partitions, Class<A> answer) {
        return get(host, path, query, PARTIAL_TIMEOUT, false)
                .recover(e -> Future.failedFuture(new Unavailable("instance " + host
                        + " did not answer for partitions " + partitions + ": " + e.getMessage(), e)))
                .compose(response -> {
                    if (response.statusCode() == 200) {
                        return Future.succeededFuture(read(host, response, answer));
                    }
                    String message = ErrorAnswer.fromResponse(response.statusCode(), response.bodyAsString()).message();
                    if (response.statusCode() == 503) {
                        return Future.failedFuture(new Unavailable("instance " + host + " cannot answer for partitions "
                                + partitions + " now: " + message));
                    }
                    return Future.failedFuture(new IllegalStateException("instance " + host + " answered HTTP "
                            + response.statusCode() + " for partitions " + partitions + ": " + message));
                });
    }

    private Future<HttpResponse<Buffer>> get(String base, String path, QueryString query, Duration timeout,
                                             boolean forwarded) {
        var request = http.getAbs(base + path).timeout(timeout.toMillis());
        query.values().forEach(request::addQueryParam);
        if (forwarded) {
            request.putHeader(Endpoints.FORWARDED_HEADER, "1");
        }
        return request.send();
    }

    private static <A> A read(String who, HttpResponse<Buffer> response, Class<A> type) {
        try {
            return ApiJson.read(response.bodyAsString(), type);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("unreadable answer from instance " + who + ": " + e.getMessage(), e);
        }
    }
}
