package io.egressmon.streams.web;

import io.egressmon.api.ApiException;
import io.egressmon.api.ApiJson;
import io.egressmon.api.BadParameter;
import io.egressmon.api.ErrorAnswer;
import io.egressmon.api.QueryParameters;
import io.egressmon.api.Unavailable;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How the REST API reads a request's parameters and writes its answers, errors included. */
final class Replies {
    static final String JSON = "application/json";
    static final String CSV = "text/csv; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

    private Replies() {
    }

    /** A body and its content type. */
    record Body(String contentType, Buffer bytes) {
        static Body json(Object answer) {
            return new Body(JSON, JsonBuffer.of(answer));
        }

        static Body csv(String text) {
            return new Body(CSV, Buffer.buffer(text));
        }
    }

    /** The query parameters, one value each, only names the endpoint knows. @throws BadParameter otherwise */
    static QueryParameters parameters(RoutingContext ctx, Set<String> allowed) {
        MultiMap query;
        try {
            query = ctx.queryParams();
        } catch (RuntimeException e) {
            throw new BadParameter("query", "the query string cannot be decoded (" + e.getMessage()
                    + "); percent-encode special characters");
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String name : query.names()) {
            values.put(name, query.getAll(name));
        }
        return QueryParameters.of(values, allowed);
    }

    /** 200 with the answer once it is there, else what the failure says. */
    static void reply(RoutingContext ctx, Future<Body> answer) {
        answer.onSuccess(body -> {
            if (!ctx.response().ended()) {
                ctx.response().setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, body.contentType()).end(body.bytes());
            }
        }).onFailure(e -> fail(ctx, e));
    }

    /** Maps a failure to its answer: the API's exceptions say what happened; anything else is logged and is a 500. */
    static void fail(RoutingContext ctx, Throwable failure) {
        Throwable e = failure;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (ctx.response().ended() || ctx.response().closed()) {
            LOG.warn("{} {} failed after its answer was sent: {}", ctx.request().method(), ctx.request().uri(), e.toString());
            return;
        }
        if (e instanceof ApiException refused) {
            if (refused instanceof Unavailable) {
                LOG.debug("{} {}: unavailable: {}", ctx.request().method(), ctx.request().uri(), e.getMessage());
                ctx.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Unavailable.RETRY_AFTER_SECONDS));
            }
            send(ctx, refused.status(), refused.answer());
        } else {
            // The exception's text stays in the log: it can describe internals a client should not see.
            String reference = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
            LOG.error("{} {} failed (reference {})", ctx.request().method(), ctx.request().uri(), reference, e);
            send(ctx, 500, new ErrorAnswer(ErrorAnswer.INTERNAL, null, "internal error; the server log has the details under reference "
                    + reference, null, reference));
        }
    }

    static void send(RoutingContext ctx, int status, Object answer) {
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(ApiJson.write(answer));
    }
}
