package io.egressmon.app.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * GETs over one kept-alive HTTP/1.1 connection, written and read in the caller's thread, with the
 * headers Prometheus sends (gzip accepted): how a scrape loop talks to a target. The JDK's
 * {@code HttpClient} hands every answer between three threads (the caller, its selector, its executor);
 * on two cores taken by a backfill each hand-over waits for a core, which added about 20 ms to the
 * median scrape it timed (docs/benchmarks.md): the client's latency, not the server's.
 */
final class ScrapeClient implements AutoCloseable {
    /** Prometheus 2.x's scrape {@code Accept} header. */
    static final String ACCEPT = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
            + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    /** One answer; {@code body} as it came over the wire. */
    record Answer(int status, boolean gzip, byte[] body) {
        /** The body as text, decompressed when it came gzip-compressed. */
        String text() throws IOException {
            if (!gzip) {
                return new String(body, StandardCharsets.UTF_8);
            }
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private final String host;
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    ScrapeClient(String host, int port) throws IOException {
        this.host = host + ":" + port;
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    }

    /** GETs {@code path} and reads the whole answer. */
    Answer get(String path) throws IOException {
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: " + ACCEPT
                + "\r\nAccept-Encoding: gzip\r\nUser-Agent: egressmon-bench\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = line();
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x answer to GET " + path + ": " + status);
        }
        long length = -1;
        boolean chunked = false;
        boolean gzip = false;
        boolean close = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                throw new IOException("a header line without ':' answering GET " + path + ": " + header);
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "content-encoding" -> gzip = value.equals("gzip");
                case "connection" -> close = value.equals("close");
                default -> {
                }
            }
        }
        byte[] body;
        if (chunked) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int size = chunkSize(); size > 0; size = chunkSize()) {
                all.write(exactly(size));
                line();
            }
            String trailer;
            do {
                trailer = line(); // trailers, if any, read past
            } while (!trailer.isEmpty());
            body = all.toByteArray();
        } else if (length >= 0) {
            body = exactly((int) length);
        } else {
            throw new IOException("an answer to GET " + path + " with neither Content-Length nor chunks");
        }
        if (close) {
            throw new IOException("the server closed the kept-alive connection after GET " + path);
        }
        return new Answer(Integer.parseInt(parts[1]), gzip, body);
    }

    private int chunkSize() throws IOException {
        String size = line();
        int semicolon = size.indexOf(';');
        return Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
    }

    private byte[] exactly(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw new EOFException("the connection ended " + (n - bytes.length) + " bytes before the answer's end");
        }
        return bytes;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the connection ended in a line: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
