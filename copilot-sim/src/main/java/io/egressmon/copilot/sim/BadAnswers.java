package io.egressmon.copilot.sim;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How each {@link BadAnswer} is sent in place of a data call's right answer, always with status
 * 200. Where a kind has two forms, {@code n} (the count of that kind so far) alternates them, so
 * that a test sees both. The right answer is never changed otherwise: a client that asks again gets it.
 */
final class BadAnswers {
    /** CoPilot's sign-in page, as its web server answers an API call without a valid session. */
    static final String LOGIN_PAGE = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<title>Aviatrix CoPilot</title>\n</head>\n<body>\n<div id=\"root\">\n<form method=\"post\" action=\"/api/login\">\n"
            + "<input name=\"username\" placeholder=\"Username\">\n<input name=\"password\" type=\"password\">\n"
            + "<button type=\"submit\">Sign in</button>\n</form>\n</div>\n</body>\n</html>\n";

    private static final int CHUNK = 64 * 1024;
    private static final String TRACE_FIELD = "\"debug_trace\":\"";

    private BadAnswers() {
    }

    /** Sends {@code kind} instead of {@code answer} (a JSON object or list). Not for {@link BadAnswer#TLS_NAME_MISMATCH}. */
    static void send(BadAnswer kind, RoutingContext ctx, Object answer, long n, long hugeBodyBytes) {
        String body = encode(answer);
        HttpServerResponse response = ctx.response().setStatusCode(200);
        switch (kind) {
            case MALFORMED_JSON -> json(response).end(malformed(body));
            case TRUNCATED_BODY -> {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                Buffer half = Buffer.buffer(Arrays.copyOf(bytes, bytes.length / 2));
                if (n % 2 == 1) {
                    // A proxy that buffered part of the answer and passed on what it had, with an honest length.
                    json(response).end(half);
                } else {
                    // The whole length announced, half of it sent, then the connection closed.
                    json(response).putHeader("content-length", Integer.toString(bytes.length));
                    response.write(half).onComplete(ar -> ctx.request().connection().close());
                }
            }
            case WRONG_TYPE -> json(response).end(encode(wrongType(answer, n)));
            case LOGIN_PAGE -> response.putHeader("content-type", "text/html; charset=utf-8").end(LOGIN_PAGE);
            case HUGE_BODY -> huge(json(response), body, hugeBodyBytes);
            case TLS_NAME_MISMATCH -> throw new IllegalArgumentException("a TLS name mismatch happens at the handshake");
        }
    }

    private static HttpServerResponse json(HttpServerResponse response) {
        return response.putHeader("content-type", "application/json");
    }

    /** Any JSON value as its document: an object, a list, or a bare number. */
    private static String encode(Object answer) {
        return Json.encode(answer);
    }

    /** The document with the colon after a key in its second half taken out: {@code "key" value} is no JSON. */
    static String malformed(String body) {
        int at = body.indexOf("\":", body.length() / 2);
        if (at < 0) {
            at = body.indexOf("\":");
        }
        if (at < 0) {
            return "{" + body;
        }
        return body.substring(0, at + 1) + " " + body.substring(at + 2);
    }

    /**
     * The answer with its list replaced: an object keyed by position ({@code n} odd: a map where a
     * list is expected) or the list's length ({@code n} even: a number where a list is expected).
     */
    static Object wrongType(Object answer, long n) {
        if (answer instanceof JsonObject o) {
            JsonObject copy = o.copy();
            for (String key : o.fieldNames()) {
                if (o.getValue(key) instanceof JsonArray list) {
                    copy.put(key, wrongType(list, n));
                    return copy;
                }
            }
            return n % 2 == 1 ? new JsonArray().add(copy) : o.size();
        }
        JsonArray list = (JsonArray) answer;
        if (n % 2 == 0) {
            return list.size();
        }
        JsonObject byPosition = new JsonObject();
        for (int i = 0; i < list.size(); i++) {
            byPosition.put(Integer.toString(i), list.getValue(i));
        }
        return byPosition;
    }

    /**
     * The answer with a string field of padding in its (first) object, so that the whole is
     * {@code size} bytes: still valid JSON, with the right data in it. Written in chunks as the
     * client reads, so the simulator never holds it whole.
     */
    private static void huge(HttpServerResponse response, String body, long size) {
        int open = body.startsWith("[{") ? 2 : body.startsWith("{") ? 1 : -1;
        String head;
        String tail;
        if (open > 0) {
            boolean empty = body.charAt(open) == '}';
            head = body.substring(0, open) + TRACE_FIELD;
            tail = "\"" + (empty ? "" : ",") + body.substring(open);
        } else {
            // A list without an object in front: pad with white space after its bracket.
            head = body.substring(0, 1);
            tail = body.substring(1);
        }
        char fill = open > 0 ? 'x' : ' ';
        long padding = Math.max(0, size - head.length() - tail.length());
        response.putHeader("content-length", Long.toString(head.length() + padding + tail.length()));
        response.write(head);
        Buffer chunk = Buffer.buffer(String.valueOf(fill).repeat(CHUNK));
        new Padding(response, chunk, padding, tail).run();
    }

    /** Writes the padding chunk by chunk, waiting whenever the connection's queue is full. */
    private static final class Padding implements Runnable {
        private final HttpServerResponse response;
        private final Buffer chunk;
        private final String tail;
        private long left;

        Padding(HttpServerResponse response, Buffer chunk, long left, String tail) {
            this.response = response;
            this.chunk = chunk;
            this.left = left;
            this.tail = tail;
        }

        @Override
        public void run() {
            while (left > 0) {
                if (response.closed()) {
                    return;
                }
                int n = (int) Math.min(CHUNK, left);
                response.write(n == CHUNK ? chunk : chunk.getBuffer(0, n));
                left -= n;
                if (response.writeQueueFull()) {
                    response.drainHandler(v -> run());
                    return;
                }
            }
            if (!response.closed()) {
                response.end(tail);
            }
        }
    }
}
