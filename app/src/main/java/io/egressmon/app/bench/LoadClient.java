package io.egressmon.app.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A small HTTP/1.1 load generator: {@code clients} threads, each with one keep-alive connection,
 * sending the same GET back to back for a while and timing every answer (a closed loop, as wrk does).
 * Plain sockets, so the client's own cost per request stays a few microseconds.
 */
final class LoadClient {
    /** What a run measured: answers per second over the run, and their latencies. */
    record Result(long requests, double seconds, Latencies latencies) {
        double perSecond() {
            return requests / seconds;
        }
    }

    private LoadClient() {
    }

    /** One request on a fresh connection, for checks: the status and body. */
    static String get(URI url) throws IOException {
        try (Connection c = new Connection(url)) {
            return c.get();
        }
    }

    /**
     * Runs {@code clients} connections against {@code url} for {@code duration} or until each sent
     * {@code maxRequestsPerClient}; every answer must be 200, else the run fails with the first other answer.
     */
    static Result run(URI url, int clients, Duration duration, long maxRequestsPerClient, int maxSamplesPerClient)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Latencies> perClient = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long[] counts = new long[clients];
        long[] end = new long[1];
        for (int i = 0; i < clients; i++) {
            Latencies mine = new Latencies(maxSamplesPerClient);
            perClient.add(mine);
            int index = i;
            Thread t = new Thread(() -> {
                try (Connection c = new Connection(url)) {
                    start.await();
                    while (System.nanoTime() < end[0] && counts[index] < maxRequestsPerClient && failure.get() == null) {
                        long s = System.nanoTime();
                        c.get();
                        if (mine.count() < maxSamplesPerClient) {
                            mine.record(System.nanoTime() - s);
                        }
                        counts[index]++;
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "load-client-" + i);
            threads.add(t);
            t.start();
        }
        long begin = System.nanoTime();
        end[0] = begin + duration.toNanos();
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        if (failure.get() != null) {
            throw failure.get();
        }
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return new Result(total, seconds, Latencies.merge(perClient));
    }

    /** One keep-alive HTTP/1.1 connection. */
    private static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final byte[] request;
        private final String path;

        Connection(URI url) throws IOException {
            socket = new Socket(url.getHost(), url.getPort());
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            out = socket.getOutputStream();
            path = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
            request = ("GET " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                    + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        }

        /** Sends the request and reads the whole answer; returns its body. */
        String get() throws IOException {
            out.write(request);
            out.flush();
            String status = line();
            if (status == null) {
                throw new IOException("connection closed by the server before answering GET " + path);
            }
            int length = -1;
            for (String header = line(); header != null && !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = colon < 0 ? header : header.substring(0, colon).trim();
                if (name.equalsIgnoreCase("content-length")) {
                    length = Integer.parseInt(header.substring(colon + 1).trim());
                } else if (name.equalsIgnoreCase("transfer-encoding")) {
                    throw new IOException("chunked answers are not supported by this client: GET " + path);
                }
            }
            if (length < 0) {
                throw new IOException("answer without content-length to GET " + path + ": " + status);
            }
            byte[] body = in.readNBytes(length);
            if (body.length != length) {
                throw new IOException("answer to GET " + path + " cut at " + body.length + " of " + length + " bytes");
            }
            String text = new String(body, StandardCharsets.UTF_8);
            if (!status.startsWith("HTTP/1.1 200")) {
                throw new IOException("GET " + path + " answered " + status + ": " + text);
            }
            return text;
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder(64);
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    int n = sb.length();
                    return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
                }
                sb.append((char) b);
            }
            return sb.length() == 0 ? null : sb.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
