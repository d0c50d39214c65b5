package io.egressmon.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian's {@code prometheus} package: {@code /usr/bin/prometheus} and
 * {@code promtool}) on a loopback port, with its storage in a directory of the test's, and its HTTP
 * API read as JSON.
 */
final class PrometheusServer implements AutoCloseable {
    private static final String INSTALL = "install Debian's prometheus package (apt-get install -y prometheus; .ci/run does)";
    private static final ObjectMapper JSON = new ObjectMapper();

    final String url;
    private final Process process;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();

    private PrometheusServer(String url, Process process, Path log) {
        this.url = url;
        this.process = process;
        this.log = log;
    }

    /** The path of {@code name} on the PATH; fails naming the package when it is not there. */
    static Path binary(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError(name + " is not on the PATH: " + INSTALL);
    }

    /** {@code promtool ARGS…}: its exit code and its output (stdout and stderr together). */
    record Result(int exitCode, String output) {
    }

    static Result promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary("promtool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("promtool " + String.join(" ", args) + " did not finish in 60 s: " + out);
        }
        return new Result(p.exitValue(), out);
    }

    /** Starts Prometheus with {@code config}, its storage and log under {@code dir}; returns once it is ready. */
    static PrometheusServer start(Path config, Path dir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(binary("prometheus").toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer("http://127.0.0.1:" + port, process, log);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!server.ready()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                server.close();
                throw new AssertionError("Prometheus did not become ready: " + server.log());
            }
            Thread.sleep(200);
        }
        return server;
    }

    private boolean ready() throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url + "/-/ready")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code GET /api/v1/targets}: the active targets. */
    JsonNode targets() throws IOException, InterruptedException {
        return get("/api/v1/targets").path("data").path("activeTargets");
    }

    /** {@code GET /api/v1/query?query=EXPR}: the whole answer, {@code status} {@code error} included. */
    JsonNode query(String expr) throws IOException, InterruptedException {
        return get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
    }

    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()); // a 400 for a bad expression still answers JSON with "error"
    }

    /** Prometheus' own log, for a failure's message. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
