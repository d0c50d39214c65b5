package io.egressmon.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import picocli.CommandLine;

/**
 * A stub of egressmon's REST API on a loopback port, answering one path with a settable status and
 * body and recording the query strings it was asked, plus a runner of {@code report ...} against it that
 * captures stdout and stderr, and the assertions the CLI tests share. As a test class's
 * {@code @RegisterExtension} field it is started per test and closed after it.
 */
final class StubApi implements AutoCloseable, AfterEachCallback {
    final List<String> queries = new CopyOnWriteArrayList<>();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    volatile int status = 200;
    volatile String body;
    private final HttpServer server;

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    StubApi(String path, String initialBody) throws IOException {
        body = initialBody;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(path, exchange -> {
            queries.add(exchange.getRequestURI().getRawQuery());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(bytes);
            }
        });
        server.start();
    }

    /** {@code report args...}, with {@code --url} of this stub unless the args name one. */
    int run(String... args) {
        String[] withUrl = args;
        boolean hasUrl = List.of(args).contains("--url");
        if (args.length > 0 && !hasUrl) {
            withUrl = new String[args.length + 2];
            System.arraycopy(args, 0, withUrl, 0, args.length);
            withUrl[args.length] = "--url";
            withUrl[args.length + 1] = url() + "/";
        }
        CommandLine cli = new CommandLine(new ReportCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(withUrl);
    }

    /** The stub's base URL, {@code http://127.0.0.1:PORT}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Runs {@code report args...}, which must succeed and print the resource {@code expected} exactly, nothing on stderr. */
    void assertPrints(String expected, String... args) {
        clearOutput();
        assertEquals(0, run(args), err::toString);
        assertEquals(resource(expected), out.toString());
        assertEquals("", err.toString());
    }

    /** Runs {@code report args...}, which must exit with {@code exitCode} and print nothing on stdout; returns stderr. */
    String assertFails(int exitCode, String... args) {
        clearOutput();
        assertEquals(exitCode, run(args), err::toString);
        assertEquals("", out.toString());
        return err.toString();
    }

    private void clearOutput() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The URL of a loopback port nobody listens on. */
    static String closedUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    /** A test resource under {@code cli/}, as UTF-8 text. */
    /** A started stub answering {@code path} with the test resource {@code cli/<answer>}. */
    static StubApi answering(String path, String answer) {
        try {
            return new StubApi(path, resource(answer));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the stub API", e);
        }
    }

    static String resource(String name) {
        try (InputStream in = StubApi.class.getResourceAsStream("/cli/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource cli/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
